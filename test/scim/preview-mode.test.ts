/**
 * Preview mode (issue 13, item 4), through SCIM over real HTTP: a directory in preview takes Entra's whole cycle —
 * Test Connection, creates read back by filter and id, PATCHes, a deactivation, a group with members — with no
 * error and changes no seat, card or e-mail; goLiveDirectory refuses cleanly when the seats do not suffice and then
 * applies the stored plan (seats, cards with the templates of the group rules, invites), and the cycle goes on live.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { codeOf, entraUser, gql, productToken } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const FAST_JOBS = { JOBS_POLL_INTERVAL_SECONDS: '0.5', JOBS_SWEEP_INTERVAL_SECONDS: '1', JOBS_RETRY_DELAY_SECONDS: '1' };
const filter = (expression: string) => `?filter=${encodeURIComponent(expression)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let host: TestHost;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cardbridge-preview-'));
  host = await startHost({ env: { DATA_DIR: dataDir, ...FAST_JOBS } });
});
afterAll(async () => {
  await host?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function outbox(): Promise<string[]> {
  return (await readdir(join(dataDir, 'outbox')).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
}

async function eventually(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const PREVIEW = `query ($id: ID!) { directory(id: $id) { mode userCount groupCount
  preview { mode userCount activeUserCount groupCount cardsToCreate suspendedCards seatsNeeded seatsNeededElsewhere invitesToSend
    templates { templateId users }
    seatForecast { limit used available needed remaining shortfall warnBelow status message }
    users(first: 10) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { id userName active templateId needsSeat createsCard cardStatus sendsInvite template { name } user { id email } } } } }
  seatForecast { needed status } } }`;

describe('a directory in preview mode', () => {
  let client: ScimClient;
  let directoryId: string;
  let organizationId: string;
  let owner: string;
  let created: Record<string, any>[] = [];
  let groupId: string;
  const templates: Record<string, string> = {};

  it('takes Entra’s whole cycle without one error: users and groups read back as written', async () => {
    const dir = await host.createDirectory({ org: 'preview-co', provider: 'entra', seats: 3, settings: { mode: 'preview', invitesEnabled: true } });
    ({ directoryId, organizationId } = dir);
    client = scimClient(dir.tenantUrl, dir.secretToken);
    owner = await productToken({ org: 'preview-co', role: 'owner' });
    for (const name of ['Standard', 'Sales']) {
      const t = await gql(host, 'mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { template { id } } }', { input: { name } }, owner);
      expect(t.errors).toBeUndefined();
      templates[name] = t.data.createTemplate.template.id;
    }

    // Test Connection: a random userName, 200 with no results.
    const probe = await client.get(`/Users${filter('userName eq "e3a7b0c1-probe@preview.example"')}`);
    expect(probe.status).toBe(200);
    expect(probe.body.totalResults).toBe(0);

    // Five creates against three seats: in preview none is refused.
    created = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const response = await client.post('/Users', entraUser(n, 'preview.example'));
      expect(response.status).toBe(201);
      created.push(response.body);
      // Entra's GET-after-POST, by filter and by id: the same document.
      const found = await client.get(`/Users${filter(`userName eq "user${n}@preview.example"`)}`);
      expect(found.body.totalResults).toBe(1);
      expect(found.body.Resources[0]).toEqual(response.body);
      expect((await client.get(`/Users/${response.body.id}`)).body).toEqual(response.body);
    }

    const patched = await client.patch(`/Users/${created[0]!.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'title', value: 'Head of Sales' }] });
    expect(patched.status).toBe(200);
    expect(patched.body.title).toBe('Head of Sales');
    const disabled = await client.patch(`/Users/${created[4]!.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);

    const group = await client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', externalId: 'sales' });
    expect(group.status).toBe(201);
    groupId = group.body.id;
    const members = [created[0]!.id, created[1]!.id];
    const added = await client.patch(`/Groups/${groupId}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Add', path: 'members', value: members.map((value) => ({ value })) }] });
    expect(added.status).toBe(204);
    const read = await client.get(`/Groups/${groupId}`);
    expect(read.body.members.map((m: { value: string }) => m.value).sort()).toEqual([...members].sort());
    const rule = await gql(host, 'mutation ($input: SetGroupTemplateInput!) { setGroupTemplate(input: $input) { cardsUpdated } }', { input: { groupId, templateId: templates.Sales, priority: 10 } }, owner);
    expect(rule.errors).toBeUndefined();
    expect(rule.data.setGroupTemplate.cardsUpdated).toBe(0);

    await eventually(async () => (await host.query('select 1 from provisioning_event where directory_id = $1', [directoryId])).length >= 20, 'the provisioning log');
    const failures = await host.query('select method, status from provisioning_event where directory_id = $1 and outcome <> $2', [directoryId, 'success']);
    expect(failures).toEqual([]);
  });

  it('changed no seat, no card and sent no e-mail', async () => {
    const [seats] = await host.query<{ used: number; total: number }>('select count(user_id)::int as used, count(*)::int as total from seat where organization_id = $1', [organizationId]);
    expect(seats).toEqual({ used: 0, total: 3 });
    expect(await host.query('select id from card where organization_id = $1', [organizationId])).toEqual([]);
    expect(await host.query(`select id from app_user where organization_id = $1 and invite_status <> 'none'`, [organizationId])).toEqual([]);
    expect(await host.query('select id from app_user where organization_id = $1 and photo_checked_at is not null', [organizationId])).toEqual([]);
    // Several sweeps of the job queue (every second) have run: nothing was owed.
    await sleep(2500);
    expect(await outbox()).toEqual([]);
    // The would-be cards keep what Entra sent, the PATCHed title included.
    const [first] = await host.query<{ fields: { title?: string; displayName?: string } }>('select fields from preview_card where user_id = $1', [created[0]!.id]);
    expect(first!.fields.title).toBe('Head of Sales');
  });

  it('shows what going live would do, the template per user by group rule, and the forecast EXCEEDED', async () => {
    const response = await gql(host, PREVIEW, { id: directoryId }, owner);
    expect(response.errors).toBeUndefined();
    const d = response.data.directory;
    expect(d).toMatchObject({ mode: 'PREVIEW', userCount: 5, groupCount: 1 });
    expect(d.preview).toMatchObject({ mode: 'PREVIEW', userCount: 5, activeUserCount: 4, groupCount: 1, cardsToCreate: 5, suspendedCards: 1, seatsNeeded: 5, seatsNeededElsewhere: 0, invitesToSend: 5 });
    expect(d.preview.templates).toEqual([{ templateId: templates.Standard, users: 3 }, { templateId: templates.Sales, users: 2 }]);
    expect(d.preview.seatForecast).toMatchObject({ limit: 3, used: 0, available: 3, needed: 5, remaining: -2, shortfall: 2, warnBelow: 1, status: 'EXCEEDED' });
    expect(d.preview.seatForecast.message).toContain('raise the seat limit by 2');
    expect(d.seatForecast).toEqual({ needed: 5, status: 'EXCEEDED' });
    const nodes = d.preview.users.edges.map((e: any) => e.node);
    expect(d.preview.users.totalCount).toBe(5);
    expect(nodes.map((n: any) => [n.userName, n.template.name, n.cardStatus, n.needsSeat, n.createsCard, n.sendsInvite])).toEqual([
      ['user1@preview.example', 'Sales', 'ACTIVE', true, true, true],
      ['user2@preview.example', 'Sales', 'ACTIVE', true, true, true],
      ['user3@preview.example', 'Standard', 'ACTIVE', true, true, true],
      ['user4@preview.example', 'Standard', 'ACTIVE', true, true, true],
      ['user5@preview.example', 'Standard', 'SUSPENDED', true, true, true],
    ]);
    expect(nodes[0].user).toEqual({ id: created[0]!.id, email: 'user1@preview.example' });
  });

  it('refuses to go live while the seats do not suffice, with the numbers, and writes nothing', async () => {
    const response = await gql(host, 'mutation ($id: ID!) { goLiveDirectory(id: $id) { seatsClaimed } }', { id: directoryId }, owner);
    expect(codeOf(response)).toBe('SEAT_LIMIT_REACHED');
    expect(response.errors![0]!.message).toMatch(/needs 5 seats .* only 3 of its 3 are free: raise the seat limit by 2/);
    const [state] = await host.query<{ used: number; cards: number; previews: number; mode: string; invited: number }>(
      `select (select count(user_id) from seat where organization_id = $1)::int as used, (select count(*) from card where organization_id = $1)::int as cards,
              (select count(*) from preview_card where directory_id = $2)::int as previews, (select settings ->> 'mode' from directory where id = $2) as mode,
              (select count(*) from app_user where directory_id = $2 and invite_status <> 'none')::int as invited`,
      [organizationId, directoryId],
    );
    expect(state).toEqual({ used: 0, cards: 0, previews: 5, mode: 'preview', invited: 0 });
    // Still in preview: Entra's next request is served as before.
    expect((await client.get(`/Users/${created[2]!.id}`)).status).toBe(200);
  });

  it('warns LOW when the seats fit exactly, goes live, and applies the plan', async () => {
    const raised = await gql(host, 'mutation { updateOrganization(input: { seatLimit: 5 }) { organization { seats { limit } } } }', {}, owner);
    expect(raised.errors).toBeUndefined();
    const forecast = await gql(host, 'query ($id: ID!) { directory(id: $id) { seatForecast { remaining status } } organization { seatForecast { needed status } } }', { id: directoryId }, owner);
    expect(forecast.data.directory.seatForecast).toEqual({ remaining: 0, status: 'LOW' });
    expect(forecast.data.organization.seatForecast).toEqual({ needed: 5, status: 'LOW' });

    const live = await gql(host, 'mutation ($id: ID!) { goLiveDirectory(id: $id) { seatsClaimed cardsCreated cardsUpdated invitesQueued directory { mode preview { seatsNeeded cardsToCreate } } } }', { id: directoryId }, owner);
    expect(live.errors).toBeUndefined();
    expect(live.data.goLiveDirectory).toEqual({ seatsClaimed: 5, cardsCreated: 5, cardsUpdated: 0, invitesQueued: 5, directory: { mode: 'LIVE', preview: { seatsNeeded: 0, cardsToCreate: 0 } } });

    const cards = await host.query<{ user_name: string; template: string; status: string; fields: { title?: string; company?: string } }>(
      `select u.user_name, t.name as template, c.status, c.fields from card c join app_user u on u.id = c.user_id join template t on t.id = c.template_id
       where c.organization_id = $1 order by u.user_name`,
      [organizationId],
    );
    expect(cards.map((c) => [c.user_name, c.template, c.status])).toEqual([
      ['user1@preview.example', 'Sales', 'active'],
      ['user2@preview.example', 'Sales', 'active'],
      ['user3@preview.example', 'Standard', 'active'],
      ['user4@preview.example', 'Standard', 'active'],
      ['user5@preview.example', 'Standard', 'suspended'],
    ]);
    expect(cards[0]!.fields).toMatchObject({ title: 'Head of Sales', company: 'preview-co' });
    const [seats] = await host.query<{ used: number }>('select count(user_id)::int as used from seat where organization_id = $1', [organizationId]);
    expect(seats!.used).toBe(5);
    expect(await host.query('select 1 from preview_card where directory_id = $1', [directoryId])).toEqual([]);
    // Invites go out to the active users (a deactivated user's invite waits until the directory reactivates it).
    await eventually(async () => (await outbox()).length >= 4, 'four invite mails');
    await sleep(1500);
    expect((await outbox()).length).toBe(4);
  });

  it('continues live: the forecast warned before the first refusal, a create takes a seat and a card', async () => {
    const before = await gql(host, 'query ($id: ID!) { directory(id: $id) { seatForecast { available needed status message } } }', { id: directoryId }, owner);
    expect(before.data.directory.seatForecast).toMatchObject({ available: 0, needed: 0, status: 'LOW' });
    expect(before.data.directory.seatForecast.message).toContain('the next user the directory creates will be refused');
    const refused = await client.post('/Users', entraUser(6, 'preview.example'));
    expect(refused.status).toBe(403);

    await gql(host, 'mutation { updateOrganization(input: { seatLimit: 40 }) { organization { id } } }', {}, owner);
    const ok = await gql(host, 'query ($id: ID!) { directory(id: $id) { seatForecast { available warnBelow status } } }', { id: directoryId }, owner);
    expect(ok.data.directory.seatForecast).toEqual({ available: 35, warnBelow: 2, status: 'OK' });
    const createdLive = await client.post('/Users', entraUser(6, 'preview.example'));
    expect(createdLive.status).toBe(201);
    const [row] = await host.query<{ seat: number; card: number }>(
      'select (select count(*) from seat where user_id = $1)::int as seat, (select count(*) from card where user_id = $1)::int as card',
      [createdLive.body.id],
    );
    expect(row).toEqual({ seat: 1, card: 1 });
    expect(await host.query('select 1 from preview_card where user_id = $1', [createdLive.body.id])).toEqual([]);
    // Group membership now moves live cards: the new user joins Sales and its card takes the Sales template.
    expect((await client.patch(`/Groups/${groupId}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Add', path: 'members', value: [{ value: createdLive.body.id }] }] })).status).toBe(204);
    const [card] = await host.query<{ template_id: string }>('select template_id from card where user_id = $1', [createdLive.body.id]);
    expect(card!.template_id).toBe(templates.Sales);
  });

  it('refuses a second go-live with CONFLICT', async () => {
    const again = await gql(host, 'mutation ($id: ID!) { goLiveDirectory(id: $id) { seatsClaimed } }', { id: directoryId }, owner);
    expect(codeOf(again)).toBe('CONFLICT');
  });
});

describe('preview mode and the directory’s users', () => {
  it('deletes a preview user with nothing to free, and an update moves only the would-be card', async () => {
    const dir = await host.createDirectory({ org: 'preview-del', provider: 'entra', seats: 1, settings: { mode: 'preview' } });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    const user = await client.post('/Users', entraUser(1, 'del.example'));
    expect(user.status).toBe(201);
    const put = await client.put(`/Users/${user.body.id}`, { ...entraUser(1, 'del.example'), title: 'Architect' });
    expect(put.status).toBe(200);
    const [preview] = await host.query<{ fields: { title?: string } }>('select fields from preview_card where user_id = $1', [user.body.id]);
    expect(preview!.fields.title).toBe('Architect');
    expect((await client.delete(`/Users/${user.body.id}`)).status).toBe(204);
    expect((await client.get(`/Users/${user.body.id}`)).status).toBe(404);
    expect(await host.query('select 1 from preview_card where user_id = $1', [user.body.id])).toEqual([]);
    const [seats] = await host.query<{ used: number; total: number }>('select count(user_id)::int as used, count(*)::int as total from seat where organization_id = $1', [dir.organizationId]);
    expect(seats).toEqual({ used: 0, total: 1 });
  });

  it('deleting a directory in preview deletes its users (they never held a seat or card)', async () => {
    const dir = await host.createDirectory({ org: 'preview-gone', provider: 'entra', seats: 2, settings: { mode: 'preview' } });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    for (const n of [1, 2, 3]) expect((await client.post('/Users', entraUser(n, 'gone.example'))).status).toBe(201);
    const owner = await productToken({ org: 'preview-gone', role: 'owner' });
    const deleted = await gql(host, 'mutation ($id: ID!) { deleteDirectory(id: $id) { deletedDirectoryId } }', { id: dir.directoryId }, owner);
    expect(deleted.errors).toBeUndefined();
    expect(await host.query('select id from app_user where organization_id = $1', [dir.organizationId])).toEqual([]);
    expect(await host.query('select 1 from preview_card where directory_id = $1', [dir.directoryId])).toEqual([]);
  });

  it('a go-live racing Entra’s creates and updates leaves every user with a seat and a card, and no would-be card', async () => {
    const dir = await host.createDirectory({ org: 'preview-race', provider: 'entra', seats: 60, settings: { mode: 'preview' } });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    const first = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => client.post('/Users', entraUser(n, 'race.example'))));
    expect(first.map((r) => r.status)).toEqual(Array(6).fill(201));
    const owner = await productToken({ org: 'preview-race', role: 'owner' });
    const patch = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'title', value: 'Raced' }] };
    const [live, ...writes] = await Promise.all([
      gql(host, 'mutation ($id: ID!) { goLiveDirectory(id: $id) { seatsClaimed cardsCreated } }', { id: dir.directoryId }, owner),
      // 16 SCIM requests at once: SCIM_MAX_CONCURRENT_PER_DIRECTORY's default.
      ...Array.from({ length: 10 }, (_, i) => client.post('/Users', entraUser(100 + i, 'race.example'))),
      ...first.map((r) => client.patch(`/Users/${r.body.id}`, patch)),
    ]);
    expect(live.errors).toBeUndefined();
    expect(writes.map((w) => w.status).sort()).toEqual([...Array(6).fill(200), ...Array(10).fill(201)]);
    const [state] = await host.query<{ users: number; seated: number; carded: number; previews: number; raced: number }>(
      `select count(*)::int as users, count(s.id)::int as seated, count(c.id)::int as carded,
              (select count(*) from preview_card where directory_id = $1)::int as previews,
              count(*) filter (where c.fields ->> 'title' = 'Raced')::int as raced
       from app_user u left join seat s on s.user_id = u.id left join card c on c.user_id = u.id where u.directory_id = $1`,
      [dir.directoryId],
    );
    expect(state).toEqual({ users: 16, seated: 16, carded: 16, previews: 0, raced: 6 });
  });
});
