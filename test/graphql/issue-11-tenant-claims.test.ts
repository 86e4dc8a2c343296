/**
 * Issue 11 item 7: connecting an Entra tenant to an organization needs proof from that tenant (an ID token of an
 * administrator of it), and every refusal reads the same whether the proof is bad or the tenant is taken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEntra } from '../helpers/entra-tokens.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, entraOrganization, gql, productToken, provisionUsers, type GraphQLResponse } from './graphql-helpers.js';

const T1 = 'a1a1a1a1-0000-4000-8000-000000000001';
const T2 = 'b2b2b2b2-0000-4000-8000-000000000002';
const T3 = 'c3c3c3c3-0000-4000-8000-000000000003';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const APPLICATION_ADMIN = '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3';
const CLOUD_APPLICATION_ADMIN = '158c047a-c907-4556-b7ef-446551a6b5f7';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const UPDATE = 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { slug microsoftSignIn } } }';

const entra = new LocalEntra();
let host: TestHost;
const owners: Record<string, string> = {};

const claim = (org: string, input: Record<string, unknown>) => gql(host, UPDATE, { input }, owners[org]);
const adminProof = (tenant: string, wids = [GLOBAL_ADMIN], claims: Record<string, unknown> = {}) =>
  entra.token(tenant, { oid: `admin-of-${tenant}`, preferred_username: `admin@${tenant}.test`, wids, ...claims });
const stored = async (org: string) =>
  (await host.query<{ entra_tenant_id: string | null; microsoft_sign_in: boolean; verified: boolean }>(
    'select entra_tenant_id, microsoft_sign_in, entra_tenant_verified_at is not null as verified from organization where slug = $1',
    [org],
  ))[0];

/** The whole refusal as a client sees it: status, message, code, field and no data. */
const refusalOf = (response: GraphQLResponse) => ({ status: response.status, data: response.data, errors: response.errors?.map(({ message, extensions }) => ({ message, extensions })) });

beforeAll(async () => {
  await entra.start();
  host = await startHost({ env: entra.env });
  for (const org of ['alpha', 'beta', 'gamma']) {
    await entraOrganization(host, org);
    owners[org] = await productToken({ org, role: 'owner' });
  }
});
afterAll(async () => {
  await host?.close();
  await entra.stop();
});

describe('connecting an Entra tenant needs proof from it', () => {
  let refusal: ReturnType<typeof refusalOf>;

  it('refuses a tenant id without proof (FORBIDDEN naming entraTenantProof) and stores nothing', async () => {
    const refused = await claim('alpha', { entraTenantId: T1, microsoftSignIn: true });
    refusal = refusalOf(refused);
    expect(refusal.errors).toEqual([{ message: expect.stringMatching(/^the Entra tenant cannot be connected: send entraTenantProof/), extensions: { code: 'FORBIDDEN', field: 'entraTenantProof' } }]);
    expect(refused.data).toBeNull();
    expect(await stored('alpha')).toEqual({ entra_tenant_id: null, microsoft_sign_in: false, verified: false });
  });

  it('refuses, with the very same answer, proofs that are not from an administrator of that tenant', async () => {
    const bad: [string, () => Promise<string>, string?][] = [
      ['no directory roles', () => adminProof(T1, [])],
      ['a role that does not manage applications', () => adminProof(T1, [USER_ADMIN])],
      ["another tenant's administrator", () => adminProof(T2)],
      ["signed with another tenant's key", () => entra.token(T1, { oid: 'x', wids: [GLOBAL_ADMIN] }, { signedBy: T2 })],
      ['issued to another application', () => entra.token(T1, { oid: 'x', wids: [GLOBAL_ADMIN] }, { audience: 'someone-else' })],
      ['expired', () => entra.token(T1, { oid: 'x', wids: [GLOBAL_ADMIN] }, { expiresIn: Math.floor(Date.now() / 1000) - 300 })],
      ['not an Entra issuer', () => entra.token(T1, { oid: 'x', wids: [GLOBAL_ADMIN] }, { issuer: 'https://evil.test/v2.0' })],
      ['not a JWT', async () => 'not-a-token'],
    ];
    for (const [name, proof] of bad) {
      expect(refusalOf(await claim('alpha', { entraTenantId: T1, entraTenantProof: await proof() })), name).toEqual(refusal);
    }
    expect(await stored('alpha')).toEqual({ entra_tenant_id: null, microsoft_sign_in: false, verified: false });
  });

  it("connects the tenant with a tenant administrator's proof (entraTenantId may be omitted), stored lower-cased and proven", async () => {
    const connected = await claim('alpha', { entraTenantId: ` ${T1.toUpperCase()} `, entraTenantProof: await adminProof(T1), microsoftSignIn: true });
    expect(connected.errors).toBeUndefined();
    expect(connected.data.updateOrganization.organization).toEqual({ slug: 'alpha', microsoftSignIn: true });
    expect(await stored('alpha')).toEqual({ entra_tenant_id: T1, microsoft_sign_in: true, verified: true });
    for (const role of [APPLICATION_ADMIN, CLOUD_APPLICATION_ADMIN]) {
      const byRole = await claim('beta', { entraTenantProof: await adminProof(T3, [role]) });
      expect(byRole.errors, role).toBeUndefined();
      expect(await stored('beta'), role).toEqual({ entra_tenant_id: T3, microsoft_sign_in: false, verified: true });
      expect((await claim('beta', { entraTenantId: null })).errors).toBeUndefined();
    }
    // Keeping the stored tenant needs no proof.
    expect((await claim('alpha', { entraTenantId: T1, name: 'Alpha' })).errors).toBeUndefined();
  });

  it("answers exactly as for a bad proof when another organization proved the tenant, even to that tenant's administrator", async () => {
    const taken = await claim('beta', { entraTenantId: T1, entraTenantProof: await adminProof(T1), microsoftSignIn: true });
    expect(refusalOf(taken)).toEqual(refusal);
    expect(JSON.stringify(taken.raw)).not.toMatch(/another organization|alpha|already/i);
    expect(refusalOf(await claim('beta', { entraTenantId: T1 }))).toEqual(refusal);
    expect(await stored('alpha')).toEqual({ entra_tenant_id: T1, microsoft_sign_in: true, verified: true });
    expect(await stored('beta')).toMatchObject({ entra_tenant_id: null });
  });

  it("lets a proven claim replace one made before proofs were required; that organization's sign-in and bindings go", async () => {
    // gamma named T2 the old way (first come, first served) and bound a user.
    const gamma = await host.query<{ id: string }>("select id from organization where slug = 'gamma'");
    const [user] = await provisionUsers((await entraOrganization(host, 'gamma')).client, 1, 1);
    await host.query('update organization set entra_tenant_id = $1, microsoft_sign_in = true where id = $2', [T2, gamma[0]!.id]);
    await host.query('update app_user set microsoft_oid = $2, microsoft_tenant_id = $3 where id = $1', [user, 'squatted-oid', T2]);
    const proven = await claim('beta', { entraTenantProof: await adminProof(T2), microsoftSignIn: true });
    expect(proven.errors).toBeUndefined();
    expect(await stored('beta')).toEqual({ entra_tenant_id: T2, microsoft_sign_in: true, verified: true });
    expect(await stored('gamma')).toEqual({ entra_tenant_id: null, microsoft_sign_in: false, verified: false });
    expect(await host.query('select microsoft_oid, microsoft_tenant_id from app_user where id = $1', [user])).toEqual([{ microsoft_oid: null, microsoft_tenant_id: null }]);
  });

  it('drops the bindings of an organization whose tenant changes; removing the tenant needs no proof', async () => {
    const [user] = await provisionUsers((await entraOrganization(host, 'alpha')).client, 1, 1);
    const signedIn = await gql(host, '{ viewer { userId } }', {}, await entra.token(T1, { oid: 'alpha-user', preferred_username: 'user1@example.com' }));
    expect(signedIn.data.viewer.userId).toBe(user);
    expect((await claim('alpha', { microsoftSignIn: false, entraTenantId: null })).errors).toBeUndefined();
    expect(await stored('alpha')).toEqual({ entra_tenant_id: null, microsoft_sign_in: false, verified: false });
    expect(await host.query('select microsoft_oid from app_user where id = $1', [user])).toEqual([{ microsoft_oid: null }]);
  });

  it('refuses the proof to admins (owners only) and a malformed tenant id as BAD_USER_INPUT before looking at the proof', async () => {
    const admin = await productToken({ org: 'alpha', role: 'admin' });
    const byAdmin = await gql(host, UPDATE, { input: { entraTenantProof: await adminProof(T1) } }, admin);
    expect(byAdmin.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', field: 'entraTenantProof' } });
    const malformed = await claim('alpha', { entraTenantId: 'contoso.onmicrosoft.com', entraTenantProof: 'not-a-token' });
    expect(malformed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'entraTenantId' } });
    expect(codeOf(await claim('alpha', { entraTenantId: null, entraTenantProof: await adminProof(T1) }))).toBe('BAD_USER_INPUT');
  });
});
