/**
 * A POST or PUT whose `attributes` / `excludedAttributes` name an attribute the resource type does not have is
 * refused (400 invalidPath) before anything is written: the directory retries a refused request, and a write that
 * happened behind a 400 would come back as a 409 on the retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

let host: TestHost;
let client: ScimClient;
beforeAll(async () => {
  host = await startHost();
  const directory = await host.createDirectory({ org: 'projection-first', provider: 'entra', seats: 10 });
  client = scimClient(directory.tenantUrl, directory.secretToken);
});
afterAll(async () => await host?.close());

describe('an unknown attribute in the projection of a write', () => {
  it('refuses POST /Users and creates no user', async () => {
    const response = await client.post('/Users?attributes=noSuchAttribute', { schemas: [USER], userName: 'ghost@projection.example' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ scimType: 'invalidPath' });
    const list = await client.get(`/Users?filter=${encodeURIComponent('userName eq "ghost@projection.example"')}`);
    expect(list.body).toMatchObject({ totalResults: 0 });
  });

  it('refuses PUT /Users/:id and leaves the user as it was', async () => {
    const created = await client.post('/Users', { schemas: [USER], userName: 'kept@projection.example', displayName: 'Before' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const response = await client.put(`/Users/${id}?excludedAttributes=noSuchAttribute`, { schemas: [USER], userName: 'kept@projection.example', displayName: 'After' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ scimType: 'invalidPath' });
    const after = await client.get(`/Users/${id}`);
    expect(after.body).toMatchObject({ displayName: 'Before' });
  });

  it('refuses POST and PUT /Groups and writes no group', async () => {
    const refused = await client.post('/Groups?attributes=noSuchAttribute', { schemas: [GROUP], displayName: 'Ghosts' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ scimType: 'invalidPath' });
    const list = await client.get(`/Groups?filter=${encodeURIComponent('displayName eq "Ghosts"')}`);
    expect(list.body).toMatchObject({ totalResults: 0 });
    const created = await client.post('/Groups', { schemas: [GROUP], displayName: 'Kept' });
    const id = (created.body as { id: string }).id;
    const put = await client.put(`/Groups/${id}?attributes=noSuchAttribute`, { schemas: [GROUP], displayName: 'Renamed' });
    expect(put.status).toBe(400);
    const after = await client.get(`/Groups/${id}`);
    expect(after.body).toMatchObject({ displayName: 'Kept' });
  });
});
