import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { changeMatchingAttribute } from '../../src/domain/directories/matching-attribute.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { codeOf, gql, productToken, type Role } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

// Issue 12 item 4: the directory's matching attribute takes effect. Entra's second common mapping is
// `userName ← objectId` (a GUID) and `externalId ← userPrincipalName`, with externalId as the matching attribute:
// Entra then looks users up with `filter=externalId eq "<UPN>"` before it creates one, and sends a UPN change as
// `Replace externalId`.

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const UPDATE = 'mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) { directory { id settings { matchingAttribute } } } }';

let host: TestHost;
const tokens = {} as Record<Role, string>;
let byObjectId: { client: ScimClient; directoryId: string; organizationId: string };
let byUpn: { client: ScimClient; directoryId: string; organizationId: string };

async function directory(name: string): Promise<typeof byUpn> {
  const dir = await host.createDirectory({ org: 'contoso', provider: 'entra', name, seats: 200 });
  return { client: scimClient(dir.tenantUrl, dir.secretToken), directoryId: dir.directoryId, organizationId: dir.organizationId };
}

/** A user as Entra sends it under the second mapping: userName = objectId, externalId = UPN, work e-mail = mail. */
function entraUser(upn: string | null, objectId: string = randomUUID(), mail = upn): Record<string, unknown> {
  return {
    schemas: [USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    userName: objectId,
    ...(upn === null ? {} : { externalId: upn }),
    active: true,
    displayName: `User ${objectId.slice(0, 8)}`,
    ...(mail ? { emails: [{ primary: true, type: 'work', value: mail }] } : {}),
    name: { givenName: 'Given', familyName: 'Family' },
  };
}

const replace = (path: string, value: unknown) => ({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path, value }] });
const filter = (expression: string) => `/Users?filter=${encodeURIComponent(expression)}`;
const ids = (response: { body: { Resources?: { id: string }[] } }) => (response.body.Resources ?? []).map((r) => r.id).sort();

async function setMatching(directoryId: string, value: string, role: Role = 'admin') {
  return await gql(host, UPDATE, { input: { directoryId, matchingAttribute: value } }, tokens[role]);
}

beforeAll(async () => {
  host = await startHost();
  byObjectId = await directory('Contoso (objectId)');
  byUpn = await directory('Contoso (UPN)');
  for (const role of ['owner', 'admin', 'editor', 'viewer', 'member'] as const) tokens[role] = await productToken({ org: 'contoso', role });
});
afterAll(async () => await host?.close());

describe('setting the matching attribute through GraphQL', () => {
  it('is for admins and owners; a value that is not an attribute is BAD_USER_INPUT', async () => {
    for (const role of ['editor', 'viewer', 'member'] as const) expect(codeOf(await setMatching(byObjectId.directoryId, 'EXTERNAL_ID', role)), role).toBe('FORBIDDEN');
    const invalid = await setMatching(byObjectId.directoryId, 'EMAIL');
    expect({ status: invalid.status, code: codeOf(invalid) }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    const set = await setMatching(byObjectId.directoryId, 'EXTERNAL_ID');
    expect(set.errors).toBeUndefined();
    expect(set.data.updateDirectorySettings.directory.settings.matchingAttribute).toBe('EXTERNAL_ID');
    // An owner may set it too (to the same value: nothing to rewrite).
    expect((await setMatching(byObjectId.directoryId, 'EXTERNAL_ID', 'owner')).errors).toBeUndefined();
  });
});

describe('Entra cycle under userName ← objectId, externalId ← userPrincipalName (matching: externalId)', () => {
  const alice = { upn: 'alice@contoso.com', oid: randomUUID() };
  const bob = { upn: 'bob@contoso.com', oid: randomUUID() };
  let aliceId: string;
  let bobId: string;

  it('Test Connection: externalId eq a random UPN answers an empty list', async () => {
    const probe = await byObjectId.client.get(filter(`externalId eq "${randomUUID()}@contoso.com"`));
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('creates users whose userName is a GUID and finds them by externalId, exactly', async () => {
    const created = await byObjectId.client.post('/Users', entraUser(alice.upn, alice.oid));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName: alice.oid, externalId: alice.upn });
    aliceId = created.body.id;
    bobId = (await byObjectId.client.post('/Users', entraUser(bob.upn, bob.oid))).body.id;
    const found = await byObjectId.client.get(filter(`externalId eq "${alice.upn}"`));
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toEqual(created.body);
    // externalId is caseExact (RFC 7643 §3.1): another case is another value.
    expect((await byObjectId.client.get(filter('externalId eq "Alice@contoso.com"'))).body.totalResults).toBe(0);
    expect(ids(await byObjectId.client.get(filter(`userName eq "${alice.oid.toUpperCase()}"`)))).toEqual([aliceId]);
  });

  it('refuses a second user with the same externalId (409 uniqueness), and one with the same userName', async () => {
    const sameUpn = await byObjectId.client.post('/Users', entraUser(alice.upn));
    expect(sameUpn.status).toBe(409);
    expect(sameUpn.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'a user with this externalId already exists in this directory' });
    // userName stays unique in every directory (RFC 7643 §4.1.1), whatever the matching attribute.
    const sameOid = await byObjectId.client.post('/Users', entraUser('alice2@contoso.com', alice.oid));
    expect(sameOid).toMatchObject({ status: 409, body: { scimType: 'uniqueness', detail: 'a user with this userName already exists in this directory' } });
    // Compared as the lookup compares: a UPN in another case is not found above, so it is another user.
    expect((await byObjectId.client.post('/Users', entraUser('ALICE@contoso.com'))).status).toBe(201);
    expect(await host.query('select 1 from app_user where directory_id = $1 and external_id = $2', [byObjectId.directoryId, alice.upn])).toHaveLength(1);
  });

  it('requires an externalId: none on create, or removing it, is 400 invalidValue and writes nothing', async () => {
    const none = await byObjectId.client.post('/Users', entraUser(null, randomUUID(), 'nobody@contoso.com'));
    expect(none).toMatchObject({ status: 400, body: { scimType: 'invalidValue', detail: 'externalId is required: this directory matches users by externalId (its matching attribute)' } });
    expect(await host.query('select 1 from app_user where email = $1', ['nobody@contoso.com'])).toHaveLength(0);
    const removed = await byObjectId.client.patch(`/Users/${bobId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'externalId' }] });
    expect(removed).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect((await byObjectId.client.get(`/Users/${bobId}`)).body.externalId).toBe(bob.upn);
  });

  it('takes a UPN change as Replace externalId: found by the new UPN only; the old one is free, a taken one is 409', async () => {
    const renamed = await byObjectId.client.patch(`/Users/${aliceId}`, replace('externalId', 'alice.smith@contoso.com'));
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: aliceId, userName: alice.oid, externalId: 'alice.smith@contoso.com' });
    expect(ids(await byObjectId.client.get(filter('externalId eq "alice.smith@contoso.com"')))).toEqual([aliceId]);
    expect((await byObjectId.client.get(filter(`externalId eq "${alice.upn}"`))).body.totalResults).toBe(0);
    const taken = await byObjectId.client.patch(`/Users/${aliceId}`, replace('externalId', bob.upn));
    expect(taken).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    expect((await byObjectId.client.get(`/Users/${aliceId}`)).body.externalId).toBe('alice.smith@contoso.com');
    // A new person who gets the old UPN is a new user.
    const newcomer = await byObjectId.client.post('/Users', entraUser(alice.upn));
    expect(newcomer.status).toBe(201);
    expect(newcomer.body.id).not.toBe(aliceId);
  });

  it('links a manually invited user by e-mail, then holds the UPN against a second create', async () => {
    const invited = await gql(host, 'mutation($input: InviteUsersInput!) { inviteUsers(input: $input) { users { id origin } } }', { input: { emails: ['carol@contoso.com'] } }, tokens.admin);
    const manualId = invited.data.inviteUsers.users[0].id as string;
    const linked = await byObjectId.client.post('/Users', entraUser('carol@contoso.com', randomUUID(), 'Carol@Contoso.com'));
    expect(linked.status).toBe(201);
    expect(linked.body.id).toBe(manualId);
    const [row] = await host.query<{ origin: string; directory_id: string; external_id_key: boolean }>('select origin, directory_id, external_id_key from app_user where id = $1', [manualId]);
    expect(row).toEqual({ origin: 'manual', directory_id: byObjectId.directoryId, external_id_key: true });
    expect((await byObjectId.client.post('/Users', entraUser('carol@contoso.com', randomUUID(), 'carol.other@contoso.com'))).status).toBe(409);
  });

  it('answers parallel creates of one externalId with exactly one 201', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => byObjectId.client.post('/Users', entraUser('dave@contoso.com'))));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array<number>(11).fill(409)]);
    expect(await host.query('select 1 from app_user where directory_id = $1 and external_id = $2', [byObjectId.directoryId, 'dave@contoso.com'])).toHaveLength(1);
    // No seat or card was left behind by the refused ones.
    const [orphans] = await host.query<{ n: number }>('select count(*)::int as n from seat s where s.user_id is null and s.claimed_at is not null and s.organization_id = $1', [byObjectId.organizationId]);
    expect(orphans!.n).toBe(0);
  });
});

describe('the default (userName) in the same organization, for comparison', () => {
  it('stores externalId without making it unique or required; userName is the key', async () => {
    // Entra's default mapping: userName ← UPN, externalId ← mailNickname (which need not be unique).
    const first = await byUpn.client.post('/Users', { ...entraUser('alice', randomUUID(), 'alice@contoso.com'), userName: 'alice@contoso.com' });
    const second = await byUpn.client.post('/Users', { ...entraUser('alice', randomUUID(), 'alice@fabrikam.com'), userName: 'alice@fabrikam.com' });
    const third = await byUpn.client.post('/Users', { ...entraUser(null, randomUUID(), 'eve@contoso.com'), userName: 'eve@contoso.com' });
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    const shared = await byUpn.client.get(filter('externalId eq "alice"'));
    expect(shared.body.totalResults).toBe(2);
    expect(ids(shared)).toEqual([first.body.id, second.body.id].sort());
    expect((await byUpn.client.post('/Users', { ...entraUser('other'), userName: 'ALICE@contoso.com' })).status).toBe(409);
    expect(await host.query('select 1 from app_user where directory_id = $1 and external_id_key', [byUpn.directoryId])).toHaveLength(0);
  });
});

describe('changing the matching attribute of a directory that has users', () => {
  it('refuses externalId while users lack one or share one (CONFLICT with the counts), and changes nothing', async () => {
    const refused = await setMatching(byUpn.directoryId, 'EXTERNAL_ID');
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toMatch(/^this directory cannot match users by externalId: 1 user has no externalId and 1 externalId is held by more than one user\./);
    const [dir] = await host.query<{ m: string }>(`select settings ->> 'matchingAttribute' as m from directory where id = $1`, [byUpn.directoryId]);
    expect(dir!.m).toBe('userName');
    expect((await byUpn.client.post('/Users', { ...entraUser('alice'), userName: 'alice@northwind.com' })).status).toBe(201);
  });

  it('switches once every user has a unique externalId; back to userName, externalId is only stored again', async () => {
    const users = (await byUpn.client.get('/Users?count=100')).body.Resources as { id: string; userName: string }[];
    for (const user of users) expect((await byUpn.client.patch(`/Users/${user.id}`, replace('externalId', user.userName))).status).toBe(200);
    expect((await setMatching(byUpn.directoryId, 'EXTERNAL_ID')).errors).toBeUndefined();
    expect((await byUpn.client.post('/Users', { ...entraUser('alice@contoso.com'), userName: 'someone.else@contoso.com' })).status).toBe(409);
    expect((await setMatching(byUpn.directoryId, 'USER_NAME')).errors).toBeUndefined();
    expect((await byUpn.client.post('/Users', { ...entraUser('alice@contoso.com'), userName: 'someone.else@contoso.com' })).status).toBe(201);
    expect(await host.query('select 1 from app_user where external_id_key and directory_id = $1', [byUpn.directoryId])).toHaveLength(0);
  });

  it('holds a user entering the directory while the change runs, and gives it the new key', async () => {
    const dir = await directory('Contoso (switching)');
    const db = new pg.Client({ connectionString: host.databaseUrl });
    await db.connect();
    try {
      await db.query('begin');
      await changeMatchingAttribute(db, dir.directoryId, 'externalId');
      await db.query(`update directory set settings = settings || '{"matchingAttribute": "externalId"}'::jsonb where id = $1`, [dir.directoryId]);
      // The create started before the change commits: it waits for the directory's matching lock.
      const create = dir.client.post('/Users', entraUser('frank@contoso.com'));
      const waiting = async () =>
        (await host.query<{ n: number }>(`select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
           where d.datname = current_database() and l.locktype = 'advisory' and not l.granted`))[0]!.n;
      for (const deadline = Date.now() + 10_000; (await waiting()) === 0; ) {
        if (Date.now() > deadline) throw new Error('the create never waited for the matching lock');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await db.query('commit');
      expect((await create).status).toBe(201);
    } finally {
      await db.end();
    }
    expect(await host.query('select external_id_key from app_user where directory_id = $1', [dir.directoryId])).toEqual([{ external_id_key: true }]);
    expect((await dir.client.post('/Users', entraUser('frank@contoso.com'))).status).toBe(409);
  });
});

describe('changes while Entra writes', () => {
  it('keeps every user keyed as the setting says, with no refused or failed write', async () => {
    const dir = await directory('Contoso (busy)');
    const upn = (label: string) => `${label}.${randomUUID().slice(0, 8)}@contoso.com`;
    const existing: string[] = [];
    for (let i = 0; i < 8; i++) existing.push((await dir.client.post('/Users', entraUser(upn('seed')))).body.id);
    const statuses: number[] = [];
    // 13 requests in flight, under the directory's limit of concurrent requests (SCIM_MAX_CONCURRENT_PER_DIRECTORY).
    const creates = Array.from({ length: 5 }, async () => {
      for (let n = 0; n < 6; n++) statuses.push((await dir.client.post('/Users', entraUser(upn('new')))).status);
    });
    const renames = existing.map(async (id) => {
      for (let n = 0; n < 3; n++) statuses.push((await dir.client.patch(`/Users/${id}`, replace('externalId', upn('renamed')))).status);
    });
    const switches = (async () => {
      const errors: unknown[] = [];
      for (const value of ['EXTERNAL_ID', 'USER_NAME', 'EXTERNAL_ID', 'USER_NAME', 'EXTERNAL_ID']) errors.push(...((await setMatching(dir.directoryId, value)).errors ?? []));
      return errors;
    })();
    await Promise.all([...creates, ...renames]);
    expect(await switches).toEqual([]);
    expect(statuses.filter((s) => s !== 201 && s !== 200)).toEqual([]);
    const keys = await host.query<{ key: boolean | null; n: number }>('select external_id_key as key, count(*)::int as n from app_user where directory_id = $1 group by 1', [dir.directoryId]);
    expect(keys).toEqual([{ key: true, n: 38 }]);
  });
});

describe('the CLI', () => {
  const env = () => ({ DATABASE_URL: host.databaseUrl, PUBLIC_URL: host.config.publicUrl, AUTH_JWT_SECRET: 'x'.repeat(40) });
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
  };

  it('shows and sets the matching attribute with the same rules', async () => {
    const shown = capture();
    expect(await runCli(['directory', 'matching-attribute', '--directory', byObjectId.directoryId, '--json'], env(), shown.io)).toBe(0);
    expect(JSON.parse(shown.out[0]!)).toMatchObject({ directoryId: byObjectId.directoryId, matchingAttribute: 'externalId' });

    const dir = await directory('Contoso (CLI)');
    await dir.client.post('/Users', { ...entraUser(null), userName: 'gina@contoso.com' });
    const refused = capture();
    expect(await runCli(['directory', 'matching-attribute', '--directory', dir.directoryId, '--set', 'externalId'], env(), refused.io)).toBe(1);
    expect(refused.err.join('')).toContain('1 user has no externalId');
    const bad = capture();
    expect(await runCli(['directory', 'matching-attribute', '--directory', dir.directoryId, '--set', 'email'], env(), bad.io)).toBe(2);
    expect(bad.err.join('')).toContain('--set must be one of userName, externalId');
    const missing = capture();
    expect(await runCli(['directory', 'matching-attribute', '--directory', randomUUID(), '--set', 'externalId'], env(), missing.io)).toBe(1);
    expect(missing.err.join('')).toContain('does not exist');

    const set = capture();
    const empty = await directory('Contoso (CLI, empty)');
    expect(await runCli(['directory', 'matching-attribute', '--directory', empty.directoryId, '--set', 'externalId'], env(), set.io)).toBe(0);
    expect(set.out.join('')).toContain('now matches users by externalId (was userName)');
    expect((await empty.client.post('/Users', entraUser(null))).status).toBe(400);
  });
});
