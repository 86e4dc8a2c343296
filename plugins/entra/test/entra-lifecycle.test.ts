import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from 'cardbridge/plugin-testkit';
import { entraDirectory, filter, fill, fixtures, startEntraHost } from './helpers.js';

let host: TestHost;
beforeAll(async () => {
  host = await startEntraHost();
});
afterAll(async () => await host?.close());

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe.each([
  { label: 'userName ← userPrincipalName (Entra default)', settings: { matchingAttribute: 'userName' } },
  { label: 'userName ← objectId, externalId ← userPrincipalName', settings: { matchingAttribute: 'externalId' } },
])('Microsoft documented provisioning run: $label', ({ settings }) => {
  it('goes through Test Connection, user and group lifecycles without one error, each step logged', async () => {
    const { client, directoryId } = await entraDirectory(host, `run-${settings.matchingAttribute.toLowerCase()}`, settings);

    // Test Connection: a filter on a random userName answers 200 with zero results.
    const probe = await client.get(`/Users${filter(fixtures.lookupMissing)}`);
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0 });
    expect(probe.headers.get('content-type')).toContain('application/scim+json');

    // Create User
    const created = await client.post('/Users', fixtures.createUser);
    expect(created.status).toBe(201);
    const userId = created.body.id as string;
    expect(created.body).toMatchObject({
      userName: fixtures.createUser.userName,
      externalId: fixtures.createUser.externalId,
      active: true,
      emails: fixtures.createUser.emails,
      name: fixtures.createUser.name,
      meta: { resourceType: 'User', location: `${client.baseUrl}/Users/${userId}` },
    });
    expect(created.body.meta.version).toMatch(/^W\/"\d+"$/);
    expect(created.headers.get('etag')).toBe(created.body.meta.version);
    expect(created.headers.get('location')).toBe(created.body.meta.location);

    // Read back by filter (userName, or externalId for the second configuration), and by id: same as written.
    const key = settings.matchingAttribute === 'externalId' ? `externalId eq "${fixtures.createUser.externalId}"` : `userName eq "${fixtures.createUser.userName}"`;
    const found = await client.get(`/Users${filter(key)}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toEqual(created.body);
    expect((await client.get(`/Users/${userId}`)).body).toEqual(created.body);

    // Update multi-valued and single-valued properties.
    const multi = await client.patch(`/Users/${userId}`, fixtures.updateMultiValued);
    expect(multi.status).toBe(200);
    expect(multi.body.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }]);
    expect(multi.body.name.familyName).toBe('updatedFamilyName');
    const single = await client.patch(`/Users/${userId}`, fixtures.updateSingleValued);
    expect(single.status).toBe(200);
    expect(single.body.userName).toBe('5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');

    // Disable, then re-enable with Entra's string boolean.
    const disabled = await client.patch(`/Users/${userId}`, fixtures.disableUser);
    expect(disabled.body.active).toBe(false);
    const enabled = await client.patch(`/Users/${userId}`, fixtures.enableUserStringBoolean);
    expect(enabled.body.active).toBe(true);

    // Groups: create, find by displayName without members, rename, add and remove members, delete.
    const group = await client.post('/Groups', fixtures.createGroup);
    expect(group.status).toBe(201);
    const groupId = group.body.id as string;
    const groupFound = await client.get(`/Groups${filter(fixtures.groupLookup)}&excludedAttributes=members`);
    expect(groupFound.body.totalResults).toBe(1);
    expect(groupFound.body.Resources[0].members).toBeUndefined();
    expect((await client.patch(`/Groups/${groupId}`, fixtures.renameGroup)).status).toBe(204);
    expect((await client.patch(`/Groups/${groupId}`, fill(fixtures.addMembers, { userId }))).status).toBe(204);
    const withMember = await client.get(`/Groups/${groupId}`);
    expect(withMember.body.displayName).toBe(fixtures.renameGroup.Operations[0].value);
    expect(withMember.body.members.map((m: { value: string }) => m.value)).toEqual([userId]);
    expect((await client.get(`/Groups/${groupId}?excludedAttributes=members`)).body.members).toBeUndefined();
    expect((await client.patch(`/Groups/${groupId}`, fill(fixtures.removeMembers, { userId }))).status).toBe(204);
    expect((await client.get(`/Groups/${groupId}`)).body.members ?? []).toEqual([]);
    expect((await client.delete(`/Groups/${groupId}`)).status).toBe(204);
    expect((await client.get(`/Groups/${groupId}`)).status).toBe(404);

    // Delete User (hard delete): gone, card gone, seat free.
    expect((await client.delete(`/Users/${userId}`)).status).toBe(204);
    const gone = await client.get(`/Users/${userId}`);
    expect(gone.status).toBe(404);
    expect(gone.body.schemas).toEqual([ERROR]);

    // Every step is in the provisioning log, all successful.
    const events = await pollEvents(directoryId, 20);
    // The only failures are this test's own reads of the deleted group and user.
    expect(events.filter((e) => e.outcome !== 'success').map((e) => `${e.method} ${e.status}`)).toEqual(['GET 404', 'GET 404']);
    expect(events.map((e) => `${e.method} ${e.resource_type ?? '-'} ${e.status}`)).toEqual(
      expect.arrayContaining(['POST User 201', 'PATCH User 200', 'DELETE User 204', 'POST Group 201', 'PATCH Group 204', 'DELETE Group 204', 'GET User 200']),
    );
  });
});

async function pollEvents(directoryId: string, atLeast: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rows = await host.query<{ method: string; resource_type: string | null; status: number; outcome: string }>(
      'select method, resource_type, status, outcome from provisioning_event where directory_id = $1 order by id',
      [directoryId],
    );
    if (rows.length >= atLeast || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
