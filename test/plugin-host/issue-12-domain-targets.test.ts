/**
 * Issue 12, item 5: domain-assignment targets — the other organizations a directory's users land in by the domain
 * of their e-mail address — are set through GraphQL by an owner, only for organizations the same owner controls
 * (proved by an owner's token of each new one; anything else is FORBIDDEN alike, whether or not it exists), and a
 * user provisioned through SCIM with a matching e-mail domain is then assigned to that organization.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { gql, productToken } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const UPDATE = 'mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) { directory { settings { domainAssignment domainAssignmentTargets } } } }';

let host: TestHost;
let client: ScimClient;
let directoryId: string;
let parentId: string;
let childId: string;
let strangerId: string;
const tokens: Record<string, string> = {};

async function setTargets(targets: { organizationId: string; ownerToken?: string }[], token = tokens.parentOwner!) {
  return await gql(host, UPDATE, { input: { directoryId, domainAssignmentTargets: targets } }, token);
}

function user(userName: string): Record<string, unknown> {
  return { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true, emails: [{ type: 'work', primary: true, value: userName }] };
}

beforeAll(async () => {
  host = await startHost();
  const dir = await host.createDirectory({ org: 'parent-co', provider: 'entra', seats: 10 });
  directoryId = dir.directoryId;
  parentId = dir.organizationId;
  client = scimClient(dir.tenantUrl, dir.secretToken);
  childId = (await host.createDirectory({ org: 'child-co', provider: 'okta', seats: 5 })).organizationId;
  strangerId = (await host.createDirectory({ org: 'stranger-co', provider: 'okta', seats: 5 })).organizationId;
  tokens.parentOwner = await productToken({ org: 'parent-co', role: 'owner' });
  tokens.parentAdmin = await productToken({ org: 'parent-co', role: 'admin' });
  tokens.childOwner = await productToken({ org: 'child-co', role: 'owner' });
  tokens.childAdmin = await productToken({ org: 'child-co', role: 'admin' });
  tokens.strangerOwner = await productToken({ org: 'stranger-co', role: 'owner' });
});
afterAll(async () => await host?.close());

describe('who may name a target', () => {
  it('admins may not: changing the targets is the owners’ (FORBIDDEN naming the field)', async () => {
    const response = await setTargets([{ organizationId: childId, ownerToken: tokens.childOwner! }], tokens.parentAdmin);
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', field: 'domainAssignmentTargets' } });
  });

  it('an organization without an owner’s proof is FORBIDDEN, with the same answer whether or not it exists', async () => {
    const missing = randomUUID();
    const attempts: [string, string | undefined][] = [
      [childId, undefined],
      [childId, tokens.childAdmin],
      [childId, tokens.strangerOwner],
      [childId, 'not-a-token'],
      [strangerId, undefined],
      [strangerId, tokens.childOwner],
      [missing, undefined],
      [missing, tokens.childOwner],
    ];
    const answers = new Set<string>();
    for (const [organizationId, ownerToken] of attempts) {
      const response = await setTargets([{ organizationId, ...(ownerToken ? { ownerToken } : {}) }]);
      expect(response.errors?.[0]?.extensions, `${organizationId} ${ownerToken?.slice(0, 12)}`).toMatchObject({ code: 'FORBIDDEN', field: 'domainAssignmentTargets' });
      answers.add(response.errors![0]!.message.replace(organizationId, '<id>'));
    }
    expect([...answers]).toEqual(['organization <id> can be a domain-assignment target only with an owner’s token of it (ownerToken): users may be assigned only to organizations the same owner controls']);
    const [row] = await host.query<{ settings: Record<string, unknown> }>('select settings from directory where id = $1', [directoryId]);
    expect(row!.settings.assignmentOrganizationIds).toBeUndefined();
  });

  it('refuses the directory’s own organization and malformed ids as bad input', async () => {
    expect((await setTargets([{ organizationId: parentId }])).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'domainAssignmentTargets' });
    expect((await setTargets([{ organizationId: 'child-co' }])).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'domainAssignmentTargets' });
  });

  it('an owner of both organizations sets the target with an owner’s token of the other one', async () => {
    const response = await setTargets([{ organizationId: childId, ownerToken: tokens.childOwner! }]);
    expect(response.errors).toBeUndefined();
    expect(response.data.updateDirectorySettings.directory.settings.domainAssignmentTargets).toEqual([childId]);
    // A target already on the list stays without a new proof; a new one still needs its own.
    expect((await setTargets([{ organizationId: childId }])).data.updateDirectorySettings.directory.settings.domainAssignmentTargets).toEqual([childId]);
    expect((await setTargets([{ organizationId: childId }, { organizationId: strangerId }])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the effect through SCIM', () => {
  it('a user whose e-mail domain is the target’s lands in the target organization; others stay', async () => {
    const domains = await gql(host, 'mutation { updateOrganization(input: { emailDomains: ["child.example"] }) { organization { emailDomains } } }', {}, tokens.childAdmin);
    expect(domains.errors).toBeUndefined();
    // Off until domainAssignment is on: the user stays in the directory's organization.
    const before = await client.post('/Users', user('early@child.example'));
    expect(before.status).toBe(201);
    expect(await host.query('select organization_id from app_user where id = $1', [before.body.id])).toEqual([{ organization_id: parentId }]);

    const on = await gql(host, UPDATE, { input: { directoryId, domainAssignment: true } }, tokens.parentAdmin);
    expect(on.data.updateDirectorySettings.directory.settings).toEqual({ domainAssignment: true, domainAssignmentTargets: [childId] });
    await expect
      .poll(async () => {
        const created = await client.post('/Users', user(`probe-${randomUUID().slice(0, 8)}@child.example`));
        return (await host.query<{ organization_id: string }>('select organization_id from app_user where id = $1', [created.body.id]))[0]?.organization_id;
      }, { timeout: 5000, interval: 50 })
      .toBe(childId);

    const assigned = await client.post('/Users', user('ada@child.example'));
    const stays = await client.post('/Users', user('grace@parent.example'));
    expect([assigned.status, stays.status]).toEqual([201, 201]);
    const USERS = '{ users(first: 50) { edges { node { email card { status } } } } }';
    const inChild = (await gql(host, USERS, {}, tokens.childAdmin)).data.users.edges.map((e: { node: { email: string } }) => e.node.email);
    const inParent = (await gql(host, USERS, {}, tokens.parentAdmin)).data.users.edges.map((e: { node: { email: string } }) => e.node.email);
    expect(inChild).toContain('ada@child.example');
    expect(inChild).not.toContain('grace@parent.example');
    expect(inParent).toContain('grace@parent.example');
    expect(inParent).not.toContain('ada@child.example');
    // The seat is the target's; the directory still manages the user.
    expect(await host.query('select s.organization_id from seat s where s.user_id = $1', [assigned.body.id])).toEqual([{ organization_id: childId }]);
    expect((await client.get(`/Users/${assigned.body.id}`)).body.userName).toBe('ada@child.example');

    // Removing the target needs no proof; new users of that domain stay home again.
    expect((await setTargets([])).data.updateDirectorySettings.directory.settings.domainAssignmentTargets).toEqual([]);
    await expect
      .poll(async () => {
        const created = await client.post('/Users', user(`late-${randomUUID().slice(0, 8)}@child.example`));
        return (await host.query<{ organization_id: string }>('select organization_id from app_user where id = $1', [created.body.id]))[0]?.organization_id;
      }, { timeout: 5000, interval: 50 })
      .toBe(parentId);
  });
});
