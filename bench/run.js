#!/usr/bin/env node
// `npm run bench` (issue 8): boots the built cardbridge on a fresh database, drives it over keep-alive HTTP with
// bounded concurrency, runs the same work through plain `pg` on the same database server just before each phase,
// and prints every figure as a ratio to that raw baseline, the targets as PASS/MISS, and one JSON line. The
// lookup phase also runs against the floor (issue 15): a bare Koa + pg server doing the same lookup, bench/lib/floor-server.js.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseOptions, USAGE } from './lib/args.js';
import { graphqlPhase, probeGraphql } from './lib/graphql.js';
import { HttpClient } from './lib/load.js';
import { bigGroupPhase } from './lib/phases-big.js';
import { createPhase, groupsPhase } from './lib/phases-initial.js';
import { listPhase, lookupPhase, patchPhase } from './lib/phases-read.js';
import { createDatabase, databaseUrlFor, dropDatabase, startDatabaseServer, StatementCounter, withClient } from './lib/postgres.js';
import { evaluateTargets, formatFloor, formatTables, formatTargets, formatTopStatements, initialCycleRow, jsonLevels } from './lib/report.js';
import { adminJwt, bigClientFor, closeLevel, connectLevel, createBigOrganization, createDirectory, createLevel } from './lib/setup.js';
import { cardbridgeEnv, freePort, ROOT, startServer } from './lib/server.js';
import { formatSummary, summarize } from './profile-summary.js';
import { rssMb } from './lib/proc.js';

const WARM_UP_USERS = 300;

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const progress = (message) => process.stderr.write(`[bench ${((performance.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
const startedAt = performance.now();
const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
if (options.metrics) {
  // Issue 14: the overhead of METRICS=on, measured on its own (bench/metrics-overhead.js).
  const { runMetricsOverhead } = await import('./metrics-overhead.js');
  const { text, json } = await runMetricsOverhead(options, progress);
  if (!options.jsonOnly) process.stdout.write(`${text}\n`);
  process.stdout.write(`${JSON.stringify(json)}\n`);
  process.exit(0);
}
const cleanups = [];
const cleanup = async () => {
  while (cleanups.length) await cleanups.pop()().catch((error) => process.stderr.write(`bench: clean-up failed: ${error.message}\n`));
};
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
process.once('SIGTERM', () => void cleanup().finally(() => process.exit(143)));

/** Which phases run: the selected ones, plus `create` unreported when a later phase needs its users. */
function plan(selected) {
  const needsUsers = ['groups', 'lookup', 'patch', 'list', 'graphql'].some((p) => selected.has(p));
  return { ...Object.fromEntries([...selected].map((p) => [p, true])), create: selected.has('create') || needsUsers, reportCreate: selected.has('create') };
}

async function runLevel(level, big, phases, graphql) {
  const rows = [];
  const skipped = {};
  progress(`C=${level.concurrency}: initial cycle, ${level.users} users`);
  if (phases.create) {
    const created = await createPhase(level);
    if (phases.reportCreate) rows.push(...created);
    // Both sides read the directory they just filled with up-to-date statistics, whatever autovacuum did meanwhile.
    await Promise.all([level.cb.db.query('analyze'), level.raw.pool.query('analyze')]);
  }
  if (phases.groups) {
    progress(`C=${level.concurrency}: ${level.groups} groups and their members`);
    rows.push(...(await groupsPhase(level)));
    const cycle = initialCycleRow(rows);
    if (cycle) rows.push(cycle);
  }
  if (phases.lookup) {
    progress(`C=${level.concurrency}: lookups`);
    rows.push(...(await lookupPhase(level)));
  }
  if (phases.patch) {
    progress(`C=${level.concurrency}: incremental PATCH`);
    rows.push(...(await patchPhase(level)));
  }
  if (phases.list) {
    progress(`C=${level.concurrency}: paged list`);
    rows.push(...(await listPhase(level)));
  }
  if (phases.biggroup && big) {
    progress(`C=${level.concurrency}: large group of ${big.size}`);
    const client = bigClientFor(big, level.concurrency);
    try {
      rows.push(...(await bigGroupPhase(level, client)));
    } finally {
      await client.cb.http.close();
    }
  }
  if (phases.graphql) {
    if (!graphql.available) skipped.graphql = graphql.reason;
    else {
      progress(`C=${level.concurrency}: GraphQL`);
      rows.push(...(await graphqlPhase(level, big, { level: await adminJwt(graphql.env, level.cb.orgSlug), big: graphql.bigToken })));
    }
  }
  return { concurrency: level.concurrency, rows, skipped };
}

async function newestProfile(dir, since) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  const stats = await Promise.all(files.map(async (f) => ({ f, t: (await stat(join(dir, f))).mtimeMs })));
  const newest = stats.filter((s) => s.t >= since).sort((a, b) => b.t - a.t)[0];
  return newest && join(dir, newest.f);
}

async function main() {
  const phases = plan(options.phases);
  const tmp = await mkdtemp(join(tmpdir(), 'cardbridge-bench-'));
  // Root runs start PostgreSQL as the `postgres` system user, which must traverse into the directory.
  if (process.getuid?.() === 0) await chmod(tmp, 0o755);
  if (!options.keep) cleanups.push(() => rm(tmp, { recursive: true, force: true }));
  progress(`working in ${tmp}`);

  const database = await startDatabaseServer({ dataDir: join(tmp, 'pg'), databaseUrl: process.env.DATABASE_URL });
  cleanups.push(() => database.stop());
  const stamp = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const cbDatabase = `cardbridge_bench_${stamp}`;
  const rawDatabase = `cardbridge_raw_${stamp}`;
  await createDatabase(database.adminUrl, cbDatabase);
  await createDatabase(database.adminUrl, rawDatabase);
  if (!database.embedded) cleanups.push(() => Promise.all([dropDatabase(database.adminUrl, cbDatabase), dropDatabase(database.adminUrl, rawDatabase)]));
  const counter = await StatementCounter.open(database.adminUrl);
  cleanups.push(() => counter.close());
  if (!counter.available) progress(`statement counts unavailable: ${counter.reason}`);
  const postgresVersion = await withClient(database.adminUrl, async (c) => (await c.query('show server_version')).rows[0].server_version);

  const cbUrl = databaseUrlFor(database.adminUrl, cbDatabase);
  const rawUrl = databaseUrlFor(database.adminUrl, rawDatabase);
  const port = await freePort();
  const env = cardbridgeEnv({ databaseUrl: cbUrl, dataDir: join(tmp, 'data'), port, jwtSecret: randomBytes(32).toString('base64url') });
  const rawEnv = { ...env, DATABASE_URL: rawUrl };
  const profileDir = options.profile ? (options.profileDir ?? join(ROOT, 'bench', 'profiles')) : undefined;
  if (profileDir) await mkdir(profileDir, { recursive: true });
  const serverStartedAt = Date.now();
  const server = await startServer({ env, logFile: join(tmp, 'server.log'), profileDir });
  let serverStopped = false;
  cleanups.push(() => (serverStopped ? Promise.resolve() : server.stop()));
  const startupRssMb = rssMb(server.pid);
  progress(`cardbridge pid ${server.pid} at ${server.url} (${startupRssMb.toFixed(0)} MB resident after start-up); databases ${cbDatabase} and ${rawDatabase}`);
  // Issue 15: the lookup floor, a bare Koa + pg server with cardbridge's Node flags, on the raw database.
  let floor;
  if (phases.lookup) {
    const floorPort = await freePort();
    const floorEnv = { PATH: env.PATH, HOME: env.HOME, NODE_ENV: 'production', DATABASE_URL: rawUrl, PORT: String(floorPort), DB_POOL_MAX: env.DB_POOL_MAX ?? '10', ...(env.NODE_OPTIONS ? { NODE_OPTIONS: env.NODE_OPTIONS } : {}) };
    const floorProfileDir = profileDir && join(profileDir, 'floor');
    if (floorProfileDir) await mkdir(floorProfileDir, { recursive: true });
    floor = await startServer({ env: floorEnv, logFile: join(tmp, 'floor.log'), script: 'bench/lib/floor-server.js', name: 'the lookup floor', profileDir: floorProfileDir });
    floor.profileDir = floorProfileDir;
    floor.windows = [];
    cleanups.push(() => floor.stop());
    progress(`lookup floor pid ${floor.pid} at ${floor.url}`);
  }

  // The first CLI call on the raw database applies the migrations: the baseline runs on cardbridge's own schema
  // (same tables, indexes and constraints), so both sides maintain the same indexes per row.
  const warmRaw = await createDirectory(rawEnv, { org: 'bench-warm', name: 'Warm-up', seats: WARM_UP_USERS + 50 });
  const seats = options.users + 50;
  const [warmCb, ...levelDirectories] = await Promise.all([
    createDirectory(env, { org: 'bench-warm', name: 'Warm-up', seats: WARM_UP_USERS + 50 }),
    ...options.concurrency.flatMap((c) => [
      createDirectory(env, { org: `bench-c${c}`, name: `Bench C=${c}`, seats }),
      createDirectory(rawEnv, { org: `bench-c${c}`, name: `Bench C=${c}`, seats }),
    ]),
  ]);
  const cbPool = new pg.Pool({ connectionString: cbUrl, max: 2 });
  const rawSetupPool = new pg.Pool({ connectionString: rawUrl, max: 2 });
  cleanups.push(() => Promise.all([cbPool.end(), rawSetupPool.end()]));
  const profileWindows = [];
  const run = { counter, cbDatabase, rawDatabase, rawUrl, cbPool, serverUrl: server.url, serverPid: server.pid, postmasterPid: database.postmasterPid, profileWindows, floor };

  let big;
  if (phases.biggroup || phases.graphql) {
    progress(`seeding the big organization: ${options.bigGroup} users with cards and seats, on both sides`);
    big = await createBigOrganization({ size: options.bigGroup, cbEnv: env, rawEnv, cbPool, rawPool: rawSetupPool, serverUrl: server.url });
  }
  // Statistics as of the start on both sides; from here on autovacuum runs as it would in production (a growing
  // directory's statistics lag behind, which is part of what the phases measure).
  await Promise.all([cbPool.query('analyze'), rawSetupPool.query('analyze')]);
  let graphql = { available: false, reason: 'phase not selected' };
  if (phases.graphql) {
    const bigToken = await adminJwt(env, 'bench-big');
    const probe = new HttpClient(server.url, 1);
    graphql = { ...(await probeGraphql(probe, bigToken)), env, bigToken };
    await probe.close();
    if (!graphql.available) progress(`GraphQL phase SKIPPED: ${graphql.reason}`);
  }

  // Warm-up (not reported): JIT, plan caches and connection pools on both sides, so the first level is not cold.
  progress(`warm-up: ${WARM_UP_USERS} users`);
  const warm = createLevel({ concurrency: options.concurrency[0], users: WARM_UP_USERS, groups: 4, prefix: 'warm', cbDirectory: warmCb, rawDirectory: warmRaw, run: { ...run, profileWindows: undefined, floor: floor && { ...floor, windows: undefined } } });
  await connectLevel(warm);
  await runLevel(warm, undefined, { create: true, groups: true, lookup: true, patch: true, list: true }, graphql);
  await closeLevel(warm);

  const levels = [];
  for (const [n, concurrency] of options.concurrency.entries()) {
    const level = createLevel({
      concurrency,
      users: options.users,
      groups: options.groups,
      prefix: `c${concurrency}`,
      cbDirectory: levelDirectories[2 * n],
      rawDirectory: levelDirectories[2 * n + 1],
      run,
    });
    try {
      await connectLevel(level);
      levels.push(await runLevel(level, big, phases, graphql));
    } finally {
      await closeLevel(level);
    }
    if (!server.isAlive()) throw new Error(`cardbridge exited during the run; see ${server.logFile}`);
    if (floor && !floor.isAlive()) throw new Error(`the lookup floor exited during the run; see ${floor.logFile}`);
  }

  const topStatements = { cardbridge: await counter.top(cbDatabase), raw: await counter.top(rawDatabase) };
  serverStopped = true;
  await server.stop();
  await floor?.stop();
  const targets = evaluateTargets(levels, options);
  const profiles = profileDir ? await summarizeProfile(profileDir, serverStartedAt, profileWindows) : undefined;
  const floorProfiles = floor?.profileDir ? await summarizeProfile(floor.profileDir, serverStartedAt, floor.windows) : undefined;
  const result = {
    bench: 'cardbridge',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), kernel: release(), node: process.version, postgres: postgresVersion, embeddedPostgres: database.embedded },
    loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((l) => Number(l.toFixed(2))) },
    options: { ...options, phases: [...options.phases], serverDbPoolMax: Number(env.DB_POOL_MAX ?? 10) },
    serverStartupRssMb: Number(startupRssMb.toFixed(1)),
    statementCounts: counter.available ? 'pg_stat_statements (all statements incl. BEGIN/COMMIT, per database)' : counter.reason,
    levels: jsonLevels(levels),
    topStatements,
    targets,
    profile: profiles,
    floorProfile: floorProfiles,
    durationS: Number(((performance.now() - startedAt) / 1000).toFixed(1)),
  };
  if (!options.jsonOnly) {
    const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
    process.stdout.write(`load average (1/5/15 min) at start ${load(result.loadAverage.atStart)}, at end ${load(result.loadAverage.atEnd)}\n`);
    process.stdout.write(`${formatTables(levels)}\n${formatFloor(levels)}\n${formatTopStatements(topStatements)}\n${formatTargets(targets)}\n`);
    if (profiles) process.stdout.write(`\nCPU profile: ${profiles.file}\n${profiles.text}\n`);
    if (floorProfiles) process.stdout.write(`\nCPU profile of the lookup floor: ${floorProfiles.file}\n${floorProfiles.text}\n`);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Top costs of the server per phase (slices of one phase merged); create and lookups printed, all to a file. */
async function summarizeProfile(dir, since, windows) {
  const file = await newestProfile(dir, since);
  if (!file) return { error: `no .cpuprofile was written to ${dir}` };
  const profile = JSON.parse(await readFile(file, 'utf8'));
  const byName = new Map();
  for (const w of windows) byName.set(w.name, [...(byName.get(w.name) ?? []), [w.fromUs, w.toUs]]);
  const all = [...byName].map(([name, ranges]) => ({ name, summary: summarize(profile, { ranges, top: 25 }) }));
  const shown = all.filter((w) => /create \(miss|lookup (hit|miss)/.test(w.name));
  const text = shown.map((w) => formatSummary(w.name, w.summary)).join('\n\n');
  await writeFile(`${file}.summary.txt`, all.map((w) => formatSummary(w.name, w.summary)).join('\n\n'));
  // The phase windows, so `node bench/profile-summary.js <profile> --windows <file>` can slice the profile again.
  await writeFile(`${file}.windows.json`, JSON.stringify(Object.fromEntries(byName)));
  return {
    file,
    summaryFile: `${file}.summary.txt`,
    text,
    phases: all.map(({ name, summary }) => ({ name, busyMs: summary.busyMs, top: summary.self.slice(0, 10), packages: summary.packagesWithNativeCallees.slice(0, 8) })),
  };
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
