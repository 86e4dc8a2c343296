/**
 * Tests of the built JavaScript (dist/), which the package exports and `npm start` run.
 *
 * Issue 6's promise, end to end: `cardbridge plugin new` makes a package outside this repository whose own tests
 * (the conformance kit) pass as generated, and a cardbridge server started in a deployment folder loads it from
 * CARDBRIDGE_PLUGINS and serves SCIM through it.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { freePort } from '../../src/db/embedded-postgres.js';
import { createTestDatabase } from '../../src/testkit/postgres.js';
import { scimClient } from '../../src/testkit/scim-client.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const folders: string[] = [];
/** Every check of the conformance kit is one test in a generated plugin's suite: count them in the kit's source. */
const CONFORMANCE_CHECKS = (readFileSync(join(root, 'src/testkit/conformance.ts'), 'utf8').match(/\bit\(/g) ?? []).length;
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});
// Both tests run the built JavaScript (package.json "exports" and `npm start` point at dist/).
beforeAll(async () => {
  await run('npm', ['run', 'build', '--silent'], { cwd: root });
}, 180_000);

function quietIo() {
  const out: string[] = [];
  return { out, io: { out: (s: string) => out.push(s), err: (s: string) => out.push(s) } };
}

async function waitForReady(url: string, child: { exitCode: number | null }, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server not ready:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('cardbridge plugin new', () => {
  it('makes a package that passes the conformance kit as generated and loads from configuration', { timeout: 300_000 }, async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cardbridge-partner-'));
    folders.push(parent);
    const generated = quietIo();
    expect(await runCli(['plugin', 'new', 'acme-idp', '--dir', parent], {}, generated.io)).toBe(0);
    const pkg = join(parent, 'cardbridge-plugin-acme-idp');
    const manifest = JSON.parse(await readFile(join(pkg, 'package.json'), 'utf8'));
    expect(manifest.peerDependencies.cardbridge).toMatch(/^\^\d+\.\d+\.\d+$/);

    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: pkg, timeout: 180_000 });
    const tests = await run('npm', ['test', '--silent', '--', '--reporter=json', '--outputFile=result.json'], { cwd: pkg, timeout: 180_000 }).then(
      () => 0,
      (error: { code?: number }) => error.code ?? 1,
    );
    const result = JSON.parse(await readFile(join(pkg, 'result.json'), 'utf8'));
    expect({ exit: tests, failed: result.numFailedTests, passed: result.numPassedTests }).toEqual({ exit: 0, failed: 0, passed: CONFORMANCE_CHECKS });

    // A deployment folder that installs the plugin next to its configuration, as an operator would.
    await run('npm', ['run', 'build', '--silent'], { cwd: pkg });
    const deployment = await mkdtemp(join(tmpdir(), 'cardbridge-deploy-'));
    folders.push(deployment);
    await writeFile(join(deployment, 'package.json'), JSON.stringify({ name: 'deployment', private: true, dependencies: { 'cardbridge-plugin-acme-idp': `file:${pkg}` } }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--loglevel=error', '--install-links=false'], { cwd: deployment, timeout: 120_000 });

    const database = await createTestDatabase({ adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') });
    const port = await freePort();
    const env = {
      // eslint-disable-next-line n/no-process-env
      PATH: process.env.PATH,
      // eslint-disable-next-line n/no-process-env
      HOME: process.env.HOME,
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      CARDBRIDGE_PLUGINS: 'entra,cardbridge-plugin-acme-idp',
    };
    // The operator's CLI, run in the deployment folder: it finds the plugin where the server will.
    const created = await run(process.execPath, [join(root, 'bin/cardbridge.js'), 'directory', 'create', '--org', 'acme', '--name', 'Acme IdP', '--provider', 'acme-idp', '--json'], { cwd: deployment, env });
    const directory = JSON.parse(created.stdout);
    expect(directory.tenantUrl).toBe(`http://127.0.0.1:${port}/scim/acme-idp/${directory.directoryId}`);

    let log = '';
    const server = spawn(process.execPath, [join(root, 'dist/src/main.js')], { cwd: deployment, env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout.on('data', (chunk) => (log += chunk));
    server.stderr.on('data', (chunk) => (log += chunk));
    try {
      await waitForReady(`http://127.0.0.1:${port}`, server, () => log);
      const client = scimClient(directory.tenantUrl, directory.secretToken);
      const user = await client.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@acme.example', emails: [{ value: 'ada@acme.example', primary: true }] });
      expect(user.status).toBe(201);
      expect((await client.get('/Users?filter=userName%20eq%20%22ADA@acme.example%22')).body.totalResults).toBe(1);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      await database.drop().catch(() => {});
    }
  });
});

describe('the server process (node dist/src/main.js)', () => {
  async function startProcess() {
    const database = await createTestDatabase({ adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') });
    const port = await freePort();
    // eslint-disable-next-line n/no-process-env
    const env = { PATH: process.env.PATH, DATABASE_URL: database.url, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', CARDBRIDGE_PLUGINS: 'entra' };
    let log = '';
    const child = spawn(process.execPath, ['--max-old-space-size=160', join(root, 'dist/src/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, exited, url: `http://127.0.0.1:${port}`, log: () => log, drop: () => database.drop().catch(() => {}) };
  }

  it('stops cleanly on SIGTERM, also when the signal arrives twice at once (npm forwarding it) or during start-up', { timeout: 120_000 }, async () => {
    const early = await startProcess();
    // Its first log line comes from start-up (the handlers are in place by then): stop it there.
    for (const deadline = Date.now() + 30_000; !early.log().includes('"msg"') && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 5));
    early.child.kill('SIGTERM');
    const earlyCode = await early.exited;
    if (earlyCode !== 0) console.log(early.log());
    expect(earlyCode).toBe(0);
    expect(early.log()).toContain('"msg":"stopped"');
    await early.drop();

    const twice = await startProcess();
    await waitForReady(twice.url, twice.child, twice.log);
    twice.child.kill('SIGINT');
    twice.child.kill('SIGINT');
    expect(await twice.exited).toBe(0);
    expect(twice.log()).toContain('"msg":"stopped"');
    expect(twice.log()).not.toContain('second signal');
    await twice.drop();
  });
});

describe('the package as a library (its "exports", built)', () => {
  it('has every "exports" target in dist/', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    const targets = Object.values(manifest.exports as Record<string, string | Record<string, string>>).flatMap((value) => (typeof value === 'string' ? [value] : Object.values(value)));
    const missing: string[] = [];
    for (const target of targets) await access(join(root, target)).catch(() => missing.push(target));
    expect(missing).toEqual([]);
  });

  it('starts a server through import from "cardbridge", as src/index.ts documents', { timeout: 120_000 }, async () => {
    // An application folder that depends on cardbridge (linked, as `npm install <checkout>` would).
    const app = await mkdtemp(join(tmpdir(), 'cardbridge-embed-'));
    folders.push(app);
    await mkdir(join(app, 'node_modules'));
    await symlink(root, join(app, 'node_modules/cardbridge'), 'dir');
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'embedding-app', private: true, type: 'module' }));
    await writeFile(
      join(app, 'app.js'),
      [
        "import { createLogger, defaultRoutes, loadConfig, startServer } from 'cardbridge';",
        "import { PLUGIN_API_VERSION } from 'cardbridge/plugin';",
        'const config = loadConfig(process.env);',
        'const server = await startServer({ config, log: createLogger(config), routes: defaultRoutes });',
        "const ready = await fetch(`${server.url}/readyz`);",
        "const graphql = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{\"query\":\"{ __typename }\"}' });",
        'await server.close();',
        'console.log(JSON.stringify({ ready: ready.status, graphql: graphql.status, pluginApi: PLUGIN_API_VERSION }));',
      ].join('\n'),
    );
    const database = await createTestDatabase({ adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') });
    try {
      // eslint-disable-next-line n/no-process-env
      const env = { PATH: process.env.PATH, DATABASE_URL: database.url, HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'warn', CARDBRIDGE_PLUGINS: '' };
      const { stdout } = await run(process.execPath, [join(app, 'app.js')], { cwd: app, env, timeout: 90_000 });
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
      expect(result.ready).toBe(200);
      // GraphQL is mounted (defaultRoutes): it answers, refusing the anonymous operation or running it, never 404.
      expect(result.graphql).not.toBe(404);
      expect(result.pluginApi).toMatch(/^\d+\.\d+\.\d+$/);
    } finally {
      await database.drop().catch(() => {});
    }
  });
});
