/** `cardbridge directory create --mode preview`, `directory settings --mode` and `directory go-live` (issue 13, item 4). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { TEST_JWT_SECRET } from '../../src/testkit/host.js';
import { scimClient } from '../../src/testkit/scim-client.js';
import { entraUser } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

let host: TestHost;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => await host?.close());

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATABASE_URL: host.databaseUrl, PUBLIC_URL: host.config.publicUrl, AUTH_JWT_SECRET: TEST_JWT_SECRET, CARDBRIDGE_PLUGINS: 'entra' };
  const code = await runCli(['directory', ...args], env, { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('preview mode from the CLI', () => {
  it('creates a directory in preview, refuses to flip it live by setting, goes live, and refuses a second go-live', async () => {
    expect((await cli('create', '--org', 'cli-preview', '--name', 'Trial', '--provider', 'entra', '--mode', 'sometimes')).code).toBe(2);
    const made = await cli('create', '--org', 'cli-preview', '--name', 'Trial', '--provider', 'entra', '--seats', '2', '--mode', 'preview', '--json');
    expect(made.code).toBe(0);
    const created = JSON.parse(made.out);
    expect(created.mode).toBe('preview');
    const client = scimClient(created.tenantUrl, created.secretToken);
    for (const n of [1, 2, 3]) expect((await client.post('/Users', entraUser(n, 'cli.example'))).status).toBe(201);

    const shown = await cli('settings', '--directory', created.directoryId);
    expect(shown.out).toContain('Mode:                 preview');
    const flip = await cli('settings', '--directory', created.directoryId, '--mode', 'live');
    expect(flip.code).toBe(2);
    expect(flip.err).toContain('goLiveDirectory');

    const short = await cli('go-live', '--directory', created.directoryId);
    expect(short.code).toBe(1);
    expect(short.err).toContain('needs 3 seats');
    expect(await host.query('select 1 from card c join app_user u on u.id = c.user_id where u.directory_id = $1', [created.directoryId])).toEqual([]);

    // What updateOrganization(seatLimit: 3) does: the seat pool grows by one.
    await host.query('update organization set seat_limit = 3 where id = $1', [created.organization.id]);
    await host.query('insert into seat (organization_id) values ($1)', [created.organization.id]);
    const live = await cli('go-live', '--directory', created.directoryId, '--json');
    expect(live.code).toBe(0);
    expect(JSON.parse(live.out)).toEqual({ directoryId: created.directoryId, seatsClaimed: 3, cardsCreated: 3, cardsUpdated: 0, invitesQueued: 0 });
    const again = await cli('go-live', '--directory', created.directoryId);
    expect(again.code).toBe(1);
    expect(again.err).toContain('is live already');
    expect((await cli('settings', '--directory', created.directoryId, '--json')).out).toContain('"mode":"live"');
  });
});
