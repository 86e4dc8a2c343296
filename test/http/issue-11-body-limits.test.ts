/**
 * Issue 11, item 1: the bounds around request bodies, one by one, against a real host. Authentication before the
 * body (SCIM and GraphQL), the process-wide body budget (503 + Retry-After), the body and headers timeouts, and the
 * per-directory limit on concurrent SCIM requests (429 + Retry-After).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlugin } from '../../src/plugin-host/plugin-loader.js';
import { scimClient } from '../../src/testkit/scim-client.js';
import { productToken } from '../graphql/graphql-helpers.js';
import { probePlugin } from '../helpers/probe-plugin.js';
import { rawRequest, within } from '../helpers/raw-http.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const KB = 1024;

let host: TestHost;
const slow: (() => void)[] = [];
let slowArrived = 0;

beforeAll(async () => {
  const probe = probePlugin({ onSlow: (release) => void (slow.push(release), slowArrived++) });
  host = await startHost({
    plugins: [probe, await importPlugin('entra')],
    env: { BODY_LIMIT: '64kb', BODY_BUDGET: '100kb', BODY_TIMEOUT_SECONDS: '3', HEADERS_TIMEOUT_SECONDS: '2', SCIM_MAX_CONCURRENT_PER_DIRECTORY: '2' },
  });
});
afterAll(async () => {
  for (const release of slow) release();
  await host?.close();
});

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits until the provisioning log has the event of a request sent after the refusals (events are written in
 * batches, in order) and the refusal counts are written; returns the statuses logged as events and the counts.
 */
async function logOf(directoryId: string, after: () => Promise<unknown>): Promise<{ eventStatuses: number[]; refused: { reason: string; status: number; count: number }[] }> {
  await after();
  await until(async () => (await host.query("select 1 from provisioning_event where directory_id = $1 and method = 'GET'", [directoryId])).length > 0, 'the GET to be logged');
  await until(async () => (await host.query('select 1 from refused_request where directory_id = $1', [directoryId])).length > 0, 'the refusals to be counted');
  const events = await host.query<{ status: number }>('select status from provisioning_event where directory_id = $1 order by status', [directoryId]);
  const refused = await host.query<{ reason: string; status: number; count: number }>('select reason, status, count from refused_request where directory_id = $1', [directoryId]);
  return { eventStatuses: [...new Set(events.map((e) => e.status))], refused };
}

/** A user document padded with JSON whitespace to `size` bytes. */
function paddedUser(userName: string, size: number): string {
  const json = JSON.stringify({ schemas: [USER], userName });
  return json + ' '.repeat(size - json.length);
}

describe('authentication before the body', () => {
  it('refuses a SCIM request with a missing or wrong token without reading its body', async () => {
    const entra = await host.createDirectory({ org: 'auth-first', provider: 'entra' });
    const path = new URL(`${entra.tenantUrl}/Users`).pathname;
    for (const authorization of [undefined, 'Bearer cbt_not_a_token', `Bearer ${entra.secretToken}x`]) {
      // Headers that announce 60 kB, and not one byte of it: the answer can only come before the body.
      const exchange = rawRequest(host.url, {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/scim+json', 'content-length': String(60 * KB), ...(authorization ? { authorization } : {}) },
      });
      const response = await within(exchange.response, 3_000, 'no answer');
      expect(response, String(authorization)).toMatchObject({ status: 401, headers: { connection: 'close', 'www-authenticate': expect.stringContaining('Bearer') } });
      expect(JSON.parse((response as { body: string }).body)).toMatchObject({ schemas: [ERROR], status: '401' });
      // The server closes the connection instead of waiting for the body.
      expect(await within(exchange.closed, 3_000, 'still open')).toBeUndefined();
    }
    expect(await host.query('select count(*)::int as n from app_user where directory_id = $1', [entra.directoryId])).toEqual([{ n: 0 }]);
  });

  it('answers a path with no directory under a plugin with a SCIM 404, without reading the body', async () => {
    const exchange = rawRequest(host.url, { method: 'POST', path: '/scim/entra/', headers: { 'content-type': 'application/scim+json', 'content-length': String(60 * KB) } });
    const response = await within(exchange.response, 3_000, 'no answer');
    expect(response).toMatchObject({ status: 404, headers: { connection: 'close' } });
    expect(JSON.parse((response as { body: string }).body)).toMatchObject({ schemas: [ERROR], status: '404' });
  });

  it('refuses POST /graphql with an invalid Authorization before reading its body', async () => {
    const exchange = rawRequest(host.url, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', 'content-length': String(60 * KB), authorization: 'Bearer not.a.jwt' },
    });
    const response = await within(exchange.response, 3_000, 'no answer');
    expect(response).toMatchObject({ status: 401, headers: { connection: 'close' } });
    expect(JSON.parse((response as { body: string }).body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('the body budget', () => {
  it('answers 503 + Retry-After (SCIM and GraphQL shape) while bodies in flight fill it, and serves again once they go', async () => {
    const a = await host.createDirectory({ org: 'budget', provider: 'entra', name: 'a' });
    const b = await host.createDirectory({ org: 'budget', provider: 'entra', name: 'b' });
    // An authenticated body of 60 kB that stalls after 10 bytes: its 60 kB stay reserved (budget 100 kB).
    const stalled = rawRequest(host.url, {
      method: 'POST',
      path: new URL(`${a.tenantUrl}/Users`).pathname,
      headers: { 'content-type': 'application/scim+json', 'content-length': String(60 * KB), authorization: `Bearer ${a.secretToken}` },
      body: '{"schemas"',
    });
    await until(() => host.server.bodies.budget.inFlightBytes >= 60 * KB, 'the stalled body to be reserved');
    // Another directory (not its concurrency limit): a 60 kB body does not fit beside it.
    const client = scimClient(b.tenantUrl, b.secretToken);
    const refused = await client.raw('POST', '/Users', paddedUser('late@budget.example', 60 * KB), 'application/scim+json');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.body).toMatchObject({ schemas: [ERROR], status: '503' });
    const token = await productToken({ org: 'budget', role: 'admin' });
    const graphql = await fetch(`${host.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { role } }' }) + ' '.repeat(60 * KB),
    });
    expect(graphql.status).toBe(503);
    expect(graphql.headers.get('retry-after')).toBe('2');
    expect(((await graphql.json()) as any).errors[0].extensions.code).toBe('UNAVAILABLE');
    // A body is charged what it costs parsed: 6 kB of `[{},{},…]` is ~70 kB of heap, more than is left.
    const structured = JSON.stringify({ schemas: [USER], userName: 'nested@budget.example', emails: Array.from({ length: 1000 }, () => ({})) });
    expect(structured.length).toBeLessThan(8 * KB);
    const charged = await client.raw('POST', '/Users', structured, 'application/scim+json');
    expect(charged.status).toBe(503);
    expect(charged.body).toMatchObject({ schemas: [ERROR], status: '503' });
    // Small bodies still fit.
    expect((await client.post('/Users', { schemas: [USER], userName: 'small@budget.example' })).status).toBe(201);
    // The two refusals are counted as refused requests of the directory, not logged one event each.
    expect(await logOf(b.directoryId, () => client.get('/Users?count=1'))).toEqual({ eventStatuses: [200, 201], refused: [{ reason: 'body-budget', status: 503, count: 2 }] });

    stalled.destroy();
    await until(() => host.server.bodies.budget.inFlightBytes === 0, 'the stalled body to be released');
    const served = await client.raw('POST', '/Users', paddedUser('late@budget.example', 60 * KB), 'application/scim+json');
    expect(served.status).toBe(201);
  });
});

describe('bodies without a token (anonymous GraphQL)', () => {
  it('are small and cannot take the budget from authenticated requests', async () => {
    const big = await fetch(`${host.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) + ' '.repeat(20 * KB) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    // The anonymous share of a 100 kB budget is 16 kB: one stalled anonymous body of 10 kB leaves no room for another.
    const stalled = rawRequest(host.url, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', 'content-length': String(10 * KB) }, body: '{"query"' });
    await until(() => host.server.bodies.anonymousBudget.inFlightBytes >= 10 * KB, 'the anonymous body to be reserved');
    const second = await fetch(`${host.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) + ' '.repeat(10 * KB) });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('2');
    // Authenticated bodies of the same size are read.
    const entra = await host.createDirectory({ org: 'anonymous', provider: 'entra' });
    const created = await scimClient(entra.tenantUrl, entra.secretToken).raw('POST', '/Users', paddedUser('kept@anonymous.example', 10 * KB), 'application/scim+json');
    expect(created.status).toBe(201);
    stalled.destroy();
    await until(() => host.server.bodies.budget.inFlightBytes === 0, 'the anonymous body to be released');
  });
});

describe('timeouts', () => {
  it('cuts off a body that stalls past the body timeout with a SCIM 408 and closes the connection', async () => {
    const entra = await host.createDirectory({ org: 'body-timeout', provider: 'entra' });
    const started = performance.now();
    const exchange = rawRequest(host.url, {
      method: 'POST',
      path: new URL(`${entra.tenantUrl}/Users`).pathname,
      headers: { 'content-type': 'application/scim+json', 'content-length': '1000', authorization: `Bearer ${entra.secretToken}` },
      body: '{"schemas":',
    });
    const response = await within(exchange.response, 10_000, 'no answer');
    expect(response).toMatchObject({ status: 408, headers: { connection: 'close' } });
    expect(JSON.parse((response as { body: string }).body)).toMatchObject({ schemas: [ERROR], status: '408' });
    expect(performance.now() - started).toBeGreaterThan(2_500);
    expect(await within(exchange.closed, 3_000, 'still open')).toBeUndefined();
    expect(host.server.bodies.budget.inFlightBytes).toBe(0);
  });

  it('disconnects a client that stalls inside its headers after the headers timeout', async () => {
    const exchange = rawRequest(host.url, { method: 'GET', path: '/healthz', headerBytes: 20 });
    expect(await within(exchange.closed, 10_000, 'still open')).toBeUndefined();
  });
});

describe('concurrent requests per directory', () => {
  it('answers 429 + Retry-After in SCIM shape past the limit, for that directory only', async () => {
    const busy = await host.createDirectory({ org: 'busy', provider: 'probe', name: 'busy' });
    const calm = await host.createDirectory({ org: 'busy', provider: 'probe', name: 'calm' });
    const headers = { authorization: `Bearer ${busy.secretToken}` };
    const before = slowArrived;
    const inFlight = [1, 2].map(() => fetch(`${busy.tenantUrl}/slow`, { headers }));
    await until(() => slowArrived === before + 2, 'two requests in progress');
    const third = await fetch(`${busy.tenantUrl}/whoami`, { headers });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(await third.json()).toMatchObject({ schemas: [ERROR], status: '429' });
    const other = await fetch(`${calm.tenantUrl}/whoami`, { headers: { authorization: `Bearer ${calm.secretToken}` } });
    expect(other.status).toBe(200);

    for (const release of slow.splice(0)) release();
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual([200, 200]);
    // The refusal is counted as a refused request of the directory, not logged as an event.
    const log = await logOf(busy.directoryId, async () => expect((await fetch(`${busy.tenantUrl}/whoami`, { headers })).status).toBe(200));
    expect(log).toEqual({ eventStatuses: [200], refused: [{ reason: 'concurrency-limit', status: 429, count: 1 }] });
  });
});

describe('one authentication per request', () => {
  it('takes one rate-limit token per request although the host authenticates before the route does', async () => {
    const limited = await startHost({ env: { SCIM_RATE_LIMIT_PER_SECOND: '1' } });
    try {
      const entra = await limited.createDirectory({ org: 'rate', provider: 'entra' });
      const client = scimClient(entra.tenantUrl, entra.secretToken);
      // A burst of 2: two requests pass, the third is limited (two authentications per request would limit the second).
      expect((await client.get('/Users?count=1')).status).toBe(200);
      expect((await client.get('/Users?count=1')).status).toBe(200);
      expect((await client.get('/Users?count=1')).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
