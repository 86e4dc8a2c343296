// `npm run bench -- --metrics` (issue 14): what METRICS=on costs. Two built servers on one PostgreSQL server, one
// with METRICS=off and one with METRICS=on (its /metrics scraped every 2 s throughout, far more often than the usual
// 15–60 s), run the same SCIM work — create (lookup miss + POST) and lookup hits — in alternating slices (off, on,
// off, on, …) so a burst of load from other processes on a shared machine hits both alike. Reported per phase:
// requests/s, latency percentiles and server CPU per request of each side, and on ÷ off.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUserBody, userFilterQuery, userName } from './lib/entra.js';
import { HttpClient, OpError, percentiles, runRange, shuffled } from './lib/load.js';
import { createDatabase, databaseUrlFor, startDatabaseServer } from './lib/postgres.js';
import { cpuMs } from './lib/proc.js';
import { cardbridgeEnv, freePort, ROOT, startServer } from './lib/server.js';
import { createDirectory } from './lib/setup.js';

const ROUNDS = 6;
const WARM_UP_USERS = 300;
const SCRAPE_INTERVAL_MS = 2_000;

async function side(name, env, tmp) {
  const server = await startServer({ env, logFile: join(tmp, `${name}.log`) });
  return { name, env, server };
}

/** Runs `count` operations on each side, alternating sides slice by slice; returns the figures of each side. */
async function measure(label, count, concurrency, sides, opOf) {
  const acc = sides.map(() => ({ wallMs: 0, cpuMs: 0, errors: 0, samples: [], latencies: new Float64Array(count).fill(NaN) }));
  for (let k = 0; k < ROUNDS; k++) {
    const [from, to] = [Math.floor((k * count) / ROUNDS), Math.floor(((k + 1) * count) / ROUNDS)];
    // Off first in even rounds, on first in odd ones: neither side always follows the other.
    const order = k % 2 ? [...sides.entries()].reverse() : [...sides.entries()];
    for (const [n, s] of order) {
      const cpu0 = cpuMs(s.server.pid);
      const run = await runRange(from, to, concurrency, opOf(s), acc[n].latencies);
      acc[n].cpuMs += cpuMs(s.server.pid) - cpu0;
      acc[n].wallMs += run.wallMs;
      acc[n].errors += run.errors;
      acc[n].samples.push(...run.errorSamples);
    }
  }
  return sides.map((s, n) => ({
    phase: label,
    side: s.name,
    ops: count,
    opsPerSec: (count / acc[n].wallMs) * 1000,
    ...percentiles(acc[n].latencies),
    cpuMsPerOp: acc[n].cpuMs / count,
    errors: acc[n].errors,
    errorSamples: acc[n].samples.slice(0, 3),
  }));
}

async function phases(sides, { users, concurrency, prefix }) {
  const create = await measure('create (miss+POST)', users, concurrency, sides, (s) => async (i) => {
    const miss = await s.http.request('GET', `${s.base}/Users?${userFilterQuery(userName(prefix, i))}`);
    if (miss.body.totalResults !== 0) throw new OpError('lookup hit', `new user found: ${miss.body.totalResults}`);
    await s.http.request('POST', `${s.base}/Users`, { body: createUserBody(prefix, i), expect: [201] });
  });
  const order = shuffled(Array.from({ length: users }, (_, i) => i), 11);
  const lookup = await measure('lookup hit', users, concurrency, sides, (s) => async (k) => {
    const { body } = await s.http.request('GET', `${s.base}/Users?${userFilterQuery(userName(prefix, order[k]))}`);
    if (body.totalResults !== 1) throw new OpError('lookup', `totalResults ${body.totalResults}`);
  });
  return [create, lookup];
}

/**
 * The middleware alone, in this process: a SCIM request's way through it (classify the path, count, time, look for
 * a SCIM error body) against an empty middleware of the same shape. End to end the difference is below the noise
 * of a shared machine; this is the number behind it.
 */
async function middlewareCost() {
  const { Metrics } = await import(`${ROOT}/dist/src/observability/metrics.js`);
  const { httpMetricsMiddleware } = await import(`${ROOT}/dist/src/observability/http-metrics.js`);
  const silent = { warn() {}, error() {} };
  const metrics = new Metrics({ pool: { totalCount: 0, idleCount: 0, waitingCount: 0, query: async () => ({ rows: [] }) }, log: silent, poolMax: 10 });
  const measured = httpMetricsMiddleware(metrics, { providers: ['entra', 'okta'], serve: false, log: silent });
  const empty = async (_ctx, next) => await next();
  const ctx = { path: '/scim/entra/7f1c0a52-3b9e-4c1d-9d7e-2a4f6b8c0e11/Users', method: 'GET', status: 200, body: { totalResults: 1 } };
  const next = async () => {};
  const time = async (middleware, n) => {
    const started = performance.now();
    for (let i = 0; i < n; i++) await middleware(ctx, next);
    return ((performance.now() - started) * 1000) / n;
  };
  const samples = [];
  for (let run = 0; run < 5; run++) samples.push((await time(measured, 200_000)) - (await time(empty, 200_000)));
  return samples.sort((a, b) => a - b)[2];
}

const fmt = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '–');

/** The overhead comparison; `options` are `npm run bench`'s (users, first concurrency level). */
export async function runMetricsOverhead(options, progress) {
  const cleanups = [];
  const tmp = await mkdtemp(join(tmpdir(), 'cardbridge-bench-metrics-'));
  if (process.getuid?.() === 0) await chmod(tmp, 0o755);
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));
  try {
    const database = await startDatabaseServer({ dataDir: join(tmp, 'pg'), databaseUrl: process.env.DATABASE_URL });
    cleanups.push(() => database.stop());
    const stamp = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const jwtSecret = randomBytes(32).toString('base64url');
    const envs = [];
    // BENCH_METRICS_CALIBRATE=1: both servers run METRICS=off (an A/A run), so the ratios show this machine's noise.
    const calibrate = Boolean(process.env.BENCH_METRICS_CALIBRATE);
    for (const [name, metrics] of [['off', 'off'], calibrate ? ['off2', 'off'] : ['on', 'on']]) {
      const db = `cardbridge_bench_metrics_${name}_${stamp}`;
      await createDatabase(database.adminUrl, db);
      const port = await freePort();
      envs.push({ name, env: { ...cardbridgeEnv({ databaseUrl: databaseUrlFor(database.adminUrl, db), dataDir: join(tmp, `data-${name}`), port, jwtSecret }), METRICS: metrics } });
    }
    const sides = [];
    for (const { name, env } of envs) {
      const s = await side(name, env, tmp);
      cleanups.push(() => s.server.stop());
      sides.push(s);
    }
    progress(`servers: ${sides.map((s) => `${s.name} pid ${s.server.pid}`).join(', ')}${calibrate ? ' (calibration: both METRICS=off)' : ''}`);
    const on = sides[1];
    let scrapes = 0;
    const scraper = setInterval(() => {
      fetch(`${on.server.url}/metrics`).then(
        async (r) => {
          await r.text();
          if (r.ok) scrapes += 1;
        },
        () => {},
      );
    }, SCRAPE_INTERVAL_MS);
    cleanups.push(async () => clearInterval(scraper));

    const concurrency = options.concurrency[0];
    const users = options.users;
    const connect = async (prefix, seats) => {
      for (const s of sides) {
        const directory = await createDirectory(s.env, { org: `bench-${prefix}`, name: `Bench ${prefix}`, seats });
        s.base = directory.base;
        await s.http?.close();
        s.http = new HttpClient(s.server.url, concurrency, { authorization: `Bearer ${directory.secretToken}`, accept: 'application/scim+json' });
      }
    };
    progress(`warm-up: ${WARM_UP_USERS} users on each`);
    await connect('warm', WARM_UP_USERS + 10);
    await phases(sides, { users: WARM_UP_USERS, concurrency, prefix: 'warm' });
    // Fixed costs: an idle server's CPU (prom-client's event-loop monitor and GC observer), and one scrape's CPU.
    progress('idle CPU of each server over 10 s');
    const idle0 = sides.map((s) => cpuMs(s.server.pid));
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const idleMsPerSecond = sides.map((s, n) => (cpuMs(s.server.pid) - idle0[n]) / 10);
    let scrapeCpuMs = NaN;
    if (!calibrate) {
      const cpu0 = cpuMs(on.server.pid);
      for (let i = 0; i < 100; i++) await (await fetch(`${on.server.url}/metrics`)).text();
      scrapeCpuMs = (cpuMs(on.server.pid) - cpu0) / 100;
    }
    progress(`measuring: ${users} users on each at C=${concurrency}, ${ROUNDS} alternating slices per phase`);
    await connect('metrics', users + 10);
    const results = await phases(sides, { users, concurrency, prefix: 'metrics' });
    for (const s of sides) await s.http.close();
    clearInterval(scraper);

    const lines = [`${calibrate ? 'CALIBRATION (A/A, both METRICS=off)' : 'METRICS=on vs METRICS=off'}, same run, C=${concurrency}, ${users} users; on scraped every ${SCRAPE_INTERVAL_MS / 1000} s (${scrapes} scrapes)`];
    lines.push(`${'phase'.padEnd(20)} ${'side'.padEnd(4)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'CPU ms/op'.padStart(10)} ${'errors'.padStart(7)}`);
    const ratios = [];
    for (const [off, metricsOn] of results) {
      for (const r of [off, metricsOn]) lines.push(`${r.phase.padEnd(20)} ${r.side.padEnd(4)} ${fmt(r.opsPerSec, 0).padStart(8)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p95, 2).padStart(8)} ${fmt(r.cpuMsPerOp, 3).padStart(10)} ${String(r.errors).padStart(7)}`);
      const ratio = { phase: off.phase, throughput: metricsOn.opsPerSec / off.opsPerSec, p50: metricsOn.p50 / off.p50, p95: metricsOn.p95 / off.p95, cpuPerOp: metricsOn.cpuMsPerOp / off.cpuMsPerOp };
      ratios.push(ratio);
      lines.push(`${''.padEnd(20)} on÷off  req/s ${fmt(ratio.throughput, 3)}×  p50 ${fmt(ratio.p50, 3)}×  p95 ${fmt(ratio.p95, 3)}×  CPU/op ${fmt(ratio.cpuPerOp, 3)}×`);
    }
    const microUs = await middlewareCost();
    lines.push(`metrics middleware alone (in process, median of 5 × 200,000 SCIM requests): ${fmt(microUs, 2)} µs per request`);
    lines.push(`idle server CPU: ${sides.map((s, n) => `${s.name} ${fmt(idleMsPerSecond[n], 1)} ms/s`).join(', ')}; one scrape of /metrics: ${fmt(scrapeCpuMs, 2)} ms CPU`);
    for (const r of results.flat()) if (r.errors) lines.push(`errors (${r.side}, ${r.phase}): ${r.errorSamples.join(' | ')}`);
    return { text: lines.join('\n'), json: { bench: 'cardbridge-metrics-overhead', date: new Date().toISOString(), users, concurrency, scrapes, results, ratios, middlewareUsPerRequest: microUs, idleMsPerSecond, scrapeCpuMs } };
  } finally {
    while (cleanups.length) await cleanups.pop()().catch((error) => process.stderr.write(`bench: clean-up failed: ${error.message}\n`));
  }
}
