/**
 * What the admin portal reads (issue 13 items 2, 3 and 5) works for a portal session opened from a link: the
 * provider picker, seats used and left, each directory's seats, connection and log, and the card settings, with no
 * field refused as staff-only to the portal's admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraOrganization, provisionUsers } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { gqlWithCookie, portalSession } from './portal-helpers.js';

const PORTAL_READS = `{
  directoryProviders { name displayName logoUrl credentialsLocation setupSteps { title values { placeholder } } matchingAttributes { attribute } }
  organization { seats { limit used available } }
  directories { id provider seatsUsed tenantUrl providerDetails { displayName }
    connection { state lastRequestAt lastSyncAt problems { code message fix } }
    settings { templateId invitesEnabled domainAssignment deprovisionPolicy photoSync { hasClientSecret } } }
  provisioningEvents(first: 10, filter: { outcome: SUCCESS }) { edges { node { request { method path } response { status summary } } } }
}`;

let host: TestHost;

beforeAll(async () => {
  host = await startHost();
  const acme = await entraOrganization(host, 'acme', 10);
  await provisionUsers(acme.client, 1, 3);
});
afterAll(async () => await host?.close());

describe('a portal session reads the whole Directory Sync page', () => {
  it('gets providers, seats used and left, connection, log and settings without a staff-only refusal', async () => {
    const { cookie, session } = await portalSession(host, 'acme');
    expect(session.role).toBe('admin');
    const read = await gqlWithCookie(host, cookie, session.csrfToken, PORTAL_READS);
    expect(read.errors).toBeUndefined();
    expect(read.data.directoryProviders.map((p: { name: string }) => p.name)).toEqual(['entra', 'okta']);
    expect(read.data.organization.seats).toEqual({ limit: 10, used: 3, available: 7 });
    expect(read.data.directories).toEqual([
      expect.objectContaining({ provider: 'entra', seatsUsed: 3, providerDetails: { displayName: 'Microsoft Entra ID' }, connection: expect.objectContaining({ state: 'SYNCING', problems: [] }) }),
    ]);
    expect(read.data.provisioningEvents.edges.map((e: { node: { response: { summary: string } } }) => e.node.response.summary)).toEqual(Array(3).fill('Done: the user was created.'));
  });
});
