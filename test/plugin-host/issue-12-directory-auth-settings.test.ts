/**
 * Issue 12, item 5: the directory settings that decide who gets in and how often — Entra-issued OAuth (and
 * refusing the Secret Token once it is on), the default token overlap of a rotation, the per-directory rate limit —
 * set through GraphQL (admins and owners, BAD_USER_INPUT naming the field) and shown working through SCIM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient } from '../../src/testkit/scim-client.js';
import { codeOf, gql, productToken, ROLES, type Role } from '../graphql/graphql-helpers.js';
import { LocalEntra } from '../helpers/entra-tokens.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const TENANT = '6f1c8a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const AUDIENCE = 'api://cardbridge-provisioning';
const INSTANCE_RATE = 1000;

const UPDATE = `mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) {
  directory { settings { oauth { tenantId audience refuseStaticToken } tokenOverlapSeconds rateLimitPerSecond effectiveRateLimitPerSecond } } } }`;
const ROTATE = 'mutation($input: RotateDirectoryTokenInput!) { rotateDirectoryToken(input: $input) { secretToken overlapSeconds } }';

let host: TestHost;
let entra: LocalEntra;
const tokens = {} as Record<Role, string>;

async function update(input: Record<string, unknown>, token = tokens.admin) {
  return await gql(host, UPDATE, { input }, token);
}

async function statusOf(tenantUrl: string, token: string): Promise<number> {
  const response = await fetch(`${tenantUrl}/Users?count=1`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  entra = new LocalEntra();
  await entra.start();
  host = await startHost({ env: { ...entra.env, SCIM_RATE_LIMIT_PER_SECOND: String(INSTANCE_RATE) } });
  for (const role of ROLES) tokens[role] = await productToken({ org: 'auth-settings', role });
});
afterAll(async () => {
  await host?.close();
  await entra?.stop();
});

describe('validation and roles', () => {
  it('only admins and owners change these settings', async () => {
    const dir = await host.createDirectory({ org: 'auth-settings', provider: 'entra' });
    for (const role of ['editor', 'viewer', 'member'] as const) {
      for (const input of [{ rateLimitPerSecond: 5 }, { tokenOverlapSeconds: 60 }, { oauth: { tenantId: TENANT, audience: AUDIENCE } }]) {
        expect(codeOf(await update({ directoryId: dir.directoryId, ...input }, tokens[role])), `${role} ${JSON.stringify(input)}`).toBe('FORBIDDEN');
      }
    }
    const owner = await update({ directoryId: dir.directoryId, rateLimitPerSecond: 5 }, tokens.owner);
    expect(owner.data.updateDirectorySettings.directory.settings).toMatchObject({ rateLimitPerSecond: 5, effectiveRateLimitPerSecond: 5 });
  });

  it('refuses bad values with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    const dir = await host.createDirectory({ org: 'auth-settings', provider: 'entra' });
    const cases: [Record<string, unknown>, string][] = [
      [{ tokenOverlapSeconds: -1 }, 'tokenOverlapSeconds'],
      [{ tokenOverlapSeconds: 604_801 }, 'tokenOverlapSeconds'],
      [{ rateLimitPerSecond: -1 }, 'rateLimitPerSecond'],
      [{ rateLimitPerSecond: 100_001 }, 'rateLimitPerSecond'],
      [{ oauth: { tenantId: 'contoso.onmicrosoft.com', audience: AUDIENCE } }, 'oauth.tenantId'],
      [{ oauth: { tenantId: TENANT, audience: 'api://has space' } }, 'oauth.audience'],
      [{ oauth: { tenantId: TENANT, audience: '' } }, 'oauth.audience'],
    ];
    for (const [input, field] of cases) {
      const response = await update({ directoryId: dir.directoryId, ...input });
      expect(response.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const [row] = await host.query<{ settings: Record<string, unknown> }>('select settings from directory where id = $1', [dir.directoryId]);
    expect(row!.settings).not.toHaveProperty('oauth');
    expect(row!.settings).not.toHaveProperty('rateLimitPerSecond');
    expect(row!.settings).not.toHaveProperty('tokenOverlapSeconds');
  });
});

describe('Entra-issued OAuth', () => {
  it('accepts the tenant’s tokens for the audience once set, and refuses the Secret Token when asked to', async () => {
    const dir = await host.createDirectory({ org: 'auth-settings', provider: 'entra' });
    const accessToken = await entra.token(TENANT, { sub: 'provisioning-service', appid: 'entra-provisioning' }, { audience: AUDIENCE });
    expect(await statusOf(dir.tenantUrl, accessToken)).toBe(401);

    const set = await update({ directoryId: dir.directoryId, oauth: { tenantId: TENANT.toUpperCase(), audience: AUDIENCE } });
    expect(set.data.updateDirectorySettings.directory.settings.oauth).toEqual({ tenantId: TENANT, audience: AUDIENCE, refuseStaticToken: false });
    await expect.poll(() => statusOf(dir.tenantUrl, accessToken), { timeout: 5000, interval: 20 }).toBe(200);
    expect(await statusOf(dir.tenantUrl, dir.secretToken)).toBe(200);
    // Another audience, another tenant's key, an expired token: refused.
    expect(await statusOf(dir.tenantUrl, await entra.token(TENANT, { sub: 'x' }, { audience: 'api://someone-else' }))).toBe(401);
    expect(await statusOf(dir.tenantUrl, await entra.token(TENANT, { sub: 'x' }, { audience: AUDIENCE, signedBy: 'attacker-tenant' }))).toBe(401);
    expect(await statusOf(dir.tenantUrl, await entra.token(TENANT, { sub: 'x' }, { audience: AUDIENCE, expiresIn: Math.floor(Date.now() / 1000) - 600 }))).toBe(401);

    const config = (await scimClient(dir.tenantUrl, accessToken).get('/ServiceProviderConfig')).body;
    expect(config.authenticationSchemes.map((s: { name: string; primary: boolean }) => [s.name, s.primary])).toEqual([
      ['OAuth Bearer Token', true],
      ['OAuth Bearer Token (Microsoft Entra ID)', false],
    ]);

    const refuse = await update({ directoryId: dir.directoryId, oauth: { tenantId: TENANT, audience: AUDIENCE, refuseStaticToken: true } });
    expect(refuse.data.updateDirectorySettings.directory.settings.oauth.refuseStaticToken).toBe(true);
    await expect.poll(() => statusOf(dir.tenantUrl, dir.secretToken), { timeout: 5000, interval: 20 }).toBe(401);
    const refused = await scimClient(dir.tenantUrl, dir.secretToken).get('/Users');
    expect(refused.body).toMatchObject({ status: '401', detail: expect.stringMatching(/accepts only OAuth access tokens/) });
    expect(await statusOf(dir.tenantUrl, accessToken)).toBe(200);
    const created = await scimClient(dir.tenantUrl, accessToken).post('/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'oauth@auth.example', active: true,
    });
    expect(created.status).toBe(201);
    expect((await scimClient(dir.tenantUrl, accessToken).get('/ServiceProviderConfig')).body.authenticationSchemes).toEqual([
      expect.objectContaining({ type: 'oauthbearertoken', name: 'OAuth Bearer Token (Microsoft Entra ID)', primary: true }),
    ]);
    // The refusals are counted for the directory, under their own reason.
    await expect.poll(async () => (await host.query<{ count: number }>("select sum(count)::int as count from refused_request where directory_id = $1 and reason = 'static-token-refused'", [dir.directoryId]))[0]?.count ?? 0, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(2);

    // OAuth off: the Secret Token works again, the access token no longer.
    expect((await update({ directoryId: dir.directoryId, oauth: null })).data.updateDirectorySettings.directory.settings.oauth).toBeNull();
    await expect.poll(() => statusOf(dir.tenantUrl, dir.secretToken), { timeout: 5000, interval: 20 }).toBe(200);
    expect(await statusOf(dir.tenantUrl, accessToken)).toBe(401);
  });
});

describe('default token overlap', () => {
  it('a rotation that names no overlap keeps the old token working for the directory’s tokenOverlapSeconds, then refuses it', async () => {
    const dir = await host.createDirectory({ org: 'auth-settings', provider: 'entra' });
    const set = await update({ directoryId: dir.directoryId, tokenOverlapSeconds: 3 });
    expect(set.data.updateDirectorySettings.directory.settings.tokenOverlapSeconds).toBe(3);

    const rotatedAt = Date.now();
    const rotated = await gql(host, ROTATE, { input: { directoryId: dir.directoryId } }, tokens.admin);
    expect(rotated.data.rotateDirectoryToken.overlapSeconds).toBe(3);
    expect(await statusOf(dir.tenantUrl, dir.secretToken)).toBe(200);
    expect(await statusOf(dir.tenantUrl, rotated.data.rotateDirectoryToken.secretToken)).toBe(200);
    await expect.poll(() => statusOf(dir.tenantUrl, dir.secretToken), { timeout: 10_000, interval: 50 }).toBe(401);
    // Generous bounds: refused after the overlap (the database's clock), within a few seconds of its end.
    const refusedAfter = Date.now() - rotatedAt;
    expect(refusedAfter).toBeGreaterThanOrEqual(2500);
    expect(refusedAfter).toBeLessThan(9000);

    // An explicit overlap still wins: 0 stops the previous token at once.
    const next = rotated.data.rotateDirectoryToken.secretToken;
    const immediate = await gql(host, ROTATE, { input: { directoryId: dir.directoryId, overlapSeconds: 0 } }, tokens.admin);
    expect(immediate.data.rotateDirectoryToken.overlapSeconds).toBe(0);
    await expect.poll(() => statusOf(dir.tenantUrl, next), { timeout: 2000, interval: 20 }).toBe(401);

    // null: back to no overlap.
    expect((await update({ directoryId: dir.directoryId, tokenOverlapSeconds: null })).data.updateDirectorySettings.directory.settings.tokenOverlapSeconds).toBe(0);
    expect((await gql(host, ROTATE, { input: { directoryId: dir.directoryId } }, tokens.admin)).data.rotateDirectoryToken.overlapSeconds).toBe(0);
  });
});

describe('per-directory rate limit', () => {
  it('limits the directory it is set for (429 with Retry-After), not another directory', async () => {
    const limited = await host.createDirectory({ org: 'auth-settings', provider: 'entra' });
    const other = await host.createDirectory({ org: 'auth-settings', provider: 'entra' });
    const set = await update({ directoryId: limited.directoryId, rateLimitPerSecond: 2 });
    expect(set.data.updateDirectorySettings.directory.settings).toMatchObject({ rateLimitPerSecond: 2, effectiveRateLimitPerSecond: 2 });
    const burst = async (tenantUrl: string, token: string, n: number) => {
      const started = performance.now();
      const responses = await Promise.all(Array.from({ length: n }, () => fetch(`${tenantUrl}/Users?count=1`, { headers: { authorization: `Bearer ${token}` } })));
      const elapsed = (performance.now() - started) / 1000;
      for (const r of responses) await r.arrayBuffer();
      return { statuses: responses.map((r) => r.status), retryAfter: responses.filter((r) => r.status === 429).map((r) => r.headers.get('retry-after')), elapsed };
    };
    // The directory has sent nothing yet, so no instance holds its principal: its first request reads the setting.
    // From then on the bucket holds 2 × 2 tokens and refills 2 a second.
    const flood = await burst(limited.tenantUrl, limited.secretToken, 10);
    const served = flood.statuses.filter((s) => s === 200).length;
    expect(flood.statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(served).toBeGreaterThanOrEqual(4);
    expect(served).toBeLessThanOrEqual(4 + Math.ceil(flood.elapsed * 2));
    expect(flood.retryAfter.length).toBeGreaterThan(0);
    for (const value of flood.retryAfter) expect(Number(value)).toBeGreaterThanOrEqual(1);

    // The other directory has the instance default (1000/s) and is untouched by the flood.
    const untouched = await burst(other.tenantUrl, other.secretToken, 10);
    expect(untouched.statuses).toEqual(Array(10).fill(200));

    // 0: no limit for this directory; null: back to the instance default.
    const off = await update({ directoryId: limited.directoryId, rateLimitPerSecond: 0 });
    expect(off.data.updateDirectorySettings.directory.settings).toMatchObject({ rateLimitPerSecond: 0, effectiveRateLimitPerSecond: null });
    await expect.poll(async () => (await burst(limited.tenantUrl, limited.secretToken, 10)).statuses.every((s) => s === 200), { timeout: 5000, interval: 100 }).toBe(true);
    const back = await update({ directoryId: limited.directoryId, rateLimitPerSecond: null });
    expect(back.data.updateDirectorySettings.directory.settings).toMatchObject({ rateLimitPerSecond: null, effectiveRateLimitPerSecond: INSTANCE_RATE });
  });
});
