/**
 * Provider-independent checks every directory-provider plugin must pass: authentication, isolation between
 * directories, create/read/update/deactivate/delete of users and groups, the card rules reached through the
 * provisioning port, and bad input that never yields a 500. Modelled on Apollo Server's integration test suite
 * that every binding runs.
 * @packageDocumentation
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PluginDefinition } from '../plugin-api/index.js';
import { startTestHost, type TestHost } from './host.js';
import { startTestPostgres, type TestPostgres } from './postgres.js';
import { scimClient, type ScimClient } from './scim-client.js';

/** @public */
export interface ConformanceOptions {
  /** The plugin under test. */
  plugin: PluginDefinition<any>;
  /** Its configuration, as the host would pass it. */
  config?: unknown;
  /** Builds a valid user body for this provider (defaults to a plain RFC 7643 User). */
  userBody?: (userName: string) => Record<string, unknown>;
}

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

function defaultUser(userName: string): Record<string, unknown> {
  return {
    schemas: [USER],
    userName,
    externalId: `ext-${userName}`,
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    displayName: 'Ada Lovelace',
    title: 'Engineer',
    emails: [{ value: userName.includes('@') ? userName : `${userName}@example.com`, type: 'work', primary: true }],
  };
}

let sharedPostgres: Promise<TestPostgres> | undefined;

/** The run's PostgreSQL from cardbridge's global setup when present, else one started for this test file. */
async function postgres(): Promise<Pick<TestPostgres, 'adminUrl' | 'templateDatabase'>> {
  const adminUrl = (inject as (key: string) => string | undefined)('adminUrl');
  const templateDatabase = (inject as (key: string) => string | undefined)('templateDatabase');
  if (adminUrl && templateDatabase) return { adminUrl, templateDatabase };
  sharedPostgres ??= startTestPostgres();
  return await sharedPostgres;
}

function expectScimError(response: { status: number; body: any }, status: number): void {
  expect(response.status).toBe(status);
  expect(response.body?.schemas).toEqual([ERROR]);
  expect(response.body?.status).toBe(String(status));
  expect(typeof response.body?.detail).toBe('string');
}

/**
 * Registers the conformance suite for `options.plugin` in the current vitest file.
 * @public
 */
export function describeProviderConformance(options: ConformanceOptions): void {
  const name = options.plugin.name;
  const userBody = options.userBody ?? defaultUser;
  describe(`provider conformance: ${name}`, () => {
    let host: TestHost;
    let a: ScimClient;
    let b: ScimClient;
    let dirA: { directoryId: string; organizationId: string; tenantUrl: string; secretToken: string };
    let dirB: typeof dirA;

    beforeAll(async () => {
      host = await startTestHost({ postgres: await postgres(), plugins: [options.plugin], pluginConfig: { [name]: options.config } });
      dirA = await host.createDirectory({ org: 'conformance-a', provider: name, seats: 3 });
      dirB = await host.createDirectory({ org: 'conformance-b', provider: name, seats: 10 });
      a = scimClient(dirA.tenantUrl, dirA.secretToken);
      b = scimClient(dirB.tenantUrl, dirB.secretToken);
    });
    afterAll(async () => {
      await host?.close();
      if (sharedPostgres) await (await sharedPostgres).stop();
    });

    it('refuses a missing, wrong or foreign token with 401 in SCIM shape', async () => {
      expectScimError(await scimClient(dirA.tenantUrl, null).get('/Users'), 401);
      expectScimError(await scimClient(dirA.tenantUrl, 'cbt_wrong').get('/Users'), 401);
      expectScimError(await scimClient(dirA.tenantUrl, dirB.secretToken).get('/Users'), 401);
    });

    it('answers a lookup of an unknown userName with 200 and zero results (Test Connection)', async () => {
      const response = await a.get(`/Users?filter=${encodeURIComponent('userName eq "nobody-7f3a@example.com"')}`);
      expect(response.status).toBe(200);
      expect(response.body.totalResults).toBe(0);
      expect(response.body.Resources ?? []).toEqual([]);
    });

    it('creates, reads, finds, updates, deactivates and deletes a user, with seat and card', async () => {
      const created = await a.post('/Users', userBody('grace@example.com'));
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(created.body.userName).toBe('grace@example.com');
      expect(created.body.meta).toMatchObject({ resourceType: 'User', location: `${dirA.tenantUrl}/Users/${id}` });
      expect((await a.get(`/Users/${id}`)).body.userName).toBe('grace@example.com');
      const found = await a.get(`/Users?filter=${encodeURIComponent('userName eq "GRACE@example.com"')}`);
      expect(found.body.totalResults).toBe(1);
      expect(found.body.Resources[0].id).toBe(id);
      const [card] = await host.query<{ n: number }>('select count(*)::int as n from card c join seat s on s.user_id = c.user_id where c.user_id = $1', [id]);
      expect(card!.n).toBe(1);

      const replaced = await a.put(`/Users/${id}`, { ...userBody('grace@example.com'), title: 'Rear Admiral' });
      expect(replaced.status).toBe(200);
      expect(replaced.body.title).toBe('Rear Admiral');
      const [fields] = await host.query<{ title: string }>(`select fields->>'title' as title from card where user_id = $1`, [id]);
      expect(fields!.title).toBe('Rear Admiral');

      const deactivated = await a.patch(`/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] });
      expect(deactivated.status).toBe(200);
      expect(deactivated.body.active).toBe(false);

      expect((await a.delete(`/Users/${id}`)).status).toBe(204);
      expectScimError(await a.get(`/Users/${id}`), 404);
      const [left] = await host.query<{ cards: number; seats: number }>(
        `select (select count(*)::int from card where user_id = $1) as cards, (select count(*)::int from seat where user_id = $1) as seats`,
        [id],
      );
      expect(left).toEqual({ cards: 0, seats: 0 });
    });

    it("refuses a duplicate userName with 409 uniqueness and keeps one user", async () => {
      const first = await a.post('/Users', userBody('dup@example.com'));
      expect(first.status).toBe(201);
      const second = await a.post('/Users', userBody('DUP@example.com'));
      expectScimError(second, 409);
      expect(second.body.scimType).toBe('uniqueness');
      await a.delete(`/Users/${first.body.id}`);
    });

    it('keeps directories apart: an id of another directory is not found', async () => {
      const created = await b.post('/Users', userBody('isolated@example.com'));
      expect(created.status).toBe(201);
      expectScimError(await a.get(`/Users/${created.body.id}`), 404);
      expectScimError(await a.delete(`/Users/${created.body.id}`), 404);
      expect((await a.get(`/Users?filter=${encodeURIComponent('userName eq "isolated@example.com"')}`)).body.totalResults).toBe(0);
      expect((await b.get(`/Users/${created.body.id}`)).status).toBe(200);
    });

    it('enforces the seat limit with a SCIM error and leaves nothing half-created', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await a.post('/Users', userBody(`seat${i}@example.com`));
        expect(r.status).toBe(201);
        ids.push(r.body.id);
      }
      const refused = await a.post('/Users', userBody('seat-overflow@example.com'));
      expectScimError(refused, 403);
      expect(refused.body.detail).toMatch(/seat/i);
      const [row] = await host.query<{ n: number }>(`select count(*)::int as n from app_user where lower(user_name) = 'seat-overflow@example.com'`);
      expect(row!.n).toBe(0);
      for (const id of ids) await a.delete(`/Users/${id}`);
    });

    it('creates a group, adds and removes members, renames and deletes it', async () => {
      const user = await a.post('/Users', userBody('member@example.com'));
      const group = await a.post('/Groups', { schemas: [GROUP], displayName: 'Conformance' });
      expect(group.status).toBe(201);
      const gid = group.body.id as string;
      const add = await a.patch(`/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: [{ value: user.body.id }] }] });
      expect([200, 204]).toContain(add.status);
      expect((await a.get(`/Groups/${gid}`)).body.members.map((m: { value: string }) => m.value)).toEqual([user.body.id]);
      const remove = await a.patch(`/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: `members[value eq "${user.body.id}"]` }] });
      expect([200, 204]).toContain(remove.status);
      expect((await a.get(`/Groups/${gid}`)).body.members ?? []).toEqual([]);
      const rename = await a.patch(`/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'displayName', value: 'Renamed' }] });
      expect([200, 204]).toContain(rename.status);
      expect((await a.get(`/Groups/${gid}`)).body.displayName).toBe('Renamed');
      expect((await a.delete(`/Groups/${gid}`)).status).toBe(204);
      await a.delete(`/Users/${user.body.id}`);
    });

    it('moves a group’s ETag on a membership change and refuses a stale If-Match with 412, writing nothing', async () => {
      const user = await b.post('/Users', userBody('etag-member@example.com'));
      const group = await b.post('/Groups', { schemas: [GROUP], displayName: 'Conformance ETags' });
      const gid = group.body.id as string;
      const before = (await b.get(`/Groups/${gid}`)).body.meta.version as string;
      const add = await b.patch(`/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: [{ value: user.body.id }] }] }, { 'if-match': `W/"0", ${before}` });
      expect([200, 204]).toContain(add.status);
      const after = (await b.get(`/Groups/${gid}`)).body.meta.version as string;
      expect(after).not.toBe(before);
      const stale = await b.patch(`/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: 'members' }] }, { 'if-match': before });
      expectScimError(stale, 412);
      expect((await b.get(`/Groups/${gid}`)).body.members.map((m: { value: string }) => m.value)).toEqual([user.body.id]);
      expect((await b.delete(`/Groups/${gid}`, { 'if-match': after })).status).toBe(204);
      await b.delete(`/Users/${user.body.id}`);
    });

    it('answers bad input with a SCIM 4xx, never a 500, and writes nothing', async () => {
      const before = await host.query<{ n: number }>('select count(*)::int as n from app_user');
      expectScimError(await a.raw('POST', '/Users', '{"schemas": [', 'application/scim+json'), 400);
      expect((await a.raw('POST', '/Users', 'userName=x', 'text/plain')).status).toBe(415);
      expectScimError(await a.get(`/Users?filter=${encodeURIComponent('userName eq')}`), 400);
      expectScimError(await a.get('/Users/not-a-real-id'), 404);
      expectScimError(await a.post('/Users', { schemas: [USER] }), 400);
      expectScimError(await a.patch('/Users/00000000-0000-4000-8000-000000000000', { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'x' }] }), 404);
      const garbage = await a.patch('/Users/00000000-0000-4000-8000-000000000000', { Operations: 'nope' });
      expect(garbage.status).toBeGreaterThanOrEqual(400);
      expect(garbage.status).toBeLessThan(500);
      const after = await host.query<{ n: number }>('select count(*)::int as n from app_user');
      expect(after).toEqual(before);
    });
  });
}
