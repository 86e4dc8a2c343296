/**
 * A directory's live connection status (issue 13 item 3), driven through the real SCIM endpoint as Entra drives
 * it: waiting → Entra's Test Connection (a lookup of a made-up userName) → first user → syncing; a wrong or
 * rotated-out token, an OAuth token the directory does not accept, the seat limit and the rate limit as problems in
 * plain words with the fix; a disabled directory; seats used per directory.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient } from '../../src/testkit/scim-client.js';
import { entraUser, gql, productToken } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { eventually } from '../jobs/helpers/jobs-host.js';

const CONNECTION = `query($id: ID!) { directory(id: $id) { seatsUsed connection { state lastRequestAt testConnectionAt firstUserAt lastSyncAt
  problems { code severity message fix count firstSeenAt lastSeenAt detail } } } }`;
const PASTE_FIX = 'Paste the current Secret Token in Microsoft Entra ID → Provisioning → Admin Credentials and click Test Connection.';

let host: TestHost;
let admin: string;
let owner: string;

interface Connection {
  state: string;
  lastRequestAt: string | null;
  testConnectionAt: string | null;
  firstUserAt: string | null;
  lastSyncAt: string | null;
  problems: { code: string; severity: string; message: string; fix: string; count: number; firstSeenAt: string | null; lastSeenAt: string | null; detail: string | null }[];
}

async function read(directoryId: string, token = admin): Promise<Connection & { seatsUsed: number }> {
  const response = await gql(host, CONNECTION, { id: directoryId }, token);
  expect(response.errors).toBeUndefined();
  return { ...response.data.directory.connection, seatsUsed: response.data.directory.seatsUsed };
}

/** Waits until the connection satisfies `check` (refusal counts and the last request are written within a few seconds). */
async function until(directoryId: string, check: (c: Connection) => boolean, what: string, token = admin): Promise<Connection & { seatsUsed: number }> {
  return await eventually(async () => {
    const c = await read(directoryId, token);
    return check(c) ? c : undefined;
  }, 15_000, what);
}

/** Entra's Test Connection: a filter on a random userName, answered 200 with no results. */
async function testConnection(tenantUrl: string, token: string): Promise<number> {
  const response = await scimClient(tenantUrl, token).get(`/Users?filter=${encodeURIComponent(`userName eq "${randomUUID()}"`)}`);
  return response.status;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  host = await startHost();
  admin = await productToken({ org: 'acme', role: 'admin' });
  owner = await productToken({ org: 'acme', role: 'owner' });
});
afterAll(async () => await host?.close());

describe('Directory.connection, as Entra connects', () => {
  it('goes waiting → Test Connection seen → first user → syncing, with seats used', async () => {
    const directory = await host.createDirectory({ org: 'acme', provider: 'entra', seats: 50 });
    expect(await read(directory.directoryId)).toEqual({ state: 'WAITING_FOR_FIRST_REQUEST', lastRequestAt: null, testConnectionAt: null, firstUserAt: null, lastSyncAt: null, problems: [], seatsUsed: 0 });

    expect(await testConnection(directory.tenantUrl, directory.secretToken)).toBe(200);
    const tested = await until(directory.directoryId, (c) => c.state === 'TEST_CONNECTION_SEEN' && c.testConnectionAt !== null && c.lastRequestAt !== null, 'Test Connection seen');
    expect(tested).toMatchObject({ firstUserAt: null, lastSyncAt: null, problems: [], seatsUsed: 0 });

    const client = scimClient(directory.tenantUrl, directory.secretToken);
    expect((await client.post('/Users', entraUser(1))).status).toBe(201);
    const first = await until(directory.directoryId, (c) => c.state === 'FIRST_USER' && c.lastSyncAt !== null, 'first user');
    expect(first.firstUserAt).not.toBeNull();
    expect(first.seatsUsed).toBe(1);

    expect((await client.post('/Users', entraUser(2))).status).toBe(201);
    const syncing = await until(directory.directoryId, (c) => c.state === 'SYNCING', 'syncing');
    expect(syncing.problems).toEqual([]);
    expect(syncing.seatsUsed).toBe(2);
    expect(new Date(syncing.lastSyncAt!).getTime()).toBeGreaterThanOrEqual(new Date(first.lastSyncAt!).getTime());
  });

  it('says Entra uses a token that is not the directory’s, with the fix, until the right token arrives', async () => {
    const directory = await host.createDirectory({ org: 'acme', provider: 'entra' });
    expect(await testConnection(directory.tenantUrl, directory.secretToken)).toBe(200);
    await until(directory.directoryId, (c) => c.lastRequestAt !== null, 'first request');
    await pause(50);
    for (let i = 0; i < 3; i++) expect(await testConnection(directory.tenantUrl, 'cbt_not-this-directorys-token')).toBe(401);
    const broken = await until(directory.directoryId, (c) => c.state === 'ERROR', 'invalid token');
    expect(broken.problems).toEqual([
      {
        code: 'INVALID_TOKEN',
        severity: 'ERROR',
        message: "Microsoft Entra ID is using a token that is not this directory's.",
        fix: PASTE_FIX,
        count: 3,
        firstSeenAt: expect.any(String),
        lastSeenAt: expect.any(String),
        detail: null,
      },
    ]);
    // The admin pastes the right token and tests again: the problem is over.
    await pause(50);
    expect(await testConnection(directory.tenantUrl, directory.secretToken)).toBe(200);
    const healed = await until(directory.directoryId, (c) => c.state === 'TEST_CONNECTION_SEEN', 'token problem over');
    expect(healed.problems).toEqual([]);
  });

  it('tells a token rotated out after its overlap from a wrong one', async () => {
    const directory = await host.createDirectory({ org: 'acme', provider: 'entra' });
    expect(await testConnection(directory.tenantUrl, directory.secretToken)).toBe(200);
    await until(directory.directoryId, (c) => c.lastRequestAt !== null, 'first request');
    const rotated = await gql(host, 'mutation($input: RotateDirectoryTokenInput!) { rotateDirectoryToken(input: $input) { overlapSeconds } }', { input: { directoryId: directory.directoryId, overlapSeconds: 1 } }, admin);
    expect(rotated.errors).toBeUndefined();
    expect(rotated.data.rotateDirectoryToken.overlapSeconds).toBe(1);
    await pause(1_500);
    expect(await testConnection(directory.tenantUrl, directory.secretToken)).toBe(401);
    const broken = await until(directory.directoryId, (c) => c.state === 'ERROR', 'rotated-out token');
    expect(broken.problems.map((p) => p.code)).toEqual(['TOKEN_ROTATED_OUT']);
    expect(broken.problems[0]!.message).toMatch(/^Microsoft Entra ID is still using the Secret Token that was replaced; it stopped working at \d{4}-\d\d-\d\dT.*, when the rotation's overlap ended\.$/);
    expect(broken.problems[0]!.fix).toBe(PASTE_FIX);
  });

  it('names an OAuth access token the directory does not accept', async () => {
    const directory = await host.createDirectory({ org: 'acme', provider: 'entra' });
    const jwtShaped = ['eyJhbGciOiJSUzI1NiJ9', 'eyJhdWQiOiJhcGk6Ly9vdGhlciJ9', 'c2lnbmF0dXJl'].join('.');
    expect(await testConnection(directory.tenantUrl, jwtShaped)).toBe(401);
    const broken = await until(directory.directoryId, (c) => c.state === 'ERROR', 'OAuth token refused');
    expect(broken.problems[0]).toMatchObject({
      code: 'OAUTH_TOKEN_REFUSED',
      severity: 'ERROR',
      count: 1,
      message: 'Microsoft Entra ID sends an OAuth access token this directory does not accept: its tenant, audience or signature does not match.',
    });
    const rows = await host.query<{ reason: string }>('select reason from refused_request where directory_id = $1', [directory.directoryId]);
    expect(rows.map((r) => r.reason)).toEqual(['oauth-token-refused']);
  });

  it('reports the seat limit with the fix, until a user can be provisioned again', async () => {
    const directory = await host.createDirectory({ org: 'seatless', provider: 'entra', seats: 1 });
    const ownerOfSeatless = await productToken({ org: 'seatless', role: 'owner' });
    const adminOfSeatless = await productToken({ org: 'seatless', role: 'admin' });
    const client = scimClient(directory.tenantUrl, directory.secretToken);
    expect((await client.post('/Users', entraUser(11))).status).toBe(201);
    expect((await client.post('/Users', entraUser(12))).status).toBe(403);
    const broken = await until(directory.directoryId, (c) => c.state === 'ERROR', 'seat limit', adminOfSeatless);
    expect(broken.seatsUsed).toBe(1);
    expect(broken.problems).toEqual([
      {
        code: 'SEAT_LIMIT_REACHED',
        severity: 'ERROR',
        message: 'A user could not be provisioned: all 1 seats are in use.',
        fix: 'Raise the seat limit or unassign users in Microsoft Entra ID; Microsoft Entra ID retries the refused users in its next cycle.',
        count: 1,
        firstSeenAt: expect.any(String),
        lastSeenAt: expect.any(String),
        detail: expect.stringMatching(/^no licence seat left/),
      },
    ]);
    const raised = await gql(host, 'mutation { updateOrganization(input: { seatLimit: 5 }) { organization { seats { limit used available } } } }', {}, ownerOfSeatless);
    expect(raised.data.updateOrganization.organization.seats).toEqual({ limit: 5, used: 1, available: 4 });
    await pause(20);
    expect((await client.post('/Users', entraUser(12))).status).toBe(201);
    const healed = await until(directory.directoryId, (c) => c.state === 'SYNCING', 'seats again', adminOfSeatless);
    expect(healed.problems).toEqual([]);
    expect(healed.seatsUsed).toBe(2);
  });

  it('warns of rate limiting without calling the connection broken', async () => {
    const directory = await host.createDirectory({ org: 'acme', provider: 'entra', settings: { rateLimitPerSecond: 1 } });
    const statuses = await Promise.all(Array.from({ length: 8 }, () => testConnection(directory.tenantUrl, directory.secretToken)));
    expect(statuses).toContain(429);
    const limited = await until(directory.directoryId, (c) => c.problems.some((p) => p.code === 'RATE_LIMITED'), 'rate limited');
    expect(limited.state).toBe('TEST_CONNECTION_SEEN');
    expect(limited.problems[0]).toMatchObject({ severity: 'WARNING', message: expect.stringContaining('(1 per second)') });
  });

  it('is DISABLED for a disabled directory, and staff-only', async () => {
    const directory = await host.createDirectory({ org: 'acme', provider: 'entra' });
    const disabled = await gql(host, 'mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) { directory { status } } }', { input: { directoryId: directory.directoryId, status: 'DISABLED' } }, owner);
    expect(disabled.errors).toBeUndefined();
    expect(await testConnection(directory.tenantUrl, directory.secretToken)).toBe(403);
    const off = await until(directory.directoryId, (c) => c.problems.some((p) => p.count > 0), 'disabled refusals counted');
    expect(off.state).toBe('DISABLED');
    expect(off.problems).toEqual([expect.objectContaining({ code: 'DIRECTORY_DISABLED', count: 1, fix: 'Enable the directory, or stop provisioning in Microsoft Entra ID.' })]);
    const member = await gql(host, CONNECTION, { id: directory.directoryId }, await productToken({ org: 'acme', role: 'member' }));
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers every directory of the organization in one request', async () => {
    const [{ n }] = await host.query<{ n: number }>("select count(*)::int as n from directory d join organization o on o.id = d.organization_id where o.slug = 'acme'");
    const response = await gql(host, '{ directories { id seatsUsed connection { state problems { code } } } }', {}, admin);
    expect(response.errors).toBeUndefined();
    expect(response.data.directories).toHaveLength(n!);
    const states = response.data.directories.map((d: { connection: { state: string } }) => d.connection.state);
    expect(states).toEqual(expect.arrayContaining(['SYNCING', 'DISABLED', 'ERROR', 'TEST_CONNECTION_SEEN']));
  });
});
