/** SCIM_MAX_PAGE_SIZE caps every list's page, whatever the dialect allows, and /ServiceProviderConfig says so. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

let host: TestHost;
let client: ScimClient;
beforeAll(async () => {
  host = await startHost({ env: { SCIM_MAX_PAGE_SIZE: '3' } });
  const directory = await host.createDirectory({ org: 'page-size', provider: 'entra', seats: 10 });
  client = scimClient(directory.tenantUrl, directory.secretToken);
  for (let i = 0; i < 5; i++) {
    const created = await client.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `p${i}@page.example` });
    expect(created.status).toBe(201);
  }
});
afterAll(async () => await host?.close());

describe('SCIM_MAX_PAGE_SIZE', () => {
  it('lowers a larger count to the operator limit, with totalResults still counting every match', async () => {
    const response = await client.get('/Users?count=100');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ totalResults: 5, itemsPerPage: 3 });
    expect((response.body as { Resources: unknown[] }).Resources).toHaveLength(3);
  });

  it('is advertised as filter.maxResults', async () => {
    const response = await client.get('/ServiceProviderConfig');
    expect(response.body).toMatchObject({ filter: { supported: true, maxResults: 3 } });
  });
});
