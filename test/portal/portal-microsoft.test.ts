/**
 * Sign in with Microsoft into the admin portal (issue 13 item 1): the authorization code flow with PKCE through
 * openid-client against a local OpenID provider (discovery, JWKS, token endpoint; ID tokens signed with jose),
 * over real HTTP. The account is bound by the claims rules of Bearer sign-in (UPN = userName, never the raw
 * e-mail claim; the organization's connected tenant with Sign in with Microsoft on); only admins and owners get a
 * session; state, nonce and the browser binding are checked.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenIdProvider } from '../helpers/fake-openid-provider.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { entraOrganization, provisionUsers } from '../graphql/graphql-helpers.js';
import { cookieOf } from './portal-helpers.js';

const TENANT = '7c1e2d9a-4b3f-4e21-9d0a-5f6b7c8d9e0f';
const CLIENT_ID = 'portal-client-id';
const CLIENT_SECRET = 'portal-client-secret-from-a-file';

let host: TestHost;
let provider: FakeOpenIdProvider;
let dir: string;
let users: string[];

beforeAll(async () => {
  provider = new FakeOpenIdProvider(TENANT, CLIENT_ID, CLIENT_SECRET);
  await provider.start();
  dir = await mkdtemp(join(tmpdir(), 'cardbridge-portal-ms-'));
  await writeFile(join(dir, 'client-secret'), `${CLIENT_SECRET}\n`);
  host = await startHost({ env: { ENTRA_SIGN_IN_CLIENT_ID: CLIENT_ID, ENTRA_SIGN_IN_CLIENT_SECRET_FILE: join(dir, 'client-secret'), ENTRA_SIGN_IN_AUTHORITY: provider.issuer } });
  const contoso = await entraOrganization(host, 'contoso');
  // user1: admin, user2: member, user3: owner (SCIM-provisioned, so a UPN = userName binds them)
  users = await provisionUsers(contoso.client, 1, 3, 'contoso.example');
  await host.query("update app_user set role = case user_name when 'user1@contoso.example' then 'admin' when 'user3@contoso.example' then 'owner' else 'member' end where organization_id = $1", [contoso.organizationId]);
  await host.query('update organization set entra_tenant_id = $1, microsoft_sign_in = true where slug = $2', [TENANT, 'contoso']);
});

afterAll(async () => {
  await host?.close();
  await provider?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Plays the browser: start, "sign in" at the provider, come back to the callback with the attempt cookie. */
async function signIn(claims: Record<string, unknown>, options: { nonceOverride?: string; state?: string; dropCookie?: boolean; intent?: string } = {}) {
  const start = await fetch(`${host.url}/portal/auth/microsoft${options.intent ? `?intent=${options.intent}` : ''}`, { redirect: 'manual' });
  expect(start.status).toBe(303);
  expect(start.headers.get('cache-control')).toBe('no-store');
  const authorization = new URL(start.headers.get('location')!);
  const attempt = cookieOf(start, 'cardbridge_portal_sign_in')!;
  expect(start.headers.getSetCookie().find((c) => c.startsWith('cardbridge_portal_sign_in='))).toMatch(/; Path=\/portal\/auth\/microsoft; Max-Age=600; HttpOnly; SameSite=Lax$/);
  const code = provider.approve(authorization, claims, { nonceOverride: options.nonceOverride });
  const state = options.state ?? authorization.searchParams.get('state')!;
  const callback = await fetch(`${host.url}/portal/auth/microsoft/callback?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: options.dropCookie ? {} : { cookie: attempt },
    redirect: 'manual',
  });
  return { authorization, callback };
}

const sessions = async () => (await host.query<{ n: number }>('select count(*)::int as n from portal_session'))[0]!.n;

describe('GET /portal/auth/microsoft', () => {
  it('sends the browser to the provider with a code request: PKCE S256, state, nonce, the callback as redirect URI', async () => {
    const start = await fetch(`${host.url}/portal/auth/microsoft`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const location = new URL(start.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${provider.origin}/${TENANT}/oauth2/v2.0/authorize`);
    const params = Object.fromEntries(location.searchParams);
    expect(params).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${host.config.publicUrl}/portal/auth/microsoft/callback`,
      code_challenge_method: 'S256',
      scope: 'openid profile email',
    });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.state!.length).toBeGreaterThanOrEqual(22);
    expect(params.nonce!.length).toBeGreaterThanOrEqual(22);
    // The verifier stays on the server: neither the URL nor the cookie carries it.
    const stored = await host.query<{ code_verifier: string }>('select code_verifier from portal_sign_in_attempt where state = $1', [params.state]);
    expect(stored).toHaveLength(1);
    expect(start.headers.get('location')).not.toContain(stored[0]!.code_verifier);
  });
});

describe('GET /portal/auth/microsoft/callback', () => {
  it('gives an admin bound by UPN = userName a portal session (secret from ENTRA_SIGN_IN_CLIENT_SECRET_FILE, PKCE verified)', async () => {
    const oid = '00000000-0000-0000-0000-00000000a001';
    const { callback } = await signIn({ oid, preferred_username: 'USER1@contoso.example', name: 'User 1' }, { intent: 'log' });
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/portal/?intent=log');
    const cookie = cookieOf(callback)!;
    expect(cookie).toMatch(/^cardbridge_portal=[A-Za-z0-9_-]{43}$/);
    const last = provider.tokenRequests.at(-1)!;
    expect(last.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    const session: any = await (await fetch(`${host.url}/portal/session`, { headers: { cookie } })).json();
    expect(session).toMatchObject({ role: 'admin', method: 'microsoft', userId: users[0], intent: 'log', organization: { slug: 'contoso' } });
    const bound = await host.query<{ microsoft_oid: string; microsoft_tenant_id: string }>('select microsoft_oid, microsoft_tenant_id from app_user where id = $1', [users[0]]);
    expect(bound[0]).toEqual({ microsoft_oid: oid, microsoft_tenant_id: TENANT });
  });

  it("keeps an owner's role", async () => {
    const { callback } = await signIn({ oid: '00000000-0000-0000-0000-00000000a003', preferred_username: 'user3@contoso.example' });
    expect(callback.status).toBe(303);
    const session = await (await (await fetch(`${host.url}/portal/session`, { headers: { cookie: cookieOf(callback)! } })).json()) as any;
    expect(session.role).toBe('owner');
  });

  it('refuses a member with a plain-words 403 page and no session', async () => {
    const before = await sessions();
    const { callback } = await signIn({ oid: '00000000-0000-0000-0000-00000000a002', preferred_username: 'user2@contoso.example' });
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('Only admins and owners can open the admin portal.');
    expect(cookieOf(callback)).toBeUndefined();
    expect(await sessions()).toBe(before);
  });

  it('never binds by the raw e-mail claim, nor a guest; an unmatched account gets 403', async () => {
    const unverified = await signIn({ oid: '00000000-0000-0000-0000-00000000b001', preferred_username: 'someone@elsewhere.example', email: 'user1@contoso.example' });
    expect(unverified.callback.status).toBe(403);
    expect(await unverified.callback.text()).toContain('does not match a user of your cardbridge organization');
    const guest = await signIn({ oid: '00000000-0000-0000-0000-00000000b002', preferred_username: 'user3_contoso.example#EXT#@other.onmicrosoft.com', acct: 1 });
    expect(guest.callback.status).toBe(403);
  });

  it('refuses a tenant whose organization has Sign in with Microsoft off', async () => {
    await host.query("update organization set microsoft_sign_in = false where slug = 'contoso'");
    try {
      const { callback } = await signIn({ oid: '00000000-0000-0000-0000-00000000a001', preferred_username: 'user1@contoso.example' });
      expect(callback.status).toBe(403);
      expect(await callback.text()).toContain('not connected to cardbridge with Sign in with Microsoft turned on');
    } finally {
      await host.query("update organization set microsoft_sign_in = true where slug = 'contoso'");
    }
  });

  it('refuses a wrong state, a wrong nonce and a callback in another browser (no attempt cookie) with 400', async () => {
    const before = await sessions();
    const claims = { oid: '00000000-0000-0000-0000-00000000a001', preferred_username: 'user1@contoso.example' };
    const state = await signIn(claims, { state: 'not-the-state-cardbridge-sent' });
    expect(state.callback.status).toBe(400);
    expect(await state.callback.text()).toContain('Sign-in could not be finished');
    const nonce = await signIn(claims, { nonceOverride: 'a-nonce-of-another-sign-in' });
    expect(nonce.callback.status).toBe(400);
    const otherBrowser = await signIn(claims, { dropCookie: true });
    expect(otherBrowser.callback.status).toBe(400);
    expect(await otherBrowser.callback.text()).toContain('started in another browser');
    expect(await sessions()).toBe(before);
  });

  it('shows what Microsoft answered when the person cancelled', async () => {
    const start = await fetch(`${host.url}/portal/auth/microsoft`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const callback = await fetch(`${host.url}/portal/auth/microsoft/callback?error=access_denied&error_description=The+user+cancelled&state=${state}`, {
      headers: { cookie: cookieOf(start, 'cardbridge_portal_sign_in')! },
      redirect: 'manual',
    });
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain('Microsoft answered: The user cancelled.');
  });
});
