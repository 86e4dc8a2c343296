/**
 * Issue 12, item 2: POST /.search at the service root and /Groups/.search (bodies validated like query strings),
 * and preconditions on every write — If-Match lists, If-None-Match on writes, 412 where RFC 9110 §13 says so —
 * with group ETags that membership changes move. Over HTTP, through /scim/entra/<dir> and /scim/okta/<dir>.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePreconditions, groupResourceType, readPreconditions, readSearchRequest, resolveRootQuery, ScimError, userResourceType } from '../../src/scim/index.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let host: TestHost;
beforeAll(async () => {
  host = await startHost({ env: { SCIM_RATE_LIMIT_PER_SECOND: '100000' } });
});
afterAll(async () => await host?.close());

async function directory(org: string, provider = 'entra'): Promise<ScimClient> {
  const dir = await host.createDirectory({ org, provider, name: `${org}-${provider}` });
  return scimClient(dir.tenantUrl, dir.secretToken);
}

const user = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: [USER], userName, active: true, ...extra });
const search = (extra: Record<string, unknown> = {}) => ({ schemas: [SEARCH], ...extra });
const addMembers = (...ids: string[]) => ({ schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }] });
const removeMember = (id: string) => ({ schemas: [PATCH], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] });
const names = (body: { Resources: Record<string, unknown>[] }) => body.Resources.map((r) => `${(r.meta as { resourceType: string } | undefined)?.resourceType ?? '?'}:${String(r.displayName ?? r.userName ?? r.id)}`);

async function created(client: ScimClient, path: string, body: unknown): Promise<Record<string, any>> {
  const response = await client.post(path, body);
  expect(response.status).toBe(201);
  return response.body;
}

describe('POST /.search at the service root (RFC 7644 §3.4.3)', () => {
  let client: ScimClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    client = await directory('root-search');
    for (const [userName, displayName] of [['bea@root.example', 'b'], ['dan@root.example', 'd']] as const) ids[displayName] = (await created(client, '/Users', user(userName, { displayName }))).id;
    for (const displayName of ['a', 'c', 'e']) ids[displayName] = (await created(client, '/Groups', { schemas: [GROUP], displayName })).id;
    expect((await client.patch(`/Groups/${ids.c}`, addMembers(ids.b!))).status).toBe(204);
  });

  it('returns users and groups, each with its own meta.resourceType, filtered by one filter', async () => {
    const all = await client.post('/.search', search());
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 5, startIndex: 1, itemsPerPage: 5 });
    expect(names(all.body).sort()).toEqual(['Group:a', 'Group:c', 'Group:e', 'User:b', 'User:d']);
    const some = await client.post('/.search', search({ filter: 'displayName eq "d" or displayName eq "e"' }));
    expect(names(some.body).sort()).toEqual(['Group:e', 'User:d']);
    expect(some.body.Resources.find((r: any) => r.meta.resourceType === 'User').meta.location).toContain(`/Users/${ids.d}`);
    expect(some.body.Resources.find((r: any) => r.meta.resourceType === 'Group').meta.location).toContain(`/Groups/${ids.e}`);
  });

  it('reads an attribute one type lacks as having no value (RFC 7644 §3.4.2.1)', async () => {
    const mixed = await client.post('/.search', search({ filter: 'userName sw "bea" or members pr' }));
    expect(mixed.status).toBe(200);
    expect(names(mixed.body).sort()).toEqual(['Group:c', 'User:b']);
    // `not (userName pr)` is true of every group and of no user; `ne` is true where there is no value.
    expect(names((await client.post('/.search', search({ filter: 'not (userName pr)' }))).body).sort()).toEqual(['Group:a', 'Group:c', 'Group:e']);
    expect(names((await client.post('/.search', search({ filter: 'userName ne "bea@root.example"' }))).body).sort()).toEqual(['Group:a', 'Group:c', 'Group:e', 'User:d']);
    const onlyUsers = await client.post('/.search', search({ filter: 'emails[type eq "work"] or userName pr' }));
    expect(onlyUsers.body.totalResults).toBe(2);
  });

  it('refuses what no resource type has: 400 invalidFilter or invalidPath', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ filter: 'nosuch eq "x"' }, 'invalidFilter'],
      [{ filter: 'userName eq' }, 'invalidFilter'],
      [{ sortBy: 'nosuch' }, 'invalidPath'],
      [{ attributes: ['nosuch'] }, 'invalidPath'],
      [{ excludedAttributes: ['nosuch'] }, 'invalidPath'],
      [{ sortBy: 'members' }, 'invalidValue'],
    ];
    for (const [body, scimType] of cases) {
      const response = await client.post('/.search', search(body));
      expect([response.status, response.body.scimType], JSON.stringify(body)).toEqual([400, scimType]);
      expect(response.body.schemas).toEqual([ERROR]);
    }
  });

  it('sorts across both types and pages through the merge', async () => {
    const sorted = async (extra: Record<string, unknown>) => names((await client.post('/.search', search({ sortBy: 'displayName', ...extra }))).body);
    expect(await sorted({})).toEqual(['Group:a', 'User:b', 'Group:c', 'User:d', 'Group:e']);
    expect(await sorted({ sortOrder: 'descending' })).toEqual(['Group:e', 'User:d', 'Group:c', 'User:b', 'Group:a']);
    expect(await sorted({ startIndex: 2, count: 2 })).toEqual(['User:b', 'Group:c']);
    const page = await client.post('/.search', search({ sortBy: 'displayName', startIndex: 4, count: 10 }));
    expect(page.body).toMatchObject({ totalResults: 5, startIndex: 4, itemsPerPage: 2 });
    // userName: groups have no value, so they come last ascending and first descending, by id either way.
    const groupsById = ['a', 'c', 'e'].map((n) => ids[n]!).sort();
    const byUserName = (await client.post('/.search', search({ sortBy: 'userName' }))).body.Resources.map((r: any) => r.id);
    expect(byUserName).toEqual([ids.b, ids.d, ...groupsById]);
    const descending = (await client.post('/.search', search({ sortBy: 'userName', sortOrder: 'descending' }))).body.Resources.map((r: any) => r.id);
    expect(descending).toEqual([...groupsById, ids.d, ids.b]);
  });

  it('pages without sortBy across the end of the users into the groups', async () => {
    const first = await client.post('/.search', search({ startIndex: 2, count: 2 }));
    expect(first.body).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    const whole = (await client.post('/.search', search())).body.Resources.map((r: any) => r.id);
    expect(first.body.Resources.map((r: any) => r.id)).toEqual(whole.slice(1, 3));
    expect(first.body.Resources.map((r: any) => r.meta.resourceType)).toEqual(['User', 'Group']);
    const counted = await client.post('/.search', search({ count: 0 }));
    expect(counted.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
  });

  it('projects each type by the attributes it has', async () => {
    const body = (await client.post('/.search', search({ filter: 'displayName eq "b" or displayName eq "c"', attributes: ['userName'] }))).body;
    const [u, g] = [body.Resources.find((r: any) => r.meta === undefined && r.userName), body.Resources.find((r: any) => !r.userName)];
    expect(u).toEqual({ schemas: [USER], id: ids.b, userName: 'bea@root.example' });
    expect(g).toEqual({ schemas: [GROUP], id: ids.c });
    const excluded = (await client.post('/.search', search({ filter: 'displayName eq "c"', excludedAttributes: ['members'] }))).body.Resources[0];
    expect(excluded.members).toBeUndefined();
    const withMembers = (await client.post('/.search', search({ filter: 'displayName eq "c"', sortBy: 'displayName' }))).body.Resources[0];
    expect(withMembers.members.map((m: any) => m.value)).toEqual([ids.b]);
  });

  it('serves no GET at the service root (POST /.search answers root queries)', async () => {
    const response = await client.get(`?filter=${encodeURIComponent('userName pr')}`);
    expect([response.status, response.body.schemas]).toEqual([404, [ERROR]]);
  });

  it('applies the directory’s dialect to the filter (Okta: booleans are booleans)', async () => {
    const okta = await directory('root-search', 'okta');
    await created(okta, '/Users', user('okta@root.example'));
    expect((await okta.post('/.search', search({ filter: 'active eq true' }))).body.totalResults).toBe(1);
    const strict = await okta.post('/.search', search({ filter: 'active eq "True"' }));
    expect([strict.status, strict.body.scimType]).toEqual([400, 'invalidFilter']);
    // Entra sends booleans as strings; groups have no `active`, so none match.
    expect(names((await client.post('/.search', search({ filter: 'active eq "True"' }))).body).sort()).toEqual(['User:b', 'User:d']);
  });
});

describe('POST /Groups/.search and /Users/.search', () => {
  it('searches groups like GET /Groups, with members', async () => {
    const client = await directory('group-search');
    const member = await created(client, '/Users', user('m@gs.example'));
    const group = await created(client, '/Groups', { schemas: [GROUP], displayName: 'Readers', members: [{ value: member.id }] });
    await created(client, '/Groups', { schemas: [GROUP], displayName: 'Writers' });
    const found = await client.post('/Groups/.search', search({ filter: 'displayName eq "readers"' }));
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: group.id, displayName: 'Readers', members: [{ value: member.id }], meta: { resourceType: 'Group' } }] });
    const get = await client.get(`/Groups?filter=${encodeURIComponent('displayName eq "readers"')}`);
    expect(found.body).toEqual(get.body);
    const sorted = await client.post('/Groups/.search', search({ sortBy: 'displayName', sortOrder: 'descending', excludedAttributes: ['members'] }));
    expect(sorted.body.Resources.map((g: any) => [g.displayName, g.members])).toEqual([['Writers', undefined], ['Readers', undefined]]);
    const users = await client.post('/Users/.search', search({ filter: 'userName eq "m@gs.example"', attributes: ['userName'] }));
    expect(users.body.Resources).toEqual([{ schemas: [USER], id: member.id, userName: 'm@gs.example' }]);
  });
});

describe('SearchRequest bodies are validated like query strings', () => {
  let client: ScimClient;
  beforeAll(async () => {
    client = await directory('search-bodies');
  });

  it.each(['/.search', '/Users/.search', '/Groups/.search'])('%s answers a malformed body with 400 and the right scimType', async (path) => {
    const cases: [unknown, string, string?][] = [
      [{ filter: 'id pr' }, 'invalidSyntax', 'schemas'],
      [{ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'] }, 'invalidSyntax', 'schemas'],
      [{ schemas: SEARCH }, 'invalidSyntax', 'schemas'],
      [search({ filters: 'id pr' }), 'invalidSyntax', 'filters'],
      [search({ count: 1, Count: 2 }), 'invalidSyntax', 'count'],
      [search({ count: '10' }), 'invalidValue', 'count'],
      [search({ count: 2.5 }), 'invalidValue', 'count'],
      [search({ startIndex: '1' }), 'invalidValue', 'startIndex'],
      [search({ startIndex: true }), 'invalidValue', 'startIndex'],
      [search({ filter: 5 }), 'invalidValue', 'filter'],
      [search({ filter: ['id pr'] }), 'invalidValue', 'filter'],
      [search({ sortBy: 3 }), 'invalidValue', 'sortBy'],
      [search({ sortOrder: 'up' }), 'invalidValue', 'sortOrder'],
      [search({ sortOrder: 1 }), 'invalidValue', 'sortOrder'],
      [search({ attributes: 'id' }), 'invalidValue', 'attributes'],
      [search({ excludedAttributes: [1] }), 'invalidValue', 'excludedAttributes'],
      [search({ filter: 'id eq' }), 'invalidFilter'],
      [search({ filter: '' }), 'invalidFilter'],
    ];
    for (const [body, scimType, member] of cases) {
      const response = await client.post(path, body);
      expect([response.status, response.body.scimType], JSON.stringify(body)).toEqual([400, scimType]);
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '400' });
      if (member) expect(response.body.detail).toContain(`"${member}"`);
    }
    const array = await client.raw('POST', path, '[]', 'application/scim+json');
    expect([array.status, array.body.scimType]).toEqual([400, 'invalidSyntax']);
    // The same rules as the query string; null is absent, member names are case-insensitive.
    expect((await client.get(`${path === '/Groups/.search' ? '/Groups' : '/Users'}?count=ten`)).body.scimType).toBe('invalidValue');
    const ok = await client.post(path, { SCHEMAS: [SEARCH.toUpperCase()], StartIndex: 1, count: null, attributes: null });
    expect(ok.status).toBe(200);
  });
});

describe('preconditions on users (RFC 9110 §13, RFC 7644 §3.14)', () => {
  let client: ScimClient;
  beforeAll(async () => {
    client = await directory('preconditions');
  });
  const retitle = (title: string) => ({ schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: title }] });

  async function state(id: string): Promise<{ title: unknown; version: string }> {
    const current = await client.get(`/Users/${id}`);
    return { title: current.body.title, version: current.body.meta.version };
  }

  it('takes an If-Match list, * and If-None-Match with another tag; refuses a stale one with 412 and writes nothing', async () => {
    const u = await created(client, '/Users', user('list@pre.example', { title: 'v0' }));
    const tag = u.meta.version as string;
    const listed = await client.patch(`/Users/${u.id}`, retitle('v1'), { 'if-match': `W/"999999", ${tag}` });
    expect(listed.status).toBe(200);
    const afterList = listed.headers.get('etag')!;
    expect(afterList).not.toBe(tag);
    expect((await client.patch(`/Users/${u.id}`, retitle('v2'), { 'if-match': '*' })).status).toBe(200);
    const v2 = await state(u.id);
    expect((await client.patch(`/Users/${u.id}`, retitle('v3'), { 'if-none-match': tag })).status).toBe(200);
    const v3 = await state(u.id);
    expect(v3.title).toBe('v3');
    expect(v3.version).not.toBe(v2.version);

    for (const [method, headers] of [
      ['PATCH', { 'if-match': `${tag}, ${afterList}` }],
      ['PUT', { 'if-match': tag }],
      ['DELETE', { 'if-match': `W/"1", ${tag}` }],
      ['PATCH', { 'if-none-match': '*' }],
      ['PUT', { 'if-none-match': '*' }],
      ['DELETE', { 'if-none-match': '*' }],
      ['PUT', { 'if-none-match': `W/"1", ${v3.version}` }],
    ] as const) {
      const body = method === 'PATCH' ? retitle('refused') : method === 'PUT' ? user('list@pre.example', { title: 'refused' }) : undefined;
      const response = await client.request(method, `/Users/${u.id}`, body, headers);
      expect([method, headers, response.status]).toEqual([method, headers, 412]);
      expect(response.body).toMatchObject({ schemas: [ERROR], status: '412' });
      expect(await state(u.id)).toEqual(v3);
    }
    const [row] = await host.query<{ title: string }>('select title from app_user where id = $1', [u.id]);
    expect(row!.title).toBe('v3');
    expect((await client.delete(`/Users/${u.id}`, { 'if-match': v3.version })).status).toBe(204);
  });

  it('answers GET with 304 on a matching If-None-Match and 412 on a failing If-Match', async () => {
    const u = await created(client, '/Users', user('get@pre.example'));
    const tag = u.meta.version as string;
    const notModified = await client.get(`/Users/${u.id}`, { 'if-none-match': `W/"1", ${tag}` });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(tag);
    expect((await client.get(`/Users/${u.id}`, { 'if-none-match': 'W/"999999"' })).status).toBe(200);
    const failed = await client.get(`/Users/${u.id}`, { 'if-match': 'W/"999999"' });
    expect([failed.status, failed.body.status]).toEqual([412, '412']);
    expect((await client.get(`/Users/${u.id}`, { 'if-match': tag })).status).toBe(200);
  });

  it('refuses a malformed tag list with 400 invalidValue before writing', async () => {
    const u = await created(client, '/Users', user('bad@pre.example', { title: 'kept' }));
    const bad = await client.patch(`/Users/${u.id}`, retitle('changed'), { 'if-match': 'W/3' });
    expect([bad.status, bad.body.scimType]).toEqual([400, 'invalidValue']);
    expect((await state(u.id)).title).toBe('kept');
  });

  it('evaluates a create against the collection: If-None-Match: * is 412 and creates nothing', async () => {
    const refused = await client.post('/Users', user('new@pre.example'), { 'if-none-match': '*' });
    expect([refused.status, refused.body.status]).toEqual([412, '412']);
    expect((await client.post('/Users', user('new@pre.example'), { 'if-match': 'W/"1"' })).status).toBe(412);
    expect((await host.query('select 1 from app_user where user_name = $1', ['new@pre.example'])).length).toBe(0);
    expect((await client.post('/Users', user('new@pre.example'), { 'if-match': '*' })).status).toBe(201);
  });

  it('lets exactly one of parallel writes with the same If-Match through', async () => {
    const u = await created(client, '/Users', user('race@pre.example', { title: 'start' }));
    const tag = u.meta.version as string;
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => client.patch(`/Users/${u.id}`, retitle(`racer ${i}`), { 'if-match': tag })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await state(u.id)).title).toBe(winner.body.title);
  });
});

describe('group ETags move with membership changes', () => {
  let client: ScimClient;
  beforeAll(async () => {
    client = await directory('group-etags');
  });

  it('changes the ETag on PATCH of members, and a stale If-Match on the group is 412 with nothing written', async () => {
    const [a, b] = [await created(client, '/Users', user('a@ge.example')), await created(client, '/Users', user('b@ge.example'))];
    const group = await created(client, '/Groups', { schemas: [GROUP], displayName: 'Team' });
    const v0 = group.meta.version as string;
    expect(v0).toMatch(/^W\/"\d+"$/);

    const added = await client.patch(`/Groups/${group.id}`, addMembers(a.id));
    expect(added.status).toBe(204);
    const v1 = added.headers.get('etag')!;
    expect(v1).not.toBe(v0);
    const read = await client.get(`/Groups/${group.id}`);
    expect([read.body.meta.version, read.headers.get('etag')]).toEqual([v1, v1]);
    expect((await client.get(`/Groups/${group.id}?excludedAttributes=members`)).body.meta.version).toBe(v1);
    expect((await client.get(`/Groups/${group.id}`, { 'if-none-match': v0 })).status).toBe(200);
    expect((await client.get(`/Groups/${group.id}`, { 'if-none-match': v1 })).status).toBe(304);
    const byVersion = await client.get(`/Groups?filter=${encodeURIComponent(`meta.version eq ${JSON.stringify(v1)}`)}`);
    expect([byVersion.status, byVersion.body.totalResults], JSON.stringify(byVersion.body)).toEqual([200, 1]);

    const members = async () => (await host.query<{ user_id: string }>('select user_id from group_member where group_id = $1', [group.id])).map((r) => r.user_id);
    for (const [method, body] of [
      ['PATCH', addMembers(b.id)],
      ['PATCH', removeMember(a.id)],
      ['PUT', { schemas: [GROUP], displayName: 'Renamed', members: [] }],
      ['DELETE', undefined],
    ] as const) {
      const stale = await client.request(method, `/Groups/${group.id}`, body, { 'if-match': v0 });
      expect([method, stale.status, stale.body.status]).toEqual([method, 412, '412']);
      expect(await members()).toEqual([a.id]);
    }
    expect((await client.get(`/Groups/${group.id}`)).body).toMatchObject({ displayName: 'Team', meta: { version: v1 } });

    const removed = await client.patch(`/Groups/${group.id}`, removeMember(a.id), { 'if-match': `${v0}, ${v1}` });
    expect(removed.status).toBe(204);
    const v2 = removed.headers.get('etag')!;
    expect(v2).not.toBe(v1);
    expect(await members()).toEqual([]);
    expect((await client.patch(`/Groups/${group.id}`, addMembers(b.id), { 'if-none-match': '*' })).status).toBe(412);
    const renamed = await client.put(`/Groups/${group.id}`, { schemas: [GROUP], displayName: 'Renamed', members: [{ value: b.id }] }, { 'if-match': v2 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.meta.version).not.toBe(v2);
    expect(renamed.headers.get('etag')).toBe(renamed.body.meta.version);
    expect((await client.delete(`/Groups/${group.id}`, { 'if-match': v2 })).status).toBe(412);
    expect((await client.delete(`/Groups/${group.id}`, { 'if-match': renamed.body.meta.version })).status).toBe(204);
  });

  it('keeps a group’s version when its events are deleted (log retention): it never goes back', async () => {
    const member = await created(client, '/Users', user('kept@ge.example'));
    const group = await created(client, '/Groups', { schemas: [GROUP], displayName: 'Kept' });
    const patched = await client.patch(`/Groups/${group.id}`, addMembers(member.id));
    const current = patched.headers.get('etag')!;
    await host.query(`delete from provisioning_event where resource_type = 'Group' and resource_id = $1`, [group.id]);
    expect((await client.get(`/Groups/${group.id}`)).body.meta.version).toBe(current);
    expect((await client.patch(`/Groups/${group.id}`, removeMember(member.id), { 'if-match': group.meta.version })).status).toBe(412);
    const next = await client.patch(`/Groups/${group.id}`, removeMember(member.id), { 'if-match': current });
    expect(next.status).toBe(204);
    expect(next.headers.get('etag')).not.toBe(current);
  });

  it('lets exactly one of parallel membership PATCHes with the same If-Match through', async () => {
    const people = await Promise.all(Array.from({ length: 5 }, (_, i) => created(client, '/Users', user(`p${i}@ge.example`))));
    const group = await created(client, '/Groups', { schemas: [GROUP], displayName: 'Race' });
    const results = await Promise.all(people.map((p) => client.patch(`/Groups/${group.id}`, addMembers(p.id), { 'if-match': group.meta.version })));
    expect(results.map((r) => r.status).sort()).toEqual([204, 412, 412, 412, 412]);
    const [count] = await host.query<{ n: number }>('select count(*)::int as n from group_member where group_id = $1', [group.id]);
    expect(count!.n).toBe(1);
  });
});

describe('/ServiceProviderConfig', () => {
  it('says what is supported: PATCH, filter with maxResults, sort, ETags; no bulk, no changePassword', async () => {
    const client = await directory('spc');
    const config = (await client.get('/ServiceProviderConfig')).body;
    expect(config).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
    });
  });
});

describe('the toolkit pieces: root query resolution and precondition evaluation', () => {
  const types = [userResourceType(), groupResourceType()];
  const root = (body: Record<string, unknown>) => resolveRootQuery(readSearchRequest(search(body)), { resourceTypes: types, maxPageSize: 100 });

  it('folds what one type lacks into constants, per type', () => {
    const both = root({ filter: 'userName eq "a" and members pr' });
    expect(both.parts.map((p) => p.filter)).toEqual([false, false]);
    const either = root({ filter: 'userName eq "a" or members pr' });
    expect(either.parts.map((p) => p.filter && p.filter.kind)).toEqual(['compare', 'present']);
    expect(root({ filter: 'not (members pr)' }).parts.map((p) => p.filter ?? 'none')).toEqual(['none', expect.objectContaining({ kind: 'not' })]);
    expect(root({ filter: 'displayName eq "x"' }).parts.every((p) => p.filter && p.filter.kind === 'compare')).toBe(true);
    // Group's own schema-qualified name applies to groups only.
    expect(root({ filter: 'urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "x"' }).parts.map((p) => p.filter && p.filter.kind)).toEqual([false, 'compare']);
    expect(root({ sortBy: 'userName', attributes: ['members', 'id'] }).parts.map((p) => [p.sortBy?.attribute, p.attributes?.map((a) => a.attribute)])).toEqual([
      ['userName', ['id']],
      [undefined, ['members', 'id']],
    ]);
  });

  it('evaluates a collection as existing without a tag', () => {
    const target = { currentVersion: undefined, exists: true, method: 'POST' };
    expect(evaluatePreconditions(readPreconditions({ ifMatch: '*' }), target)).toBe('ok');
    expect(evaluatePreconditions(readPreconditions({ ifNoneMatch: 'W/"1"' }), target)).toBe('ok');
    expect(() => evaluatePreconditions(readPreconditions({ ifMatch: 'W/"1"' }), target)).toThrow(ScimError);
    expect(() => evaluatePreconditions(readPreconditions({ ifNoneMatch: '*' }), target)).toThrow(ScimError);
    expect(readPreconditions({ ifMatch: ' ', ifNoneMatch: '' })).toBeUndefined();
  });
});
