/**
 * The seat forecast and go-live over GraphQL (issue 13, item 4): the warning comes before the first refusal, the
 * organization's forecast counts every preview directory's needs, the mode is chosen at createDirectory and in
 * updateDirectorySettings, and each role sees or may do what it should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, entraUser, gql, productToken } from './graphql-helpers.js';

let host: TestHost;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => await host?.close());

const FORECAST = 'query ($id: ID!) { directory(id: $id) { mode seatForecast { limit used available needed remaining warnBelow status message } } }';

describe('seat forecast of a live directory', () => {
  it('turns LOW while creates still succeed, before the first SEAT_LIMIT_REACHED', async () => {
    const dir = await host.createDirectory({ org: 'forecast-live', provider: 'entra', seats: 3 });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    const viewer = await productToken({ org: 'forecast-live', role: 'viewer' });
    const statusAfter = async () => (await gql(host, FORECAST, { id: dir.directoryId }, viewer)).data.directory.seatForecast;

    expect(await statusAfter()).toMatchObject({ limit: 3, used: 0, available: 3, needed: 0, warnBelow: 1, status: 'OK' });
    for (const n of [1, 2]) expect((await client.post('/Users', entraUser(n, 'live.example'))).status).toBe(201);
    expect(await statusAfter()).toMatchObject({ available: 1, status: 'OK' });
    expect((await client.post('/Users', entraUser(3, 'live.example'))).status).toBe(201);
    const low = await statusAfter();
    expect(low).toMatchObject({ available: 0, remaining: 0, status: 'LOW' });
    // The warning is there and nothing was refused yet.
    expect(await host.query(`select 1 from provisioning_event where directory_id = $1 and outcome = 'failure'`, [dir.directoryId])).toEqual([]);
    // The connection status carries the same warning, without calling the connection broken.
    const PROBLEMS = 'query ($id: ID!) { directory(id: $id) { connection { state problems { code severity message fix } } } }';
    const warned = (await gql(host, PROBLEMS, { id: dir.directoryId }, viewer)).data.directory.connection;
    expect(warned.state).not.toBe('ERROR');
    expect(warned.problems).toEqual([
      { code: 'SEATS_LOW', severity: 'WARNING', message: '3 of the 3 seats are in use: the next user Microsoft Entra ID creates will be refused.', fix: 'Raise the seat limit before Microsoft Entra ID provisions more users.' },
    ]);
    const refused = await client.post('/Users', entraUser(4, 'live.example'));
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/no licence seat left/);
    // After the refusal (its event is written within moments): the refusal is the problem, not the warning as well.
    const codes = async () => (await gql(host, PROBLEMS, { id: dir.directoryId }, viewer)).data.directory.connection.problems.map((p: { code: string }) => p.code);
    const deadline = Date.now() + 10_000;
    while (!(await codes()).includes('SEAT_LIMIT_REACHED') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await codes()).toEqual(['SEAT_LIMIT_REACHED']);
  });
});

describe('seat forecast of an organization with directories in preview', () => {
  it('adds up what every preview directory needs; a directory’s own forecast counts its users only', async () => {
    const a = await host.createDirectory({ org: 'forecast-org', provider: 'entra', name: 'A', seats: 4, settings: { mode: 'preview' } });
    const b = await host.createDirectory({ org: 'forecast-org', provider: 'entra', name: 'B', settings: { mode: 'preview' } });
    const ca = scimClient(a.tenantUrl, a.secretToken);
    const cb = scimClient(b.tenantUrl, b.secretToken);
    for (const n of [1, 2, 3]) expect((await ca.post('/Users', entraUser(n, 'a.example'))).status).toBe(201);
    for (const n of [1, 2]) expect((await cb.post('/Users', entraUser(n, 'b.example'))).status).toBe(201);
    const admin = await productToken({ org: 'forecast-org', role: 'admin' });
    const response = await gql(host, `query ($a: ID!, $b: ID!) { organization { seatForecast { needed remaining shortfall status } }
      a: directory(id: $a) { seatForecast { needed remaining status } } b: directory(id: $b) { seatForecast { needed remaining status } } }`, { a: a.directoryId, b: b.directoryId }, admin);
    expect(response.errors).toBeUndefined();
    expect(response.data.organization.seatForecast).toEqual({ needed: 5, remaining: -1, shortfall: 1, status: 'EXCEEDED' });
    expect(response.data.a.seatForecast).toEqual({ needed: 3, remaining: 1, status: 'OK' });
    expect(response.data.b.seatForecast).toEqual({ needed: 2, remaining: 2, status: 'OK' });

    // A goes live (3 of 4 seats); B's forecast now sees 1 free for its 2 users.
    const live = await gql(host, 'mutation ($id: ID!) { goLiveDirectory(id: $id) { seatsClaimed cardsCreated invitesQueued } }', { id: a.directoryId }, admin);
    expect(live.data.goLiveDirectory).toEqual({ seatsClaimed: 3, cardsCreated: 3, invitesQueued: 0 });
    const after = await gql(host, 'query ($b: ID!) { organization { seatForecast { needed available status } } directory(id: $b) { seatForecast { needed available shortfall status } } }', { b: b.directoryId }, admin);
    expect(after.data.organization.seatForecast).toEqual({ needed: 2, available: 1, status: 'EXCEEDED' });
    expect(after.data.directory.seatForecast).toEqual({ needed: 2, available: 1, shortfall: 1, status: 'EXCEEDED' });
    const connection = await gql(host, 'query ($b: ID!) { directory(id: $b) { connection { problems { code severity message fix } } } }', { b: b.directoryId }, admin);
    expect(connection.data.directory.connection.problems).toEqual([
      { code: 'SEATS_SHORT', severity: 'WARNING', message: 'Going live needs 2 seats, but only 1 of the 4 seats are free.', fix: 'Raise the seat limit by 1 or unassign users in Microsoft Entra ID before going live.' },
    ]);
    const refused = await gql(host, 'mutation ($id: ID!) { goLiveDirectory(id: $id) { seatsClaimed } }', { id: b.directoryId }, admin);
    expect(codeOf(refused)).toBe('SEAT_LIMIT_REACHED');
    expect(refused.errors![0]!.message).toContain('needs 2 seats');
    expect(await host.query('select 1 from card c join app_user u on u.id = c.user_id where u.directory_id = $1', [b.directoryId])).toEqual([]);
  });
});

describe('who may read the forecast and go live', () => {
  let directoryId: string;
  beforeAll(async () => {
    const dir = await host.createDirectory({ org: 'forecast-roles', provider: 'entra', seats: 10, settings: { mode: 'preview' } });
    directoryId = dir.directoryId;
    await host.createDirectory({ org: 'forecast-other', provider: 'entra', seats: 10 });
  });

  it('staff roles read the forecast and the preview; members may not', async () => {
    for (const role of ['owner', 'admin', 'editor', 'viewer'] as const) {
      const response = await gql(host, 'query ($id: ID!) { directory(id: $id) { seatForecast { status } preview { userCount } } organization { seatForecast { status } } }', { id: directoryId }, await productToken({ org: 'forecast-roles', role }));
      expect(response.errors, role).toBeUndefined();
      expect(response.data.organization.seatForecast.status).toBe('OK');
    }
    const member = await gql(host, '{ organization { seatForecast { status } } }', {}, await productToken({ org: 'forecast-roles', role: 'member' }));
    expect(codeOf(member)).toBe('FORBIDDEN');
  });

  it('editors and viewers may not go live; another organization’s admin gets NOT_FOUND; admins may', async () => {
    for (const role of ['editor', 'viewer', 'member'] as const) {
      const response = await gql(host, 'mutation ($id: ID!) { goLiveDirectory(id: $id) { seatsClaimed } }', { id: directoryId }, await productToken({ org: 'forecast-roles', role }));
      expect(codeOf(response), role).toBe('FORBIDDEN');
    }
    const other = await gql(host, 'mutation ($id: ID!) { goLiveDirectory(id: $id) { seatsClaimed } }', { id: directoryId }, await productToken({ org: 'forecast-other', role: 'owner' }));
    expect(codeOf(other)).toBe('NOT_FOUND');
    const bad = await gql(host, 'mutation { goLiveDirectory(id: "nope") { seatsClaimed } }', {}, await productToken({ org: 'forecast-roles', role: 'admin' }));
    expect(codeOf(bad)).toBe('NOT_FOUND');
    const ok = await gql(host, 'mutation ($id: ID!) { goLiveDirectory(id: $id) { seatsClaimed directory { mode } } }', { id: directoryId }, await productToken({ org: 'forecast-roles', role: 'admin' }));
    expect(ok.data.goLiveDirectory).toEqual({ seatsClaimed: 0, directory: { mode: 'LIVE' } });
  });
});

describe('choosing the mode', () => {
  it('createDirectory takes mode PREVIEW; updateDirectorySettings switches an empty directory and refuses the rest', async () => {
    await host.createDirectory({ org: 'forecast-mode', provider: 'entra', seats: 5 });
    const admin = await productToken({ org: 'forecast-mode', role: 'admin' });
    const made = await gql(host, 'mutation { createDirectory(input: { name: "Trial", provider: "entra", mode: PREVIEW }) { directory { id mode } } }', {}, admin);
    expect(made.errors).toBeUndefined();
    expect(made.data.createDirectory.directory.mode).toBe('PREVIEW');
    const plain = await gql(host, 'mutation { createDirectory(input: { name: "Plain", provider: "entra" }) { directory { id mode } tenantUrl secretToken } }', {}, admin);
    expect(plain.data.createDirectory.directory.mode).toBe('LIVE');
    const id = plain.data.createDirectory.directory.id;

    const update = (mode: string, directoryId = id) => gql(host, `mutation ($id: ID!) { updateDirectorySettings(input: { directoryId: $id, mode: ${mode} }) { directory { mode } } }`, { id: directoryId }, admin);
    expect((await update('PREVIEW')).data.updateDirectorySettings.directory.mode).toBe('PREVIEW');
    const back = await update('LIVE');
    expect(codeOf(back)).toBe('BAD_USER_INPUT');
    expect(back.errors![0]!.message).toContain('goLiveDirectory');
    await gql(host, 'mutation ($id: ID!) { goLiveDirectory(id: $id) { seatsClaimed } }', { id }, admin);
    const client = scimClient(plain.data.createDirectory.tenantUrl, plain.data.createDirectory.secretToken);
    expect((await client.post('/Users', entraUser(1, 'mode.example'))).status).toBe(201);
    const refused = await update('PREVIEW');
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toContain('has 1 user with seats and cards');
  });
});
