import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeProviderConformance, scimClient, startTestHost, type TestHost } from 'cardbridge/plugin-testkit';
import okta from '../src/index.js';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/okta-scim-2.0.json', import.meta.url), 'utf8'));
const fill = <T>(fixture: T, values: Record<string, string>): T =>
  JSON.parse(JSON.stringify(fixture).replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? ''));

describeProviderConformance({ plugin: okta });

describe("Okta's published SCIM 2.0 flows", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ postgres: { adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') }, plugins: [okta] });
  });
  afterAll(async () => await host?.close());

  it('provisions, updates by PUT, deactivates and reactivates by PATCH, with the same card rules as Entra', async () => {
    const dir = await host.createDirectory({ org: 'okta-flow', provider: 'okta', settings: { deprovisionPolicy: 'suspend' } });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    const lookup = await client.get(`/Users?filter=${encodeURIComponent(fixtures.lookup)}&startIndex=1&count=100`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ totalResults: 0, startIndex: 1 });

    const created = await client.post('/Users', fixtures.createUser);
    expect(created.status).toBe(201);
    const userId = created.body.id as string;
    expect(created.body.password).toBeUndefined();
    expect(created.body).toMatchObject({ userName: 'test.user@okta.local', displayName: 'Test User', locale: 'en-US', active: true });
    const [card] = await host.query<{ status: string; name: string }>(`select status, fields->>'displayName' as name from card where user_id = $1`, [userId]);
    expect(card).toEqual({ status: 'active', name: 'Test User' });

    const replaced = await client.put(`/Users/${userId}`, fill(fixtures.replaceUser, { userId }));
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: userId, displayName: 'Another Test User', name: { givenName: 'Another', middleName: 'Test' } });
    expect(replaced.body.meta.created).toBe(created.body.meta.created);

    const deactivated = await client.patch(`/Users/${userId}`, fixtures.deactivateUser);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await host.query(`select status from card where user_id = $1`, [userId]))[0]).toEqual({ status: 'suspended' });
    const reactivated = await client.patch(`/Users/${userId}`, fixtures.reactivateUser);
    expect(reactivated.body.active).toBe(true);
    expect((await host.query(`select status, fields->>'displayName' as name from card where user_id = $1`, [userId]))[0]).toEqual({ status: 'active', name: 'Another Test User' });
  });

  it('pages users with startIndex and count as Okta does', async () => {
    const dir = await host.createDirectory({ org: 'okta-paging', provider: 'okta' });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    for (let i = 0; i < 5; i++) expect((await client.post('/Users', { ...fixtures.createUser, userName: `u${i}@okta.local`, externalId: `x${i}` })).status).toBe(201);
    const first = await client.get('/Users?startIndex=1&count=2');
    const third = await client.get('/Users?startIndex=5&count=2');
    expect(first.body).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 2 });
    expect(third.body).toMatchObject({ totalResults: 5, startIndex: 5, itemsPerPage: 1 });
    const all = [...first.body.Resources, ...(await client.get('/Users?startIndex=3&count=2')).body.Resources, ...third.body.Resources];
    expect(new Set(all.map((u: { id: string }) => u.id)).size).toBe(5);
  });

  it('runs Group Push: create, rename without a path, add and remove members, replace by PUT, delete', async () => {
    const dir = await host.createDirectory({ org: 'okta-groups', provider: 'okta' });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    const user = await client.post('/Users', fixtures.createUser);
    const userId = user.body.id as string;
    const group = await client.post('/Groups', fixtures.createGroup);
    expect(group.status).toBe(201);
    const groupId = group.body.id as string;
    expect((await client.patch(`/Groups/${groupId}`, fill(fixtures.renameGroup, { groupId }))).status).toBe(204);
    expect((await client.get(`/Groups/${groupId}`)).body.displayName).toBe('Test SCIMv2 renamed');
    expect((await client.patch(`/Groups/${groupId}`, fill(fixtures.addMembers, { userId }))).status).toBe(204);
    expect((await client.get(`/Groups/${groupId}`)).body.members).toEqual([expect.objectContaining({ value: userId })]);
    expect((await client.patch(`/Groups/${groupId}`, fill(fixtures.removeMember, { userId }))).status).toBe(204);
    expect((await client.get(`/Groups/${groupId}`)).body.members ?? []).toEqual([]);
    const put = await client.put(`/Groups/${groupId}`, fill(fixtures.replaceGroup, { groupId, userId }));
    expect(put.status).toBe(200);
    expect(put.body.members.map((m: { value: string }) => m.value)).toEqual([userId]);
    expect((await client.delete(`/Groups/${groupId}`)).status).toBe(204);
  });
});
