import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { DatabaseUnavailableError, oneLine } from './database-error.js';
import { assertReachable, initialiseCluster, postgresAccount, reachableBinaries, startPostgres } from './postgres-process.js';

/** A running embedded PostgreSQL server owned by this process. */
export interface EmbeddedDatabase {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

/** Finds a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function loadOrCreateCredentials(dataDir: string): Promise<Credentials> {
  const file = join(dataDir, 'postgres-credentials.json');
  if (await exists(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'postgres', password: randomBytes(24).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** The port of a live postmaster owning `databaseDir` (from its postmaster.pid), or undefined. */
async function runningPostgres(databaseDir: string): Promise<number | undefined> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!(await exists(pidFile))) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined;
  }
}

/**
 * Makes DATA_DIR, and the directories `mkdir` just created on the way to it, enterable by other users: under a
 * umask of 077 they would be 0700, and the `postgres` user of a root run could not pass.
 */
async function openUp(created: string | undefined, dataDir: string): Promise<void> {
  for (let dir = dataDir; ; dir = dirname(dir)) {
    await chmod(dir, 0o755);
    if (!created || dir === created || dirname(dir) === dir) return;
  }
}

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Listen on this port (default: a free one). */
  port?: number;
  /**
   * Run postgres in its own process group, so a terminal's Ctrl-C reaches only cardbridge, which stops the
   * database after draining requests (the server). Without it (the CLI, the tests) Ctrl-C stops both at once.
   */
  ownProcessGroup?: boolean;
}

/**
 * Starts a real PostgreSQL server with its data in `<dataDir>/postgres`, initialising the cluster on first use
 * and reusing it afterwards. As root, PostgreSQL runs as the unprivileged user `postgres` (created when missing);
 * DATA_DIR must be reachable by that user, and binaries it cannot reach are copied into DATA_DIR.
 * Failures are a {@link DatabaseUnavailableError} naming the embedded database and DATA_DIR.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedDatabase> {
  try {
    return await start(dataDir, log, options);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError(`the embedded PostgreSQL (DATA_DIR ${dataDir}) did not start: ${oneLine(error)}`, { cause: error });
  }
}

async function start(dataDir: string, log: Logger, options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const asRoot = process.getuid?.() === 0;
  const created = await mkdir(dataDir, { recursive: true });
  // The `postgres` user of a root run must be able to traverse into the data directory.
  if (asRoot) await openUp(created, dataDir);
  const databaseDir = join(dataDir, 'postgres');
  const credentials = await loadOrCreateCredentials(dataDir);
  const running = await runningPostgres(databaseDir);
  if (running) {
    // Another cardbridge process (a server, while this is the CLI) already runs this cluster: share it.
    log.debug({ port: running }, 'embedded PostgreSQL already running; connecting to it');
    const url = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${running}/postgres`;
    return { url, port: running, stop: async () => {} };
  }
  const who = asRoot ? await postgresAccount() : undefined;
  if (who) {
    try {
      await assertReachable(dataDir, who);
    } catch (error) {
      throw new DatabaseUnavailableError(oneLine(error), { cause: error });
    }
  }
  const native = await reachableBinaries(dataDir, who, log);
  if (!(await exists(join(databaseDir, 'PG_VERSION')))) {
    log.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await initialiseCluster(native, databaseDir, credentials, who, log);
  }
  const port = options.port ?? (await freePort());
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'];
  const server = await startPostgres(native, databaseDir, port, flags, { who, ownProcessGroup: options.ownProcessGroup ?? false, log });
  log.info({ port }, 'embedded PostgreSQL started');
  const url = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      log.info('embedded PostgreSQL stopped');
    },
  };
}
