// Benchmark harness (issue 8): runs the built cardbridge server and CLI as child processes.
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** A free TCP port on the loopback interface. */
export async function freePort() {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment the server and the CLI share. The rate and concurrency limits are off: the harness measures the
 * service, not the limiters (Entra's own pace is ~25 requests/s per tenant; the benchmark plays many tenants at once).
 */
export function cardbridgeEnv({ databaseUrl, dataDir, port, jwtSecret }) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    AUTH_JWT_SECRET: jwtSecret,
    SCIM_RATE_LIMIT_PER_SECOND: '0',
    SCIM_MAX_CONCURRENT_PER_DIRECTORY: '0',
    ...(process.env.DB_POOL_MAX ? { DB_POOL_MAX: process.env.DB_POOL_MAX } : {}),
    // Node flags for the server only (e.g. --max-old-space-size=160 to see whether memory is a leak or GC headroom).
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
  };
}

/** `node bin/cardbridge.js …` with `env`; resolves to stdout, rejects with stderr in the message. */
export async function cli(args, env) {
  try {
    const { stdout } = await run(process.execPath, ['bin/cardbridge.js', ...args], { cwd: ROOT, env, maxBuffer: 16 << 20 });
    return stdout;
  } catch (error) {
    throw new Error(`cardbridge ${args.join(' ')} failed: ${String(error.stderr || error.message).trim()}`);
  }
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The Node flags `npm start` runs the server with (package.json "start": `node <flags> dist/src/main.js`). */
function startFlags() {
  const start = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const match = /^node\s+(.*?)\s*dist\/src\/main\.js$/.exec(start);
  return match && match[1] ? match[1].split(/\s+/) : [];
}

/**
 * Starts `node dist/src/main.js` (or `script`, e.g. the lookup floor, with the same flags) and waits until /readyz
 * answers. With `profileDir`, the server runs under `--cpu-prof` and writes its profile there when it exits after
 * SIGTERM.
 */
export async function startServer({ env, logFile, profileDir, script = 'dist/src/main.js', name = 'cardbridge' }) {
  const fd = openSync(logFile, 'a');
  const flags = [...startFlags(), ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-interval', '250'] : [])];
  const child = spawn(process.execPath, [...flags, script], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = null;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited during start-up (${JSON.stringify(exited)}):\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become ready in 90 s:\n${tail(logFile)}`);
    }
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid,
    logFile,
    /** SIGTERM (graceful: the profile is written), SIGKILL after 30 s. */
    async stop() {
      if (exited) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const result = await exit;
      clearTimeout(timer);
      return result;
    },
    isAlive: () => !exited,
  };
}
