import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, entraOrganization, gql, productToken, provisionUsers, ROLES, type Role } from './graphql-helpers.js';

let host: TestHost;
const tokens = {} as Record<Role, string>;
let memberId: string;
let otherUserId: string;
let userIds: string[];
let otherOrgUserId: string;
let salesGroupId: string;
let directoryId: string;
let otherDirectoryId: string;
let otherGroupId: string;

beforeAll(async () => {
  host = await startHost();
  const acme = await entraOrganization(host, 'acme');
  directoryId = acme.directoryId;
  userIds = await provisionUsers(acme.client, 1, 12);
  [memberId, otherUserId] = userIds as [string, string];
  const sales = await acme.client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', members: userIds.slice(0, 6).map((value) => ({ value })) });
  salesGroupId = sales.body.id;
  await acme.client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Research', members: userIds.slice(6).map((value) => ({ value })) });
  const other = await entraOrganization(host, 'other');
  otherDirectoryId = other.directoryId;
  [otherOrgUserId] = (await provisionUsers(other.client, 500, 1, 'other.example')) as [string];
  otherGroupId = (await other.client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Other' })).body.id;
  for (const role of ROLES) tokens[role] = await productToken({ org: 'acme', role, ...(role === 'member' ? { sub: memberId } : {}) });
});
afterAll(async () => await host?.close());

const STAFF: Role[] = ['owner', 'admin', 'editor', 'viewer'];

describe('reads per role', () => {
  const cases: { name: string; query: string; member: 'ok' | 'FORBIDDEN' }[] = [
    { name: 'organization', query: '{ organization { slug name } }', member: 'ok' },
    { name: 'organization.seats', query: '{ organization { seats { limit used available } } }', member: 'FORBIDDEN' },
    { name: 'directories', query: '{ directories { id tenantUrl } }', member: 'FORBIDDEN' },
    { name: 'users', query: '{ users(first: 5) { totalCount } }', member: 'FORBIDDEN' },
    { name: 'groups', query: '{ groups { totalCount } }', member: 'FORBIDDEN' },
    { name: 'cards', query: '{ cards { totalCount } }', member: 'FORBIDDEN' },
    { name: 'templates', query: '{ templates { id } }', member: 'ok' },
    { name: 'provisioningEvents', query: '{ provisioningEvents { totalCount } }', member: 'FORBIDDEN' },
  ];
  for (const c of cases) {
    it(`${c.name}: staff roles read it, member gets ${c.member}`, async () => {
      for (const role of STAFF) expect((await gql(host, c.query, {}, tokens[role])).errors, role).toBeUndefined();
      const member = await gql(host, c.query, {}, tokens.member);
      if (c.member === 'ok') expect(member.errors).toBeUndefined();
      else expect(codeOf(member)).toBe('FORBIDDEN');
    });
  }

  it('answers UNAUTHENTICATED without a token, and 401 for a refused token', async () => {
    expect(codeOf(await gql(host, '{ viewer { role } }'))).toBe('UNAUTHENTICATED');
    const refused = await gql(host, '{ viewer { role } }', {}, 'a.b.c');
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
  });

  it('tells the viewer its role, user and permissions', async () => {
    const member = await gql(host, '{ viewer { role userId permissions user { id email } organization { slug } } }', {}, tokens.member);
    expect(member.data.viewer).toMatchObject({ role: 'MEMBER', userId: memberId, user: { id: memberId, email: 'user1@example.com' }, organization: { slug: 'acme' } });
    expect(member.data.viewer.permissions).toEqual(expect.arrayContaining(['card:edit-own']));
    const admin = await gql(host, '{ viewer { role userId permissions } }', {}, tokens.admin);
    expect(admin.data.viewer).toMatchObject({ role: 'ADMIN', userId: null });
    expect(admin.data.viewer.permissions).toContain('directory:manage');
  });

  it('lets a member read their own user and card, and nobody else’s', async () => {
    const own = await gql(host, 'query($id: ID!) { user(id: $id) { id card { id publicUrl } } }', { id: memberId }, tokens.member);
    expect(own.data.user.card.publicUrl).toMatch(/\/c\/[\w-]+$/);
    const cardId = own.data.user.card.id;
    expect((await gql(host, 'query($id: ID!) { card(id: $id) { id } }', { id: cardId }, tokens.member)).data.card.id).toBe(cardId);
    expect(codeOf(await gql(host, 'query($id: ID!) { user(id: $id) { id } }', { id: otherUserId }, tokens.member))).toBe('FORBIDDEN');
    const otherCard = await gql(host, 'query($id: ID!) { user(id: $id) { card { id } } }', { id: otherUserId }, tokens.viewer);
    expect(codeOf(await gql(host, 'query($id: ID!) { card(id: $id) { id } }', { id: otherCard.data.user.card.id }, tokens.member))).toBe('FORBIDDEN');
  });
});

describe('organization isolation', () => {
  it('answers null for ids of another organization', async () => {
    const response = await gql(host, 'query($id: ID!) { user(id: $id) { id } }', { id: otherOrgUserId }, tokens.owner);
    expect(response.errors).toBeUndefined();
    expect(response.data.user).toBeNull();
    expect((await gql(host, 'query($id: ID!) { user(id: $id) { id } }', { id: 'not-a-uuid' }, tokens.owner)).data.user).toBeNull();
  });

  it('answers null for a directory, group or card of another organization', async () => {
    const query = 'query($d: ID!, $g: ID!, $c: ID!) { directory(id: $d) { id } group(id: $g) { id } card(id: $c) { id } }';
    const [card] = await host.query<{ id: string }>('select id from card where user_id = $1', [otherOrgUserId]);
    const response = await gql(host, query, { d: otherDirectoryId, g: otherGroupId, c: card!.id }, tokens.owner);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ directory: null, group: null, card: null });
    const own = await gql(host, query, { d: directoryId, g: salesGroupId, c: card!.id }, tokens.viewer);
    expect(own.data).toMatchObject({ directory: { id: directoryId }, group: { id: salesGroupId } });
  });

  it('never lists another organization’s users, cards, directories or events', async () => {
    const response = await gql(host, '{ users(first: 100) { totalCount edges { node { email } } } cards(first: 100) { totalCount } directories { id } provisioningEvents(first: 100) { edges { node { directoryId } } } }', {}, tokens.owner);
    expect(response.data.users.totalCount).toBe(12);
    expect(response.data.users.edges.every((e: any) => e.node.email.endsWith('@example.com'))).toBe(true);
    expect(response.data.cards.totalCount).toBe(12);
    expect(response.data.directories.map((d: any) => d.id)).toEqual([directoryId]);
    expect(new Set(response.data.provisioningEvents.edges.map((e: any) => e.node.directoryId))).toEqual(new Set([directoryId]));
  });

  it('refuses a token of an organization that does not exist', async () => {
    const response = await gql(host, '{ viewer { role } }', {}, await productToken({ org: 'nobody', role: 'owner' }));
    expect(response.status).toBe(401);
  });
});

describe('users connection', () => {
  it('pages through every user exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const response: any = await gql(host, 'query($after: String) { users(first: 5, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }', { after }, tokens.viewer);
      const users = response.data.users;
      expect(users.totalCount).toBe(12);
      seen.push(...users.edges.map((e: any) => e.node.id));
      after = users.pageInfo.endCursor;
      if (!users.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(userIds);
  });

  it('filters by text, group, active, source and directory, and sorts', async () => {
    const query = 'query($filter: UserFilterInput, $sort: UserSortInput) { users(first: 100, filter: $filter, sort: $sort) { totalCount edges { node { displayName } } } }';
    const run = async (variables: Record<string, unknown>) => (await gql(host, query, variables, tokens.editor)).data.users;
    expect((await run({ filter: { text: 'user 01' } })).totalCount).toBe(3);
    expect((await run({ filter: { groupId: salesGroupId } })).totalCount).toBe(6);
    expect((await run({ filter: { active: false } })).totalCount).toBe(0);
    expect((await run({ filter: { source: 'DIRECTORY', directoryId } })).totalCount).toBe(12);
    expect((await run({ filter: { source: 'MANUAL' } })).totalCount).toBe(0);
    const sorted = await run({ sort: { field: 'DISPLAY_NAME', direction: 'DESC' } });
    expect(sorted.edges[0].node.displayName).toBe('User 012');
  });

  it('rejects a foreign cursor, a bad page size and a malformed filter id with BAD_USER_INPUT', async () => {
    expect(codeOf(await gql(host, '{ users(after: "nonsense") { totalCount } }', {}, tokens.viewer))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(host, '{ users(first: 1000) { totalCount } }', {}, tokens.viewer))).toBe('BAD_USER_INPUT');
    const response = await gql(host, '{ users(filter: { groupId: "x" }) { totalCount } }', {}, tokens.viewer);
    expect(response.errors?.[0]).toMatchObject({ message: 'filter.groupId is not a valid id', extensions: { code: 'BAD_USER_INPUT', field: 'filter.groupId' } });
  });

  it('shows groups with members as a connection', async () => {
    const response = await gql(host, '{ groups { totalCount edges { node { displayName memberCount members(first: 4) { totalCount edges { node { id } } pageInfo { hasNextPage } } } } } }', {}, tokens.viewer);
    const sales = response.data.groups.edges.find((e: any) => e.node.displayName === 'Sales').node;
    expect(sales.members).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: true } });
    // members added in one request share added_at; ties go by user id
    expect(sales.members.edges.map((e: any) => e.node.id)).toEqual(userIds.slice(0, 6).sort().slice(0, 4));
  });
});

describe('directories and the provisioning log', () => {
  it('shows Tenant URL, counts, lastSyncAt and recent events', async () => {
    const response = await gql(host, '{ directories { provider status tenantUrl lastSyncAt userCount groupCount settings { deprovisionPolicy matchingAttribute photoSync { enabled } } recentEvents(first: 2) { operation outcome status } } }', {}, tokens.viewer);
    const [directory] = response.data.directories;
    expect(directory).toMatchObject({ provider: 'entra', status: 'ACTIVE', userCount: 12, groupCount: 2, settings: { deprovisionPolicy: 'SUSPEND', matchingAttribute: 'USER_NAME', photoSync: null } });
    expect(directory.tenantUrl).toBe(`${host.config.publicUrl}/scim/entra/${directoryId}`);
    expect(Date.parse(directory.lastSyncAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(directory.recentEvents).toHaveLength(2);
  });

  it('filters events by directory, outcome and time', async () => {
    const query = 'query($filter: ProvisioningEventFilterInput) { provisioningEvents(first: 100, filter: $filter) { totalCount } }';
    const count = async (filter: Record<string, unknown>) => (await gql(host, query, { filter }, tokens.admin)).data.provisioningEvents.totalCount;
    expect(await count({ directoryId, outcome: 'SUCCESS' })).toBe(14);
    expect(await count({ outcome: 'FAILURE' })).toBe(0);
    expect(await count({ since: new Date(Date.now() + 60_000).toISOString() })).toBe(0);
  });
});

describe('efficiency', () => {
  const PAGE = `query($first: Int!) { users(first: $first) { totalCount edges { node { id displayName card { publicUrl status fields { displayName title } } seat { id claimedAt } groups { id displayName } } } } }`;

  /** SQL statements the host's pool runs while `fn` runs (authentication included). */
  async function countStatements(fn: () => Promise<unknown>): Promise<number> {
    const pool = host.server.pool as unknown as { query: (...args: unknown[]) => unknown };
    const original = pool.query;
    let count = 0;
    pool.query = function (this: unknown, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text ?? '');
      // Background work on the same pool is not part of the request: the provisioning log's batched writer and
      // the live log's debounced signal.
      if (!text.includes('insert into provisioning_event') && !text.includes('pg_notify')) count += 1;
      return original.apply(this, args);
    };
    try {
      await fn();
    } finally {
      pool.query = original;
    }
    return count;
  }

  it('loads a page of 100 users with card, seat and groups in at most 5 statements, whatever the size', async () => {
    const big = await entraOrganization(host, 'big');
    const ids = await provisionUsers(big.client, 1000, 100, 'big.example');
    for (const name of ['Everyone', 'Staff']) {
      expect((await big.client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: name, members: ids.map((value) => ({ value })) })).status).toBe(201);
    }
    const token = await productToken({ org: 'big', role: 'viewer' });
    // Let the provisioning writes' background work (event batches, signals) settle before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    let page: any;
    const forHundred = await countStatements(async () => (page = await gql(host, PAGE, { first: 100 }, token)));
    expect(page.errors).toBeUndefined();
    expect(page.data.users.edges).toHaveLength(100);
    expect(page.data.users.edges.every((e: any) => e.node.card && e.node.seat && e.node.groups.length === 2)).toBe(true);
    const forTen = await countStatements(() => gql(host, PAGE, { first: 10 }, token));
    expect(forHundred).toBeLessThanOrEqual(5);
    expect(forTen).toBe(forHundred);
  });

  it('rejects a query nested deeper than GRAPHQL_MAX_DEPTH', async () => {
    const deep = '{ users { edges { node { groups { members { edges { node { groups { members { edges { node { id } } } } } } } } } } } }';
    const response = await gql(host, deep, {}, tokens.viewer);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/nested \d+ levels deep; the limit is 10/);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: { kind: 'depth', max: 10 } });
  });

  it('rejects a query costlier than GRAPHQL_MAX_COST', async () => {
    const costly = '{ users(first: 100) { edges { node { groups { members(first: 100) { edges { node { id email } } } } } } } }';
    const response = await gql(host, costly, {}, tokens.viewer);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/query cost \d+ exceeds the limit of 5000/);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: { kind: 'cost', max: 5000 } });
  });
});
