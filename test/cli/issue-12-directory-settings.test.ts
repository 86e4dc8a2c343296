/**
 * Issue 12, item 5: `cardbridge directory settings` shows and changes the settings GraphQL changes (rate limit,
 * token overlap, Entra OAuth, custom schemas from a JSON file, domain-assignment targets), with the same validation
 * (bad values exit 2 naming the field, missing records exit 1), and `rotate-token` without `--overlap` uses the
 * directory's token overlap.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { TEST_JWT_SECRET } from '../../src/testkit/host.js';
import { scimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const TENANT = '0b7d9c1e-2f3a-4b5c-9d8e-7f6a5b4c3d2e';
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';

let host: TestHost;
let folder: string;
let dir: Awaited<ReturnType<TestHost['createDirectory']>>;
let childId: string;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}
const env = () => ({ DATABASE_URL: host.databaseUrl, PUBLIC_URL: host.config.publicUrl, AUTH_JWT_SECRET: TEST_JWT_SECRET });
async function cli(...args: string[]) {
  const c = capture();
  const code = await runCli(['directory', ...args], env(), c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

beforeAll(async () => {
  host = await startHost();
  folder = await mkdtemp(join(tmpdir(), 'cardbridge-settings-'));
  dir = await host.createDirectory({ org: 'cli-settings', provider: 'entra' });
  childId = (await host.createDirectory({ org: 'cli-child', provider: 'entra' })).organizationId;
});
afterAll(async () => {
  await host?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('cardbridge directory settings', () => {
  it('shows the settings, defaults included', async () => {
    const shown = await cli('settings', '--directory', dir.directoryId, '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toEqual({
      directoryId: dir.directoryId, name: 'entra directory', rateLimitPerSecond: null, effectiveRateLimitPerSecond: null, tokenOverlapSeconds: 0,
      oauth: null, customSchemas: [], domainAssignment: false, domainAssignmentTargets: [], mode: 'live',
    });
    const text = await cli('settings', '--directory', dir.directoryId);
    expect(text.out).toContain('Rate limit:           none (instance default, SCIM_RATE_LIMIT_PER_SECOND)');
    expect(text.out).toContain('Entra OAuth:          off (Secret Token only)');
  });

  it('sets them in one go; the SCIM endpoint follows', async () => {
    const file = join(folder, 'schemas.json');
    await writeFile(file, JSON.stringify([{ urn: CUSTOM, attributes: [{ name: 'badge', type: 'integer' }, { name: 'localTitle', cardField: 'title' }] }]));
    const set = await cli('settings', '--directory', dir.directoryId, '--rate-limit', '50', '--token-overlap', '30', '--oauth-tenant', TENANT, '--oauth-audience', 'api://cards', '--schema-file', file, '--domain-targets', 'cli-child', '--json');
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({
      rateLimitPerSecond: 50, effectiveRateLimitPerSecond: 50, tokenOverlapSeconds: 30,
      oauth: { tenantId: TENANT, audience: 'api://cards', refuseStaticToken: false },
      customSchemas: [{ urn: CUSTOM, name: 'CustomExtensionName', attributes: [
        { name: 'badge', type: 'integer', multiValued: false, caseExact: false },
        { name: 'localTitle', type: 'string', multiValued: false, caseExact: false, cardField: 'title' },
      ] }],
      domainAssignmentTargets: [{ id: childId, slug: 'cli-child' }],
    });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    await expect.poll(async () => (await client.get(`/Schemas/${CUSTOM}`)).status, { timeout: 5000, interval: 20 }).toBe(200);
    const created = await client.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'cli@settings.example', [CUSTOM]: { badge: 7, localTitle: 'Chief' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await host.query("select c.fields ->> 'title' as title from card c where c.user_id = $1", [created.body.id])).toEqual([{ title: 'Chief' }]);

    // rotate-token without --overlap: the directory's 30 s.
    const rotated = await cli('rotate-token', '--directory', dir.directoryId, '--json');
    expect(rotated.code).toBe(0);
    const { secretToken, previousTokenValidForSeconds } = JSON.parse(rotated.out);
    expect(previousTokenValidForSeconds).toBe(30);
    expect((await client.get('/Users?count=1')).status).toBe(200);

    // Refusing the Secret Token on the stored OAuth settings; --no-oauth turns OAuth off again.
    expect((await cli('settings', '--directory', dir.directoryId, '--refuse-static-token')).out).toContain('Secret Token refused');
    await expect.poll(async () => (await scimClient(dir.tenantUrl, secretToken).get('/Users?count=1')).status, { timeout: 5000, interval: 20 }).toBe(401);
    const off = await cli('settings', '--directory', dir.directoryId, '--no-oauth', '--rate-limit', 'default', '--token-overlap', 'default', '--domain-targets', 'none', '--json');
    expect(JSON.parse(off.out)).toMatchObject({ oauth: null, rateLimitPerSecond: null, tokenOverlapSeconds: 0, domainAssignmentTargets: [] });
    await expect.poll(async () => (await scimClient(dir.tenantUrl, secretToken).get('/Users?count=1')).status, { timeout: 5000, interval: 20 }).toBe(200);
  });

  it('bad arguments exit 2 naming what is wrong, missing records exit 1, and nothing changes', async () => {
    const bad = join(folder, 'bad.json');
    await writeFile(bad, JSON.stringify([{ urn: 'not-a-urn', attributes: [{ name: 'x' }] }]));
    const cases: [string[], number, RegExp][] = [
      [['--rate-limit', 'fast'], 2, /--rate-limit must be a whole number or "default"/],
      [['--rate-limit', '100001'], 2, /^cardbridge: rateLimitPerSecond: rateLimitPerSecond must be a whole number from 0 to 100,000/],
      [['--schema-file', bad], 2, /^cardbridge: customSchemas\[0\]\.urn: "not-a-urn" is not a schema URN/],
      [['--schema-file', join(folder, 'missing.json')], 2, /--schema-file: cannot read .* \(ENOENT\)/],
      [['--oauth-tenant', TENANT], 2, /--oauth-tenant and --oauth-audience go together/],
      [['--oauth-tenant', 'contoso.com', '--oauth-audience', 'api://x'], 2, /oauth\.tenantId/],
      [['--refuse-static-token'], 2, /accepts no OAuth tokens yet/],
      [['--domain-targets', 'nosuch-org'], 1, /organization "nosuch-org" does not exist/],
    ];
    for (const [args, code, message] of cases) {
      const result = await cli('settings', '--directory', dir.directoryId, ...args);
      expect([result.code, result.err], args.join(' ')).toEqual([code, expect.stringMatching(message)]);
    }
    expect((await cli('settings', '--directory', '00000000-0000-4000-8000-000000000000', '--rate-limit', '1')).code).toBe(1);
    expect(JSON.parse((await cli('settings', '--directory', dir.directoryId, '--json')).out)).toMatchObject({ rateLimitPerSecond: null, oauth: null, domainAssignmentTargets: [] });
  });
});
