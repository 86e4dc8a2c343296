/**
 * Issue 14: `/metrics` in Prometheus text format after real SCIM, GraphQL and job traffic against the real server —
 * the counters move by exactly what was sent, seats and queues match the database, nothing names a user or token.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/db/embedded-postgres.js';
import { classify } from '../../src/observability/http-metrics.js';
import { outcomeOf } from '../../src/observability/metrics.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { entraUser, gql, productToken } from '../graphql/graphql-helpers.js';
import { Scrape } from '../helpers/prometheus.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { eventually } from '../jobs/helpers/jobs-host.js';

const TOKEN = randomBytes(18).toString('base64url');

async function scrape(url: string, token?: string): Promise<Scrape> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return new Scrape(await response.text());
}

describe('route families and outcomes', () => {
  const providers = new Set(['entra', 'okta']);
  it.each([
    ['/scim/entra/d1/Users', 'scim-users', 'entra'],
    ['/scim/okta/d1/users/42', 'scim-users', 'okta'],
    ['/scim/entra/d1/Groups/.search', 'scim-groups', 'entra'],
    ['/scim/entra/d1/ServiceProviderConfig', 'scim-discovery', 'entra'],
    ['/scim/entra/d1/Schemas/urn:x', 'scim-discovery', 'entra'],
    ['/scim/entra/d1/ResourceTypes', 'scim-discovery', 'entra'],
    ['/scim/entra/d1/Bulk', 'scim-other', 'entra'],
    ['/scim/entra', 'scim-other', 'entra'],
    ['/scim/somebody-else/d1/Users', 'scim-users', 'none'],
    ['/graphql', 'graphql', 'none'],
    ['/c/acme/jane', 'public-card', 'none'],
    ['/invites/abc', 'invites', 'none'],
    ['/healthz', 'health', 'none'],
    ['/readyz', 'health', 'none'],
    ['/metrics', 'metrics', 'none'],
    ['/favicon.ico', 'other', 'none'],
  ])('%s → %s, provider %s', (path, family, provider) => {
    expect(classify(path, providers)).toEqual({ family, provider });
  });

  it('counts 401, 429 and 503 as refused, other 4xx and 5xx as errors', () => {
    expect([200, 201, 204, 304, 400, 404, 409, 413, 401, 429, 503, 500, 502].map(outcomeOf)).toEqual([
      'success', 'success', 'success', 'success', 'client_error', 'client_error', 'client_error', 'client_error', 'refused', 'refused', 'refused', 'server_error', 'server_error',
    ]);
  });
});

describe('METRICS and OTEL_* settings', () => {
  it('reads off, on and a port; refuses anything else and the main port', () => {
    expect(loadConfig({}).metrics.mode).toBe('off');
    expect(loadConfig({ METRICS: 'on' }).metrics).toMatchObject({ mode: 'main' });
    expect(loadConfig({ METRICS: '9464' }).metrics).toMatchObject({ mode: 'port', port: 9464 });
    expect(() => loadConfig({ METRICS: 'yes' })).toThrow(/METRICS: must be off, on or a port number/);
    expect(() => loadConfig({ METRICS: '3000' })).toThrow(/METRICS: a port for \/metrics must be 1–65535 and not PORT \(3000\)/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
  });

  it('turns tracing on only with an OTLP endpoint, and parses OTEL_EXPORTER_OTLP_HEADERS', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_EXPORTER_OTLP_HEADERS: 'api-key=a%20b, X-Team=cards' });
    expect(config.tracing).toMatchObject({ url: 'http://collector:4318/v1/traces', serviceName: 'cardbridge', sampleRatio: 1, exportDelayMs: 5000 });
    expect(Object.fromEntries(Object.entries(config.tracing!.headers).map(([k, v]) => [k, v.reveal()]))).toEqual({ 'api-key': 'a b', 'x-team': 'cards' });
    expect(JSON.stringify(config.tracing)).not.toContain('a b');
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://c.example/traces' }).tracing!.url).toBe('https://c.example/traces');
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'novalue' })).toThrow(/OTEL_EXPORTER_OTLP_HEADERS/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/only http\/json is supported/);
  });
});

describe('METRICS=on: /metrics on the main port after real traffic', () => {
  let host: TestHost;
  let client: ScimClient;
  let directoryId: string;
  let secretToken: string;
  beforeAll(async () => {
    const closedPort = await freePort();
    host = await startHost({
      env: {
        METRICS: 'on',
        METRICS_TOKEN: TOKEN,
        // Invite mails go to a port nobody listens on: every attempt fails, each retry is counted.
        SMTP_URL: `smtp://127.0.0.1:${closedPort}`,
        JOBS_POLL_INTERVAL_SECONDS: '0.5',
        JOBS_RETRY_LIMIT: '1',
        JOBS_RETRY_DELAY_SECONDS: '1',
      },
    });
    const directory = await host.createDirectory({ org: 'metrics', provider: 'entra', seats: 10, settings: { invitesEnabled: true } });
    ({ directoryId, secretToken } = directory);
    client = scimClient(directory.tenantUrl, secretToken);
  });
  afterAll(async () => await host?.close());

  it('asks for the bearer token', async () => {
    const missing = await fetch(`${host.url}/metrics`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="cardbridge-metrics"');
    expect(await missing.text()).not.toContain('cardbridge_');
    expect((await fetch(`${host.url}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
  });

  it('moves the request, latency and SCIM error counters by exactly the traffic sent', async () => {
    const before = await scrape(`${host.url}/metrics`, TOKEN);
    const created = await Promise.all([1, 2, 3].map((n) => client.post('/Users', entraUser(n, 'metrics.example'))));
    expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await client.post('/Users', entraUser(1, 'metrics.example'))).status).toBe(409);
    const missing = await client.get('/Users/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const badFilter = await client.get(`/Users?filter=${encodeURIComponent('userName eq')}`);
    expect([badFilter.status, badFilter.body.scimType]).toEqual([400, 'invalidFilter']);
    expect((await scimClient(client.baseUrl, 'cbt_wrong').get('/Users')).status).toBe(401);
    expect((await client.get('/ServiceProviderConfig')).status).toBe(200);
    expect((await client.get('/Groups')).status).toBe(200);
    const token = await productToken({ org: 'metrics', role: 'admin' });
    const users = await gql(host, '{ users(first: 10) { totalCount } }', {}, token);
    expect(users.data.users.totalCount).toBe(3);
    expect((await gql(host, '{ users(first: 10) { totalCount }', {}, token)).status).toBe(400);
    expect((await fetch(`${host.url}/healthz`)).status).toBe(200);

    const after = await scrape(`${host.url}/metrics`, TOKEN);
    const moved = (name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    const requests = (family: string, provider: string, outcome: string, statusClass: string) => moved('cardbridge_http_requests_total', { family, provider, outcome, status_class: statusClass });
    expect(requests('scim-users', 'entra', 'success', '2xx')).toBe(3);
    expect(requests('scim-users', 'entra', 'client_error', '4xx')).toBe(3);
    expect(requests('scim-users', 'entra', 'refused', '4xx')).toBe(1);
    expect(requests('scim-discovery', 'entra', 'success', '2xx')).toBe(1);
    expect(requests('scim-groups', 'entra', 'success', '2xx')).toBe(1);
    expect(requests('graphql', 'none', 'success', '2xx')).toBe(1);
    expect(requests('graphql', 'none', 'client_error', '4xx')).toBe(1);
    expect(requests('health', 'none', 'success', '2xx')).toBe(1);
    // the earlier scrape, and the two refused ones of the previous test
    expect(after.value('cardbridge_http_requests_total', { family: 'metrics', provider: 'none', outcome: 'success', status_class: '2xx' })).toBe(1);
    expect(after.value('cardbridge_http_requests_total', { family: 'metrics', provider: 'none', outcome: 'refused', status_class: '4xx' })).toBe(2);

    const latency = { family: 'scim-users', provider: 'entra', outcome: 'success' };
    expect(moved('cardbridge_http_request_duration_seconds_count', latency)).toBe(3);
    expect(moved('cardbridge_http_request_duration_seconds_bucket', { ...latency, le: '+Inf' })).toBe(3);
    expect(moved('cardbridge_http_request_duration_seconds_sum', latency)).toBeGreaterThan(0);

    const scimErrors = (scimType: string, status: string) => moved('cardbridge_scim_errors_total', { provider: 'entra', scim_type: scimType, status });
    expect(scimErrors('uniqueness', '409')).toBe(1);
    expect(scimErrors('invalidFilter', '400')).toBe(1);
    expect(scimErrors('none', '404')).toBe(1);
    expect(scimErrors('none', '401')).toBe(1);
    expect(after.all('cardbridge_scim_errors_total').reduce((sum, s) => sum + s.value, 0) - before.all('cardbridge_scim_errors_total').reduce((sum, s) => sum + s.value, 0)).toBe(4);

    // Never a user, a token or a directory id in a label.
    for (const secret of [directoryId, secretToken, TOKEN, 'metrics.example', ...created.map((r) => r.body.id as string)]) expect(after.text).not.toContain(secret);
    const labelNames = new Set(after.samples.filter((s) => s.name.startsWith('cardbridge_')).flatMap((s) => Object.keys(s.labels)));
    expect([...labelNames].sort()).toEqual(['family', 'le', 'organization', 'outcome', 'provider', 'queue', 'scim_type', 'state', 'status', 'status_class']);
  });

  it('reports seats used and the limit of each organization from the seat pool', async () => {
    const seats = await eventually(async () => {
      const now = await scrape(`${host.url}/metrics`, TOKEN);
      return now.value('cardbridge_seats_used', { organization: 'metrics' }) === 3 && now;
    }, 15_000, 'seats_used to reach 3');
    expect(seats.value('cardbridge_seats_limit', { organization: 'metrics' })).toBe(10);
    const [held] = await host.query<{ n: number }>('select count(*)::int as n from seat s join organization o on o.id = s.organization_id where o.slug = $1 and s.user_id is not null', ['metrics']);
    expect(held!.n).toBe(3);
  });

  it('counts failed job attempts and jobs that used every retry, and empties the queue depth', async () => {
    // 3 invites × (first attempt + 1 retry), each refused by the closed SMTP port.
    const done = await eventually(async () => {
      const now = await scrape(`${host.url}/metrics`, TOKEN);
      return now.value('cardbridge_jobs_dead', { queue: 'invite-email' }) === 3 && now;
    }, 30_000, 'three dead invite jobs');
    expect(done.value('cardbridge_jobs_failed_total', { queue: 'invite-email' })).toBe(6);
    expect(done.value('cardbridge_jobs_queue_depth', { queue: 'invite-email' })).toBe(0);
    expect(done.find('cardbridge_jobs_queue_depth', { queue: 'photo-sync' })?.value).toBe(0);
    expect(done.find('cardbridge_jobs_failed_total', { queue: 'photo-sync' })?.value).toBe(0);
  });

  it('reports the database pool and the event-loop lag', async () => {
    const now = await scrape(`${host.url}/metrics`, TOKEN);
    expect(now.value('cardbridge_db_pool_max')).toBe(5);
    const total = now.find('cardbridge_db_pool_connections', { state: 'total' })!.value;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(5);
    expect(now.find('cardbridge_db_pool_connections', { state: 'idle' })!.value).toBeLessThanOrEqual(total);
    expect(now.find('cardbridge_db_pool_connections', { state: 'waiting' })!.value).toBe(0);
    expect(now.find('nodejs_eventloop_lag_seconds')!.value).toBeGreaterThanOrEqual(0);
    expect(now.find('nodejs_eventloop_lag_p99_seconds')).toBeDefined();
  });
});

describe('METRICS=<port>: a listener of its own', () => {
  let host: TestHost;
  let metricsPort: number;
  let dataDir: string;
  beforeAll(async () => {
    metricsPort = await freePort();
    dataDir = await mkdtemp(join(tmpdir(), 'cardbridge-metrics-'));
    // Workers poll rarely here: queued invites stay queued, so the queue depth shows them.
    host = await startHost({ env: { METRICS: String(metricsPort), DATA_DIR: dataDir, JOBS_POLL_INTERVAL_SECONDS: '600' } });
  });
  afterAll(async () => {
    await host?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers /metrics there, not on the main port, and counts the main port’s requests', async () => {
    expect((await fetch(`${host.url}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' })).status).toBe(405);
    const before = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
    expect((await fetch(`${host.url}/readyz`)).status).toBe(200);
    const after = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
    const health = { family: 'health', provider: 'none', outcome: 'success', status_class: '2xx' };
    expect(after.value('cardbridge_http_requests_total', health) - before.value('cardbridge_http_requests_total', health)).toBe(1);
    // the main port's 404 for /metrics counts too; scrapes on this port do not
    expect(after.value('cardbridge_http_requests_total', { family: 'metrics', provider: 'none', outcome: 'client_error', status_class: '4xx' })).toBe(1);
  });

  it('shows invites waiting in the queue', async () => {
    const directory = await host.createDirectory({ org: 'queued', provider: 'entra', settings: { invitesEnabled: true } });
    const client = scimClient(directory.tenantUrl, directory.secretToken);
    for (const n of [1, 2]) expect((await client.post('/Users', entraUser(n, 'queued.example'))).status).toBe(201);
    await eventually(async () => {
      const now = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
      return now.value('cardbridge_jobs_queue_depth', { queue: 'invite-email' }) === 2;
    }, 15_000, 'two queued invite jobs');
  });
});

describe('METRICS=off (the default)', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost();
  });
  afterAll(async () => await host?.close());

  it('has no /metrics', async () => {
    const response = await fetch(`${host.url}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('cardbridge_');
  });
});
