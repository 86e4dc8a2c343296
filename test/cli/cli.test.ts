import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { probePlugin } from '../helpers/probe-plugin.js';

let host: TestHost;
// The host mounts the test's in-process plugin; the CLI accepts its provider name as it accepts installed ones.
const providers = { plugins: [probePlugin()] };
beforeAll(async () => {
  host = await startHost({ plugins: providers.plugins });
});
afterAll(async () => await host?.close());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

function env(extra: Record<string, string> = {}) {
  return { DATABASE_URL: host.databaseUrl, PUBLIC_URL: host.config.publicUrl, AUTH_JWT_SECRET: 'x'.repeat(40), ...extra };
}

describe('cardbridge directory', () => {
  it('create → the token works → rotate-token → the old token is refused at once', async () => {
    const created = capture();
    const code = await runCli(['directory', 'create', '--org', 'acme', '--name', 'Acme Entra', '--provider', 'probe', '--seats', '25', '--json'], env(), created.io, providers);
    expect(code).toBe(0);
    expect(created.out).toHaveLength(1);
    const result = JSON.parse(created.out[0]!);
    expect(result).toMatchObject({ directoryId: expect.any(String), secretToken: expect.stringMatching(/^cbt_/), organization: { slug: 'acme', seatLimit: 25 } });
    expect(result.tenantUrl).toBe(`${host.url}/scim/probe/${result.directoryId}`);

    const whoami = (token: string) => fetch(`${result.tenantUrl}/whoami`, { headers: { authorization: `Bearer ${token}` } });
    expect((await whoami(result.secretToken)).status).toBe(200);

    const rotated = capture();
    expect(await runCli(['directory', 'rotate-token', '--directory', result.directoryId, '--json'], env(), rotated.io)).toBe(0);
    const next = JSON.parse(rotated.out[0]!);
    expect(next.secretToken).not.toBe(result.secretToken);
    // The rotation's NOTIFY drops the cached token on every instance as it arrives (milliseconds after the commit;
    // on a loaded machine the next request can come first, so allow it a moment).
    let oldStatus = (await whoami(result.secretToken)).status;
    for (const deadline = Date.now() + 2_000; oldStatus !== 401 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      oldStatus = (await whoami(result.secretToken)).status;
    }
    expect(oldStatus).toBe(401);
    expect((await whoami(next.secretToken)).status).toBe(200);
  });

  it('keeps the old token for the overlap window when asked', async () => {
    const created = capture();
    await runCli(['directory', 'create', '--org', 'overlap', '--name', 'D', '--provider', 'probe', '--json'], env(), created.io, providers);
    const first = JSON.parse(created.out[0]!);
    const rotated = capture();
    expect(await runCli(['directory', 'rotate-token', '--directory', first.directoryId, '--overlap', '600', '--json'], env(), rotated.io)).toBe(0);
    const second = JSON.parse(rotated.out[0]!);
    const whoami = (token: string) => fetch(`${first.tenantUrl}/whoami`, { headers: { authorization: `Bearer ${token}` } });
    expect((await whoami(first.secretToken)).status).toBe(200);
    expect((await whoami(second.secretToken)).status).toBe(200);
  });

  it('prints a human-readable Tenant URL and Secret Token without --json', async () => {
    const c = capture();
    expect(await runCli(['directory', 'create', '--org', 'human', '--name', 'H', '--provider', 'entra'], env(), c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/Tenant URL: +http:\/\/127\.0\.0\.1:\d+\/scim\/entra\/[0-9a-f-]{36}\n {2}Secret Token: +cbt_/);
  });

  it.each([
    [['directory', 'create', '--org', 'acme'], /missing --name, --provider/],
    [['directory', 'create', '--org', 'Bad Slug', '--name', 'x', '--provider', 'entra'], /slug/],
    [['directory', 'create', '--org', 'a', '--name', 'x', '--provider', 'entra', '--seats', 'many'], /--seats must be a whole number/],
    [['directory', 'rotate-token', '--directory', '00000000-0000-4000-8000-000000000000'], /does not exist/],
    [['directory', 'frobnicate'], /unknown directory command/],
    [['nope'], /unknown command "nope"/],
    [['directory', 'create', '--bogus'], /bogus/],
    [['jwt', '--org', 'acme', '--role', 'god'], /--role must be one of/],
  ])('refuses %j with a clear message and a non-zero exit', async (argv, message) => {
    const c = capture();
    const code = await runCli(argv as string[], env(), c.io);
    expect(code).toBeGreaterThan(0);
    expect(c.err.join('\n')).toMatch(message);
    expect(c.out).toEqual([]);
  });

  it('reports bad configuration as a usage error', async () => {
    const c = capture();
    expect(await runCli(['migrate'], { DATABASE_URL: 'mysql://nope', PORT: 'abc' }, c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/DATABASE_URL[\s\S]*PORT/);
  });
});

describe('cardbridge jwt', () => {
  it('prints a token with sub, org and role, signed for the configured issuer and audience', async () => {
    const c = capture();
    expect(await runCli(['jwt', '--org', 'acme', '--role', 'admin', '--sub', 'u-1'], env(), c.io)).toBe(0);
    const claims = decodeJwt(c.out[0]!);
    expect(claims).toMatchObject({ sub: 'u-1', org: 'acme', role: 'admin', iss: 'cardbridge', aud: 'cardbridge-api' });
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('refuses to sign without AUTH_JWT_SECRET', async () => {
    const c = capture();
    expect(await runCli(['jwt', '--org', 'acme', '--role', 'admin'], { ...env(), AUTH_JWT_SECRET: '' }, c.io)).toBe(2);
    expect(c.err.join()).toMatch(/AUTH_JWT_SECRET is not set/);
  });
});

describe('cardbridge migrate on the embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cardbridge-cli-'));
  });
  afterAll(async () => await rm(dataDir, { recursive: true, force: true }));

  it('starts and stops its own PostgreSQL when no server runs, and reuses the data the second time', async () => {
    const first = capture();
    expect(await runCli(['migrate'], { DATA_DIR: dataDir }, first.io)).toBe(0);
    expect(first.out.join()).toMatch(/Applied \d+ migration\(s\):\n  Migration20261124000000_initial/);
    const second = capture();
    expect(await runCli(['migrate'], { DATA_DIR: dataDir }, second.io)).toBe(0);
    expect(second.out.join()).toMatch(/up to date/);
  });
});
