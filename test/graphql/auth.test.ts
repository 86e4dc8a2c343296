import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicrosoftSignIn } from '../../src/auth/microsoft-sign-in.js';
import { loadConfig } from '../../src/config/config.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, entraOrganization, gql, productToken, provisionUsers } from './graphql-helpers.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_ID = 'cardbridge-sign-in';

/** A local JWKS endpoint standing in for login.microsoftonline.com; counts fetches. */
class LocalJwks {
  keys: JWK[] = [];
  fetches = 0;
  server: Server = createServer((request, response) => {
    this.fetches += 1;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: request.url === `/${TENANT}/keys` ? this.keys : [] }));
  });
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

async function signingKey(kid: string, jwks: LocalJwks) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  jwks.keys.push({ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' });
  return async (claims: Record<string, unknown>, options: { audience?: string; tenant?: string } = {}) =>
    await new SignJWT({ tid: options.tenant ?? TENANT, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(`https://login.test/${options.tenant ?? TENANT}/v2.0`)
      .setAudience(options.audience ?? CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
}

const jwks = new LocalJwks();
let host: TestHost;
let userIds: string[];
let sign: Awaited<ReturnType<typeof signingKey>>;

beforeAll(async () => {
  await new Promise<void>((resolve) => jwks.server.listen(0, '127.0.0.1', resolve));
  sign = await signingKey('key-1', jwks);
  host = await startHost({
    env: { ENTRA_JWKS_URL_TEMPLATE: `${jwks.url}/{tenantId}/keys`, ENTRA_ISSUER_TEMPLATE: 'https://login.test/{tenantId}/v2.0', ENTRA_SIGN_IN_CLIENT_ID: CLIENT_ID },
  });
  const acme = await entraOrganization(host, 'acme');
  userIds = await provisionUsers(acme.client, 1, 2);
  await host.query(`update organization set entra_tenant_id = $1, microsoft_sign_in = true where slug = 'acme'`, [TENANT]);
  await host.query(`update app_user set role = 'admin' where id = $1`, [userIds[1]]);
});
afterAll(async () => {
  await host?.close();
  jwks.server.closeAllConnections();
  jwks.server.close();
});

const VIEWER = '{ viewer { role userId signInMethod organization { slug } } }';

describe('product tokens', () => {
  it('accepts what `cardbridge jwt` signs', async () => {
    const response = await gql(host, VIEWER, {}, await productToken({ org: 'acme', role: 'editor' }));
    expect(response.data.viewer).toEqual({ role: 'EDITOR', userId: null, signInMethod: 'token', organization: { slug: 'acme' } });
  });

  it.each([
    ['an expired token', { expiresIn: Math.floor(Date.now() / 1000) - 120 }, 'the token has expired'],
    ['another issuer', { issuer: 'someone-else' }, 'the token\'s "iss" claim is not accepted'],
    ['another audience', { audience: 'another-api' }, 'the token\'s "aud" claim is not accepted'],
    ['another secret', { secret: 'x'.repeat(48) }, 'the token is not valid'],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_name, options, message) => {
    const response = await gql(host, VIEWER, {}, await productToken({ org: 'acme', role: 'owner' }, options));
    expect(response.status).toBe(401);
    expect(response.errors?.[0]).toMatchObject({ message, extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses algorithms outside the allow-list (none, HS512)', async () => {
    const header = (alg: string) => Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ org: 'acme', role: 'owner', sub: 'x', iss: 'cardbridge', aud: 'cardbridge-api', exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
    expect((await gql(host, VIEWER, {}, `${header('none')}.${payload}.`)).status).toBe(401);
    const hs512 = await new SignJWT({ org: 'acme', role: 'owner' }).setProtectedHeader({ alg: 'HS512' }).setSubject('x').setIssuer('cardbridge').setAudience('cardbridge-api').setExpirationTime('1h').sign(new TextEncoder().encode('test-secret-test-secret-test-secret-0123456789'));
    expect((await gql(host, VIEWER, {}, hs512)).status).toBe(401);
  });

  it('refuses a token without a valid role claim', async () => {
    const response = await gql(host, VIEWER, {}, await productToken({ org: 'acme', role: 'superuser' as never }));
    expect(response.errors?.[0]?.message).toMatch(/"role" claim must be one of/);
  });
});

describe('Sign in with Microsoft', () => {
  it('maps a token to the user by e-mail, then by oid; the role is the user’s', async () => {
    const byEmail = await gql(host, VIEWER, {}, await sign({ oid: 'oid-admin', preferred_username: 'User2@Example.com' }));
    expect(byEmail.data.viewer).toEqual({ role: 'ADMIN', userId: userIds[1], signInMethod: 'microsoft', organization: { slug: 'acme' } });
    expect(await host.query('select microsoft_oid from app_user where id = $1', [userIds[1]])).toEqual([{ microsoft_oid: 'oid-admin' }]);
    const byOid = await gql(host, VIEWER, {}, await sign({ oid: 'oid-admin', preferred_username: 'renamed@example.com' }));
    expect(byOid.data.viewer.userId).toBe(userIds[1]);
  });

  it('refuses unknown people, other audiences and tenants that did not enable it', async () => {
    expect(codeOf(await gql(host, VIEWER, {}, await sign({ oid: 'stranger', email: 'nobody@example.com' })))).toBe('UNAUTHENTICATED');
    expect((await gql(host, VIEWER, {}, await sign({ oid: 'oid-admin' }, { audience: 'another-app' }))).status).toBe(401);
    const otherTenant = await gql(host, VIEWER, {}, await sign({ oid: 'oid-admin' }, { tenant: '11111111-2222-3333-4444-555555555555' }));
    expect(otherTenant.errors?.[0]?.message).toBe('Sign in with Microsoft is not enabled for this tenant');
  });

  it('fetches the keys again when a token names an unknown kid (key rollover)', async () => {
    const config = loadConfig({ ENTRA_JWKS_URL_TEMPLATE: `${jwks.url}/{tenantId}/keys`, ENTRA_ISSUER_TEMPLATE: 'https://login.test/{tenantId}/v2.0', ENTRA_SIGN_IN_CLIENT_ID: CLIENT_ID });
    const signIn = new MicrosoftSignIn(config.auth, { cooldownMs: 0, cacheMaxAgeMs: 600_000 });
    expect(signIn.tenantOf(`https://login.test/${TENANT}/v2.0`)).toBe(TENANT);
    expect(signIn.tenantOf('cardbridge')).toBeUndefined();
    const before = jwks.fetches;
    await signIn.verify(await sign({ oid: 'a' }), TENANT);
    await signIn.verify(await sign({ oid: 'b' }), TENANT);
    expect(jwks.fetches - before).toBe(1);
    const rolled = await signingKey('key-2', jwks);
    expect(await signIn.verify(await rolled({ oid: 'c', email: 'c@example.com' }), TENANT)).toMatchObject({ tenantId: TENANT, oid: 'c' });
    expect(jwks.fetches - before).toBe(2);
  });
});
