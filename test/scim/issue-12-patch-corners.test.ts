/**
 * Issue 12 item 3: PATCH corners, through the real Entra and Okta endpoints on a real database.
 * - A whole extension (enterprise or a directory's custom one) as one value: the URN as `path`, or as a key of a
 *   path-less value, with a `schemas` member inside it tolerated; `remove` with the URN removes the extension.
 * - `remove` of `active` (which cardbridge always assigns, true when a POST leaves it out) is refused, so no PATCH
 *   can silently reactivate a leaver's card; removing a required attribute is the same `mutability` error.
 * - Group `members`: `remove` without a filter empties the group, `replace` sets exactly the given list (with and
 *   without a path, empty included), set-based, and the log says how many were added and removed.
 * - A member's `display`, `type` and `$ref` as sent are ignored; the group answers the server's truth.
 * - RFC 7644 §3.5.2: a PATCH that asks for `attributes` is answered 200 with the resource, groups included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type ScimClient, type ScimResponse } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const BADGE = 'urn:acme:params:scim:schemas:extension:badge:2.0:User';
const patch = (...operations: unknown[]) => ({ schemas: [PATCH_OP], Operations: operations });

let host: TestHost;
beforeAll(async () => {
  host = await startHost({ env: { SCIM_RATE_LIMIT_PER_SECOND: '10000' } });
});
afterAll(async () => await host?.close());

/** The SCIM error of a response, as the RFC 7644 §3.12 body. */
function expectScimError(response: ScimResponse, status: number, scimType: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), scimType });
}

describe.each([
  // Entra capitalises op names (its dialect accepts any case); Okta sends them in lower case.
  { provider: 'entra', op: (name: string) => name[0]!.toUpperCase() + name.slice(1) },
  { provider: 'okta', op: (name: string) => name },
])('PATCH corners through /scim/$provider', ({ provider, op }) => {
  let client: ScimClient;
  let tenantUrl: string;
  let n = 0;

  beforeAll(async () => {
    const directory = await host.createDirectory({ org: `corners-${provider}`, provider, seats: 100, settings: { customSchemas: { [BADGE]: ['badgeNumber', 'floor'] } } });
    client = scimClient(directory.tenantUrl, directory.secretToken);
    tenantUrl = directory.tenantUrl;
  });

  async function createUser(): Promise<{ id: string; displayName: string }> {
    n += 1;
    const displayName = `Person ${n} of ${provider}`;
    const response = await client.post('/Users', {
      schemas: [USER, ENTERPRISE, BADGE],
      userName: `person${n}@corners-${provider}.example`,
      displayName,
      active: true,
      emails: [{ value: `person${n}@corners-${provider}.example`, type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'Old', employeeNumber: 'E1', costCenter: 'C1' },
      [BADGE]: { badgeNumber: 'B1', floor: '3' },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return { id: response.body.id, displayName };
  }

  const cardOf = async (userId: string) =>
    (await host.query<{ status: string; fields: Record<string, unknown> }>('select status, fields from card where user_id = $1', [userId]))[0];
  const versionOf = async (userId: string) => (await host.query<{ version: number }>('select version from app_user where id = $1', [userId]))[0]!.version;

  describe('a whole extension as one value', () => {
    it('replace with the enterprise URN as path sets the attributes given, keeps the others, and ignores a schemas member', async () => {
      const manager = await createUser();
      const { id } = await createUser();
      const response = await client.patch(
        `/Users/${id}`,
        patch({ op: op('replace'), path: ENTERPRISE, value: { schemas: [ENTERPRISE], department: 'D', manager: { value: manager.id } } }),
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const expected = { department: 'D', employeeNumber: 'E1', costCenter: 'C1', manager: { value: manager.id } };
      expect(response.body[ENTERPRISE]).toEqual(expected);
      const read = await client.get(`/Users/${id}`);
      expect(read.body[ENTERPRISE]).toEqual(expected);
      expect(read.body.schemas).toEqual([USER, ENTERPRISE, BADGE]);
      expect((await cardOf(id))!.fields.department).toBe('D');
    });

    it('add with the enterprise URN as path (URN in another case) adds to the extension', async () => {
      const manager = await createUser();
      const { id } = await createUser();
      const response = await client.patch(
        `/Users/${id}`,
        patch({ op: op('add'), path: ENTERPRISE.toUpperCase(), value: { schemas: [ENTERPRISE], division: 'Div', manager: { value: manager.id } } }),
      );
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect((await client.get(`/Users/${id}`)).body[ENTERPRISE]).toEqual({ department: 'Old', employeeNumber: 'E1', costCenter: 'C1', division: 'Div', manager: { value: manager.id } });
    });

    it('a path-less add / replace takes the extension URNs as keys, a schemas member inside each ignored', async () => {
      const { id } = await createUser();
      const added = await client.patch(
        `/Users/${id}`,
        patch({ op: op('add'), value: { schemas: [USER, ENTERPRISE], [ENTERPRISE]: { schemas: [ENTERPRISE], department: 'P' }, [BADGE]: { schemas: [BADGE], floor: '4' } } }),
      );
      expect(added.status, JSON.stringify(added.body)).toBe(200);
      const replaced = await client.patch(`/Users/${id}`, patch({ op: op('replace'), value: { displayName: 'Renamed', [ENTERPRISE]: { schemas: [ENTERPRISE], employeeNumber: 'E2' } } }));
      expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
      const read = (await client.get(`/Users/${id}`)).body;
      expect(read.displayName).toBe('Renamed');
      expect(read[ENTERPRISE]).toEqual({ department: 'P', employeeNumber: 'E2', costCenter: 'C1' });
      expect(read[BADGE]).toEqual({ badgeNumber: 'B1', floor: '4' });
      expect((await cardOf(id))!.fields).toMatchObject({ department: 'P', displayName: 'Renamed' });
    });

    it('the same for the directory’s custom extension schema with its URN as path', async () => {
      const { id } = await createUser();
      const response = await client.patch(`/Users/${id}`, patch({ op: op('replace'), path: BADGE, value: { schemas: [BADGE], badgeNumber: 'B2' } }));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect((await client.get(`/Users/${id}`)).body[BADGE]).toEqual({ badgeNumber: 'B2', floor: '3' });
    });

    it('remove with the URN as path removes the whole extension; replace with null does too', async () => {
      const { id } = await createUser();
      const removed = await client.patch(`/Users/${id}`, patch({ op: op('remove'), path: ENTERPRISE }));
      expect(removed.status, JSON.stringify(removed.body)).toBe(200);
      let read = (await client.get(`/Users/${id}`)).body;
      expect(read).not.toHaveProperty(ENTERPRISE);
      expect(read.schemas).toEqual([USER, BADGE]);
      expect((await cardOf(id))!.fields).not.toHaveProperty('department');

      const nulled = await client.patch(`/Users/${id}`, patch({ op: op('replace'), path: BADGE, value: null }));
      expect(nulled.status, JSON.stringify(nulled.body)).toBe(200);
      read = (await client.get(`/Users/${id}`)).body;
      expect(read).not.toHaveProperty(BADGE);
      expect(read.schemas).toEqual([USER]);
    });

    it('a POST and a PUT tolerate a schemas member inside an extension’s object as well', async () => {
      const body = (userName: string) => ({ schemas: [USER, ENTERPRISE], userName, active: true, [ENTERPRISE]: { schemas: [ENTERPRISE], department: 'Posted' } });
      const created = await client.post('/Users', body(`posted@corners-${provider}.example`));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body[ENTERPRISE]).toEqual({ department: 'Posted' });
      const put = await client.put(`/Users/${created.body.id}`, body(`posted@corners-${provider}.example`));
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body[ENTERPRISE]).toEqual({ department: 'Posted' });
    });

    it('refuses a value that is not an object of the extension’s attributes, or names an attribute it lacks, writing nothing', async () => {
      const { id } = await createUser();
      const before = await versionOf(id);
      const notObject = await client.patch(`/Users/${id}`, patch({ op: op('replace'), path: ENTERPRISE, value: 'Sales' }));
      expectScimError(notObject, 400, 'invalidValue');
      expect(notObject.body.detail).toContain(ENTERPRISE);
      expectScimError(await client.patch(`/Users/${id}`, patch({ op: op('add'), path: BADGE, value: { nosuch: 'x' } })), 400, 'invalidPath');
      expect(await versionOf(id)).toBe(before);
    });
  });

  describe('remove of an attribute with a default', () => {
    it('refuses remove of active with 400 mutability: a deactivated user stays deactivated and their card suspended', async () => {
      const { id } = await createUser();
      const deactivated = await client.patch(`/Users/${id}`, patch({ op: op('replace'), path: 'active', value: false }));
      expect(deactivated.body.active).toBe(false);
      expect((await cardOf(id))!.status).toBe('suspended');
      const before = await versionOf(id);

      for (const operation of [
        { op: op('remove'), path: 'active' },
        { op: op('replace'), path: 'active', value: null },
        { op: op('replace'), value: { active: null } },
      ]) {
        const response = await client.patch(`/Users/${id}`, patch({ op: op('replace'), path: 'title', value: 'Changed' }, operation));
        expectScimError(response, 400, 'mutability');
        expect(response.body.detail).toMatch(/"active" cannot be removed/);
      }
      expect(await versionOf(id)).toBe(before);
      const read = (await client.get(`/Users/${id}`)).body;
      expect(read.active).toBe(false);
      expect(read).not.toHaveProperty('title');
      expect((await cardOf(id))!.status).toBe('suspended');
      expect(await host.query('select 1 from seat where user_id = $1', [id])).toHaveLength(1);
    });

    it('refuses it on an active user too (the answer does not depend on the state), and removing a required attribute alike', async () => {
      const { id } = await createUser();
      expectScimError(await client.patch(`/Users/${id}`, patch({ op: op('remove'), path: 'active' })), 400, 'mutability');
      const userName = await client.patch(`/Users/${id}`, patch({ op: op('remove'), path: 'userName' }));
      expectScimError(userName, 400, 'mutability');
      expect(userName.body.detail).toBe('"userName" is required and cannot be removed');
      expect((await client.get(`/Users/${id}`)).body.active).toBe(true);
    });
  });

  describe('group members', () => {
    async function group(members: string[]): Promise<string> {
      const response = await client.post('/Groups', { schemas: [GROUP], displayName: `Group ${++n}`, members: members.map((value) => ({ value })) });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body.id;
    }
    const memberIds = async (groupId: string) =>
      (await host.query<{ user_id: string }>('select user_id from group_member where group_id = $1 order by user_id', [groupId])).map((r) => r.user_id);
    const lastEvent = async (groupId: string) =>
      (await host.query<{ status: number; detail: string | null; outcome: string }>("select status, detail, outcome from provisioning_event where resource_id = $1 and method = 'PATCH' and outcome = 'success' order by id desc limit 1", [groupId]))[0];
    const sorted = (ids: string[]) => [...ids].sort();

    it('replace of members sets exactly the given list: members not listed leave, listed ones join', async () => {
      const [a, b, c, d] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
      const groupId = await group([a!.id, b!.id, c!.id]);
      const etag = (await client.get(`/Groups/${groupId}`)).headers.get('etag');
      const response = await client.patch(`/Groups/${groupId}`, patch({ op: op('replace'), path: 'members', value: [{ value: b!.id }, { value: d!.id }] }));
      expect(response.status, JSON.stringify(response.body)).toBe(204);
      expect(response.headers.get('etag')).not.toBe(etag);
      expect(await memberIds(groupId)).toEqual(sorted([b!.id, d!.id]));
      const read = (await client.get(`/Groups/${groupId}`)).body;
      expect(read.members.map((m: { value: string }) => m.value).sort()).toEqual(sorted([b!.id, d!.id]));
      expect(await lastEvent(groupId)).toEqual({ status: 204, outcome: 'success', detail: 'members: 1 added, 2 removed' });
    });

    it('a path-less replace with members (and other attributes) sets the list too; an empty list empties the group', async () => {
      const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
      const groupId = await group([a!.id, b!.id]);
      const response = await client.patch(`/Groups/${groupId}`, patch({ op: op('replace'), value: { displayName: 'Renamed group', members: [{ value: c!.id }, { value: a!.id }] } }));
      expect(response.status, JSON.stringify(response.body)).toBe(204);
      expect(await memberIds(groupId)).toEqual(sorted([a!.id, c!.id]));
      expect((await client.get(`/Groups/${groupId}`)).body.displayName).toBe('Renamed group');
      // A group's displayName is required: removing it is the same mutability error as a user's userName.
      expectScimError(await client.patch(`/Groups/${groupId}`, patch({ op: op('remove'), path: 'displayName' })), 400, 'mutability');
      expect(await lastEvent(groupId)).toMatchObject({ detail: 'members: 1 added, 1 removed' });

      expect((await client.patch(`/Groups/${groupId}`, patch({ op: op('replace'), path: 'members', value: [] }))).status).toBe(204);
      expect(await memberIds(groupId)).toEqual([]);
      expect((await client.get(`/Groups/${groupId}`)).body.members).toEqual([]);
      expect(await lastEvent(groupId)).toMatchObject({ detail: 'members: 0 added, 2 removed' });
    });

    it('remove of members without a filter or value empties the group (RFC 7644 §3.5.2.2)', async () => {
      const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
      const groupId = await group([a!.id, b!.id, c!.id]);
      const response = await client.patch(`/Groups/${groupId}`, patch({ op: op('remove'), path: 'members' }));
      expect(response.status, JSON.stringify(response.body)).toBe(204);
      expect(await memberIds(groupId)).toEqual([]);
      expect(await lastEvent(groupId)).toMatchObject({ detail: 'members: 0 added, 3 removed' });
      // The users are untouched: only their membership went.
      expect((await client.get(`/Users/${a!.id}`)).status).toBe(200);
      // Removing from an empty group changes nothing and is no error.
      expect((await client.patch(`/Groups/${groupId}`, patch({ op: op('remove'), path: 'members' }))).status).toBe(204);
      expect(await lastEvent(groupId)).toMatchObject({ detail: 'members: 0 added, 0 removed' });
    });

    it('remove of members with a value list removes exactly those members', async () => {
      const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
      const groupId = await group([a!.id, b!.id, c!.id]);
      expect((await client.patch(`/Groups/${groupId}`, patch({ op: op('remove'), path: 'members', value: [{ value: a!.id }, { value: c!.id }] }))).status).toBe(204);
      expect(await memberIds(groupId)).toEqual([b!.id]);
      expect(await lastEvent(groupId)).toMatchObject({ detail: 'members: 0 added, 2 removed' });
    });

    it('accepts a member’s display, type and $ref as sent and answers the server’s truth', async () => {
      const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
      const wrong = (id: string) => ({ value: id, display: 'Wrong Name', type: 'Group', $ref: 'https://elsewhere.example/scim/Users/nobody' });
      const truth = (user: { id: string; displayName: string }) => ({ value: user.id, display: user.displayName, $ref: `${tenantUrl}/Users/${user.id}`, type: 'User' });
      const byValue = (members: { value: string }[]) => [...members].sort((x, y) => x.value.localeCompare(y.value));

      const created = await client.post('/Groups', { schemas: [GROUP], displayName: `Group ${++n}`, members: [wrong(a!.id)] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.members).toEqual([truth(a!)]);
      const groupId = created.body.id;

      const added = await client.patch(`/Groups/${groupId}`, patch({ op: op('add'), path: 'members', value: [{ value: b!.id, display: 'Wrong Name', type: 'User', $ref: 'x' }] }));
      expect(added.status, JSON.stringify(added.body)).toBe(204);
      expect(byValue((await client.get(`/Groups/${groupId}`)).body.members)).toEqual(byValue([truth(a!), truth(b!)]));

      const replaced = await client.patch(`/Groups/${groupId}`, patch({ op: op('replace'), value: { members: [wrong(c!.id), wrong(a!.id)] } }));
      expect(replaced.status, JSON.stringify(replaced.body)).toBe(204);
      expect(byValue((await client.get(`/Groups/${groupId}`)).body.members)).toEqual(byValue([truth(a!), truth(c!)]));

      const put = await client.put(`/Groups/${groupId}`, { schemas: [GROUP], displayName: 'Put group', members: [wrong(b!.id)] });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body.members).toEqual([truth(b!)]);
      // Creates and PUTs log their membership change as well.
      const events = await host.query<{ method: string; detail: string | null }>("select method, detail from provisioning_event where resource_id = $1 and method in ('POST', 'PUT') order by id", [groupId]);
      expect(events).toEqual([
        { method: 'POST', detail: 'members: 1 added, 0 removed' },
        { method: 'PUT', detail: 'members: 1 added, 2 removed' },
      ]);
    });

    it('answers 200 with the group when the PATCH asks for attributes (RFC 7644 §3.5.2), and the log says 200', async () => {
      const [a, b] = await Promise.all([createUser(), createUser()]);
      const groupId = await group([a!.id]);
      const response = await client.patch(`/Groups/${groupId}?attributes=members`, patch({ op: op('add'), path: 'members', value: [{ value: b!.id }] }));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['id', 'members', 'schemas']);
      expect(response.body.members.map((m: { value: string }) => m.value).sort()).toEqual(sorted([a!.id, b!.id]));
      expect(response.headers.get('etag')).toBe((await client.get(`/Groups/${groupId}`)).headers.get('etag'));
      expect(await lastEvent(groupId)).toMatchObject({ status: 200, detail: 'members: 1 added, 0 removed' });

      const renamed = await client.patch(`/Groups/${groupId}?attributes=displayName`, patch({ op: op('replace'), path: 'displayName', value: 'Asked' }));
      expect(renamed.status).toBe(200);
      expect(renamed.body).toEqual({ schemas: [GROUP], id: groupId, displayName: 'Asked' });
      expect(await lastEvent(groupId)).toMatchObject({ status: 200, detail: null });
    });

    it('answers a user PATCH 200 with the resource, projected by attributes', async () => {
      const { id } = await createUser();
      const response = await client.patch(`/Users/${id}?attributes=title`, patch({ op: op('replace'), path: 'title', value: 'Asked' }));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ schemas: [USER, ENTERPRISE, BADGE], id, title: 'Asked' });
    });
  });
});
