/**
 * What Entra's provisioning service does besides the documented happy path: parallel membership PATCHes to one
 * group, retries of a create, request floods, conditional requests, oversized bodies, filters on stored
 * attributes, and Entra-issued OAuth tokens instead of the Secret Token.
 */
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type TestHost } from 'cardbridge/plugin-testkit';
import { entraDirectory, filter, startEntraHost } from './helpers.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

let host: TestHost;
beforeAll(async () => {
  host = await startEntraHost({ SCIM_RATE_LIMIT_PER_SECOND: '100000', SCIM_MAX_CONCURRENT_PER_DIRECTORY: '0', BODY_LIMIT: '64kb' });
});
afterAll(async () => await host?.close());

const user = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: [USER], userName, active: true, ...extra });

describe('parallel membership PATCHes to one group', () => {
  it('loses no member and answers every PATCH with 204', async () => {
    const { client } = await entraDirectory(host, 'edges-members', {}, 1000);
    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const created = await Promise.all(Array.from({ length: 20 }, (_, i) => client.post('/Users', user(`m${batch * 20 + i}@edges.example`))));
      ids.push(...created.map((r) => r.body.id as string));
    }
    const group = await client.post('/Groups', { schemas: [GROUP], displayName: 'Everyone' });
    // 8 PATCHes of 25 in flight at once, as Entra sends them, plus overlapping batches that repeat members.
    const batches = Array.from({ length: 8 }, (_, i) => ids.slice(i * 25, i * 25 + 25));
    batches.push(ids.slice(10, 60), ids.slice(150, 200));
    const statuses = await Promise.all(
      batches.map((members) => client.patch(`/Groups/${group.body.id}`, { schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: members.map((value) => ({ value })) }] })),
    );
    expect(statuses.map((s) => s.status)).toEqual(batches.map(() => 204));
    const [count] = await host.query<{ n: number }>('select count(*)::int as n from group_member where group_id = $1', [group.body.id]);
    expect(count!.n).toBe(200);
    // Removing in parallel is just as safe.
    const removals = await Promise.all(
      batches.slice(0, 4).map((members) => client.patch(`/Groups/${group.body.id}`, { schemas: [PATCH], Operations: [{ op: 'Remove', path: 'members', value: members.map((value) => ({ value })) }] })),
    );
    expect(removals.map((s) => s.status)).toEqual([204, 204, 204, 204]);
    const [left] = await host.query<{ n: number }>('select count(*)::int as n from group_member where group_id = $1', [group.body.id]);
    expect(left!.n).toBe(100);
  });
});

describe('hostile and crossing requests', () => {
  it('answers a NUL byte with 400, never 500, and keeps logging every later request', async () => {
    const { client, directoryId } = await entraDirectory(host, 'edges-nul');
    const nulUser = await client.post('/Users', user('nul\u0000@edges.example'));
    expect(nulUser.status).toBe(400);
    expect(nulUser.body).toMatchObject({ schemas: [ERROR], status: '400' });
    const group = await client.post('/Groups', { schemas: [GROUP], displayName: 'Nul' });
    const nulMember = await client.patch(`/Groups/${group.body.id}`, { schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: [{ value: 'x\u0000' }] }] });
    expect(nulMember.status).toBe(400);
    expect((await client.get(`/Users${filter('userName eq "after-nul"')}`)).status).toBe(200);
    const deadline = Date.now() + 10_000;
    let methods: string[] = [];
    while (Date.now() < deadline) {
      methods = (await host.query<{ method: string; status: number }>('select method, status from provisioning_event where directory_id = $1 order by id', [directoryId])).map((e) => `${e.method} ${e.status}`);
      if (methods.includes('GET 200')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(methods).toEqual(expect.arrayContaining(['POST 400', 'POST 201', 'PATCH 400', 'GET 200']));
  });

  it('answers crossing membership PATCHes (each removing what the other adds) without a 500', async () => {
    const { client } = await entraDirectory(host, 'edges-crossing', {}, 200);
    const ids = (await Promise.all(Array.from({ length: 40 }, (_, i) => client.post('/Users', user(`x${i}@edges.example`))))).map((r) => r.body.id as string);
    const group = await client.post('/Groups', { schemas: [GROUP], displayName: 'Crossing' });
    const [left, right] = [ids.slice(0, 20), ids.slice(20)];
    await client.patch(`/Groups/${group.body.id}`, { schemas: [PATCH], Operations: [{ op: 'Add', path: 'members', value: left.map((value) => ({ value })) }] });
    const swap = (remove: string[], add: string[]) =>
      client.patch(`/Groups/${group.body.id}`, {
        schemas: [PATCH],
        Operations: [
          { op: 'Remove', path: 'members', value: remove.map((value) => ({ value })) },
          { op: 'Add', path: 'members', value: add.map((value) => ({ value })) },
        ],
      });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? swap(left, right) : swap(right, left))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 204));
    // Concurrent swaps do not serialize (READ COMMITTED, no group lock): the result is whole batches, never a torn one.
    const members = (await host.query<{ user_id: string }>('select user_id from group_member where group_id = $1', [group.body.id])).map((r) => r.user_id).sort();
    expect([[...left].sort(), [...right].sort(), [...ids].sort()]).toContainEqual(members);
  });
});

describe('parallel PATCHes to one user', () => {
  it('applies every one of them: none is lost to another', async () => {
    const { client } = await entraDirectory(host, 'edges-user-patch');
    const created = await client.post('/Users', user('busy@edges.example'));
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.patch(`/Users/${created.body.id}`, { schemas: [PATCH], Operations: [{ op: 'Add', path: 'phoneNumbers', value: [{ type: `line${i}`, value: `+1 555 010${i}` }] }] }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const final = await client.get(`/Users/${created.body.id}`);
    expect(final.body.phoneNumbers.map((p: { value: string }) => p.value).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `+1 555 010${i}`));
    expect(final.body.meta.version).toBe('W/"9"');
  });
});

describe('retries and floods', () => {
  it('answers a retried create with 409 uniqueness and keeps one user', async () => {
    const { client, directoryId } = await entraDirectory(host, 'edges-retry');
    const results = await Promise.all([client.post('/Users', user('twice@edges.example')), client.post('/Users', user('TWICE@edges.example'))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
    expect(await host.query('select id from app_user where directory_id = $1', [directoryId])).toHaveLength(1);
  });

  it('answers 429 with Retry-After when a directory exceeds its rate, and keeps serving other directories', async () => {
    const limited = await startEntraHost({ SCIM_RATE_LIMIT_PER_SECOND: '5' });
    try {
      const noisy = await entraDirectory(limited, 'edges-noisy');
      const quiet = await entraDirectory(limited, 'edges-quiet');
      const answers = await Promise.all(Array.from({ length: 30 }, () => noisy.client.get(`/Users${filter('userName eq "x"')}`)));
      const refused = answers.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(answers.filter((r) => r.status === 200).length).toBeGreaterThan(0);
      expect(refused[0]!.body).toMatchObject({ schemas: [ERROR], status: '429' });
      expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await quiet.client.get(`/Users${filter('userName eq "x"')}`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('refuses an oversized body with 413 in SCIM shape and writes nothing', async () => {
    const { client, directoryId } = await entraDirectory(host, 'edges-big');
    const response = await client.post('/Users', user('big@edges.example', { displayName: 'x'.repeat(100_000) }));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ schemas: [ERROR], status: '413' });
    expect(await host.query('select id from app_user where directory_id = $1', [directoryId])).toHaveLength(0);
  });
});

describe('conditional requests (meta.version as a weak ETag)', () => {
  it('honours If-None-Match on GET and If-Match on PATCH, PUT and DELETE', async () => {
    const { client } = await entraDirectory(host, 'edges-etag');
    const created = await client.post('/Users', user('etag@edges.example'));
    const etag = created.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"\d+"$/);
    expect(etag).toBe(created.body.meta.version);
    expect((await client.get(`/Users/${created.body.id}`, { 'if-none-match': etag })).status).toBe(304);
    const replace = { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'displayName', value: 'Renamed' }] };
    const stale = await client.patch(`/Users/${created.body.id}`, replace, { 'if-match': 'W/"999"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ schemas: [ERROR], status: '412' });
    const fresh = await client.patch(`/Users/${created.body.id}`, replace, { 'if-match': etag });
    expect(fresh.status).toBe(200);
    expect(fresh.body.displayName).toBe('Renamed');
    expect((await client.put(`/Users/${created.body.id}`, user('etag@edges.example'), { 'if-match': etag })).status).toBe(412);
    expect((await client.delete(`/Users/${created.body.id}`, { 'if-match': etag })).status).toBe(412);
    expect((await client.delete(`/Users/${created.body.id}`, { 'if-match': fresh.body.meta.version })).status).toBe(204);
  });
});

describe('filters on stored attributes', () => {
  it('answers value-path, extension, logical and ordering filters from SQL', async () => {
    const { client } = await entraDirectory(host, 'edges-filter');
    const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    await client.post('/Users', user('a@edges.example', { title: 'CTO', emails: [{ type: 'work', value: 'a@edges.example', primary: true }], [enterprise]: { department: 'R&D' }, schemas: [USER, enterprise] }));
    await client.post('/Users', user('b@edges.example', { title: 'Engineer', emails: [{ type: 'home', value: 'b@home.example' }], [enterprise]: { department: 'R&D' }, schemas: [USER, enterprise] }));
    await client.post('/Users', user('c@edges.example', { active: false, title: 'Engineer' }));
    const names = async (expression: string, extra = '') =>
      ((await client.get(`/Users${filter(expression)}${extra}`)).body.Resources ?? []).map((r: { userName: string }) => r.userName);
    expect(await names('emails[type eq "work" and primary eq true]')).toEqual(['a@edges.example']);
    expect(await names(`${enterprise}:department eq "r&d"`)).toEqual(['a@edges.example', 'b@edges.example']);
    expect(await names('title eq "Engineer" and not (active eq false)')).toEqual(['b@edges.example']);
    expect(await names('emails.value ew "home.example" or title sw "ct"')).toEqual(['a@edges.example', 'b@edges.example']);
    expect(await names('title pr', '&sortBy=userName&sortOrder=descending')).toEqual(['c@edges.example', 'b@edges.example', 'a@edges.example']);
    expect((await names('title pr', '&sortBy=title'))[0]).toBe('a@edges.example');
    expect((await names('title pr', '&sortBy=title&sortOrder=descending'))[2]).toBe('a@edges.example');
    const invalid = await client.get(`/Users${filter('title eq')}`);
    expect(invalid.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });
});

describe('Entra-issued OAuth tokens', () => {
  let jwks: Server;
  let jwksUrl: string;
  let privateKey: PrivateKey;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const address = jwks.address() as { port: number };
    jwksUrl = `http://127.0.0.1:${address.port}/keys`;
  });
  afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

  const sign = (claims: { iss: string; aud: string }, key = privateKey) =>
    new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(claims.iss).setAudience(claims.aud).setIssuedAt().setExpirationTime('5m').sign(key);

  it('accepts a token of the configured tenant and audience, and refuses a wrong audience, issuer or key', async () => {
    const tenantId = '11111111-2222-3333-4444-555555555555';
    const issuer = `https://login.microsoftonline.com/${tenantId}/v2.0`;
    const audience = 'api://cardbridge-scim';
    const dir = await entraDirectory(host, 'edges-oauth', { oauth: { tenantId, audience, jwksUrl } });
    const withToken = (token: string) => scimClient(dir.tenantUrl, token);
    expect((await withToken(await sign({ iss: issuer, aud: audience })).get(`/Users${filter('userName eq "x"')}`)).status).toBe(200);
    expect((await withToken(await sign({ iss: issuer, aud: 'api://other' })).get('/Users')).status).toBe(401);
    expect((await withToken(await sign({ iss: 'https://login.microsoftonline.com/other/v2.0', aud: audience })).get('/Users')).status).toBe(401);
    const stranger = (await generateKeyPair('RS256')).privateKey;
    const forged = await withToken(await sign({ iss: issuer, aud: audience }, stranger)).get('/Users');
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ schemas: [ERROR], status: '401' });
    // The Secret Token keeps working next to OAuth.
    expect((await dir.client.get('/Users')).status).toBe(200);
  });
});
