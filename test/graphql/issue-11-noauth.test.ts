/**
 * Issue 11 item 4: Sign in with Microsoft binds accounts only by claims the tenant vouches for (tid + oid; a
 * member's UPN = the directory's userName; an e-mail only with xms_edov), never by the raw e-mail claim ("nOAuth").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEntra } from '../helpers/entra-tokens.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, entraOrganization, gql, productToken, provisionUsers } from './graphql-helpers.js';

const TENANT = '5f0b2c8e-1d3a-4b6c-9e7f-0a1b2c3d4e5f';
const VIEWER = '{ viewer { userId signInMethod organization { slug } } }';
const entra = new LocalEntra();
let host: TestHost;
let users: string[];
let directoryId: string;

const signIn = async (claims: Record<string, unknown>) => await gql(host, VIEWER, {}, await entra.token(TENANT, claims));
const binding = async (userId: string) =>
  (await host.query<{ microsoft_oid: string | null; microsoft_tenant_id: string | null }>('select microsoft_oid, microsoft_tenant_id from app_user where id = $1', [userId]))[0];

beforeAll(async () => {
  await entra.start();
  host = await startHost({ env: entra.env });
  const acme = await entraOrganization(host, 'acme');
  directoryId = acme.directoryId;
  users = await provisionUsers(acme.client, 1, 6); // userName = e-mail = user<n>@example.com
  await host.query(`update organization set entra_tenant_id = $1, microsoft_sign_in = true where slug = 'acme'`, [TENANT]);
});
afterAll(async () => {
  await host?.close();
  await entra.stop();
});

describe('Sign in with Microsoft: who may bind to a user', () => {
  it("refuses a guest whose e-mail and preferred_username are the user's, and binds nothing", async () => {
    const guests = [
      { oid: 'guest-acct', acct: 1, preferred_username: 'user1@example.com', email: 'user1@example.com' },
      { oid: 'guest-ext', upn: 'user1_example.com#EXT#@acme.onmicrosoft.com', preferred_username: 'user1@example.com', email: 'user1@example.com' },
      { oid: 'guest-idp', idp: 'https://sts.windows.net/9a9a9a9a-0000-0000-0000-000000000000/', preferred_username: 'user1@example.com' },
      { oid: 'guest-msa', idp: 'live.com', preferred_username: 'user1@example.com', email: 'user1@example.com' },
    ];
    for (const claims of guests) {
      const refused = await signIn(claims);
      expect(refused.status, claims.oid).toBe(401);
      expect(codeOf(refused), claims.oid).toBe('UNAUTHENTICATED');
    }
    expect(await binding(users[0]!)).toEqual({ microsoft_oid: null, microsoft_tenant_id: null });
  });

  it('refuses an unverified e-mail claim (xms_edov absent or false), whatever else the token says', async () => {
    for (const claims of [
      { oid: 'mail-1', email: 'user2@example.com', preferred_username: 'someone.else@acme.onmicrosoft.com' },
      { oid: 'mail-2', email: 'USER2@example.com', xms_edov: false },
      { oid: 'mail-3', email: 'user2@example.com', xms_edov: 'false' },
    ]) {
      expect(codeOf(await signIn(claims)), claims.oid).toBe('UNAUTHENTICATED');
    }
    expect(await binding(users[1]!)).toEqual({ microsoft_oid: null, microsoft_tenant_id: null });
  });

  it('accepts an e-mail whose domain Microsoft marks verified (xms_edov) and binds tid + oid', async () => {
    const verified = await signIn({ oid: 'oid-3', email: 'User3@Example.com', xms_edov: true, preferred_username: 'u3@acme.onmicrosoft.com' });
    expect(verified.data.viewer).toEqual({ userId: users[2], signInMethod: 'microsoft', organization: { slug: 'acme' } });
    expect(await binding(users[2]!)).toEqual({ microsoft_oid: 'oid-3', microsoft_tenant_id: TENANT });
    const asString = await signIn({ oid: 'oid-6', email: 'user6@example.com', xms_edov: '1' });
    expect(asString.data.viewer.userId).toBe(users[5]);
  });

  it("accepts a member's UPN equal to the directory's userName, case-insensitively (v2 preferred_username or upn)", async () => {
    const byPreferred = await signIn({ oid: 'oid-4', preferred_username: 'USER4@Example.COM' });
    expect(byPreferred.data.viewer).toEqual({ userId: users[3], signInMethod: 'microsoft', organization: { slug: 'acme' } });
    expect(await binding(users[3]!)).toEqual({ microsoft_oid: 'oid-4', microsoft_tenant_id: TENANT });
    const byUpn = await signIn({ oid: 'oid-5', ver: '1.0', upn: 'user5@example.com' });
    expect(byUpn.data.viewer.userId).toBe(users[4]);
    // v1 tokens have no preferred_username; a v1 token that carries one does not bind by it.
    expect(codeOf(await signIn({ oid: 'oid-v1', ver: '1.0', preferred_username: 'user1@example.com' }))).toBe('UNAUTHENTICATED');
  });

  it('signs a bound user in by tid + oid only: another account with their UPN is refused and the real one keeps working', async () => {
    const intruder = await signIn({ oid: 'intruder', preferred_username: 'user4@example.com', email: 'user4@example.com', xms_edov: true });
    expect(intruder.status).toBe(401);
    expect(intruder.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(intruder.errors?.[0]?.message).not.toMatch(/oid-4|bound|user4/);
    expect(await binding(users[3]!)).toEqual({ microsoft_oid: 'oid-4', microsoft_tenant_id: TENANT });
    const real = await signIn({ oid: 'oid-4', preferred_username: 'renamed4@example.com' });
    expect(real.data.viewer.userId).toBe(users[3]);
  });

  it('writes the binding and the refused re-binding into the provisioning log', async () => {
    const admin = await productToken({ org: 'acme', role: 'admin' });
    const log = await gql(host, '{ provisioningEvents(first: 100) { edges { node { directoryId operation method path resourceType resourceId outcome status detail } } } }', {}, admin);
    const events = (log.data.provisioningEvents.edges as { node: Record<string, unknown> }[]).map((edge) => edge.node).filter((e) => e.method === 'SIGN_IN');
    const forUser4 = events.filter((e) => e.resourceId === users[3]);
    expect(forUser4).toEqual(expect.arrayContaining([
      { directoryId, operation: 'microsoft-bind', method: 'SIGN_IN', path: '/graphql', resourceType: 'User', resourceId: users[3], outcome: 'SUCCESS', status: 200, detail: `bound to Microsoft account oid-4 of tenant ${TENANT} by user principal name = userName` },
      { directoryId, operation: 'microsoft-rebind', method: 'SIGN_IN', path: '/graphql', resourceType: 'User', resourceId: users[3], outcome: 'FAILURE', status: 403, detail: `refused to bind Microsoft account intruder of tenant ${TENANT}: the user is bound to Microsoft account oid-4 of tenant ${TENANT}` },
    ]));
    expect(forUser4).toHaveLength(2);
    expect(events.find((e) => e.resourceId === users[2])).toMatchObject({ operation: 'microsoft-bind', outcome: 'SUCCESS', detail: `bound to Microsoft account oid-3 of tenant ${TENANT} by verified e-mail (xms_edov)` });
    // Refused guests and unverified e-mails bound nothing, so they logged nothing against users 1 and 2.
    expect(events.filter((e) => e.resourceId === users[0] || e.resourceId === users[1])).toEqual([]);
  });
});
