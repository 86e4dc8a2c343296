// Benchmark harness (issue 8): runs one phase on both sides, interleaved, and turns it into a pair of rows
// (rate, latency, CPU, statements, memory, and the background load the machine carried meanwhile).
import { readFileSync } from 'node:fs';
import { percentiles, runRange } from './load.js';
import { cpuMs, peakRssMb, postgresCpuMs, resetPeakRss } from './proc.js';

/** Longer than the EventRecorder's 200 ms batching, so a phase's deferred event writes count towards it. */
const SETTLE_MS = 300;
/**
 * Each phase alternates raw and cardbridge slices (raw, cb, raw, cb, …), so a burst of load from other processes on
 * this shared machine hits both sides alike instead of landing on one of them.
 */
export const ROUNDS = 4;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU milliseconds the whole machine spent busy (all cores), from /proc/stat. */
function machineBusyMs() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  return ((f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0)) * 1000) / 100;
}

function selfCpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * The processes a side is measured on: a server child (cardbridge, or the lookup floor of issue 15) or the harness
 * itself (raw pg client).
 */
export class Side {
  /**
   * `windows`, when given, receives each slice's time span (µs, monotonic) to slice a CPU profile. `benchPids` are
   * the harness's other server children (idle while this side runs), which do not count as background load.
   */
  constructor({ kind, counter, database, serverPid, postmasterPid, windows, label = '', benchPids = [] }) {
    Object.assign(this, { kind, counter, database, serverPid, postmasterPid, windows, label, benchPids });
  }

  get isServer() {
    return this.kind !== 'raw';
  }

  appCpuMs() {
    return this.isServer ? cpuMs(this.serverPid) : selfCpuMs();
  }

  dbCpuMs() {
    return this.postmasterPid ? postgresCpuMs(this.postmasterPid) : NaN;
  }

  /** Everything else the machine ran: total busy CPU minus servers, PostgreSQL and this harness. */
  otherCpuMs() {
    const servers = [...new Set([...(this.isServer ? [this.serverPid] : []), ...this.benchPids])].reduce((n, pid) => n + cpuMs(pid), 0);
    return machineBusyMs() - servers - this.dbCpuMs() - selfCpuMs();
  }
}

function emptyAccumulator(count) {
  return { wallMs: 0, latencies: new Float64Array(count).fill(NaN), errors: 0, errorSamples: [], dbCpuMs: 0, otherCpuMs: 0, appCpuMs: 0, statements: 0 };
}

/** Splits [0, count) into `rounds` contiguous slices. */
function slices(count, rounds) {
  const n = Math.max(1, Math.min(rounds, count));
  return Array.from({ length: n }, (_, k) => [Math.floor((k * count) / n), Math.floor(((k + 1) * count) / n)]);
}

/** Statements of a side that are counted per slice (raw and floor share the raw database). */
const countsPerSlice = (side) => side.kind !== 'cardbridge';

async function runSlice(side, acc, name, [from, to], concurrency, op) {
  const app0 = side.appCpuMs();
  const db0 = side.dbCpuMs();
  const other0 = side.otherCpuMs();
  const statements0 = countsPerSlice(side) ? await side.counter.count(side.database) : 0;
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const run = await runRange(from, to, concurrency, op, acc.latencies);
  side.windows?.push({ name: `${side.label}${name}`, fromUs, toUs: Number(process.hrtime.bigint() / 1000n) });
  acc.wallMs += run.wallMs;
  acc.errors += run.errors;
  acc.errorSamples.push(...run.errorSamples.slice(0, 3 - acc.errorSamples.length));
  acc.dbCpuMs += side.dbCpuMs() - db0;
  acc.otherCpuMs += side.otherCpuMs() - other0;
  if (side.kind === 'raw') acc.appCpuMs += side.appCpuMs() - app0;
  if (countsPerSlice(side)) acc.statements += (await side.counter.count(side.database)) - statements0;
}

function row(name, side, acc, ops, statements, appCpuMs, peakRss) {
  return {
    name,
    side: side.kind,
    ops,
    wallMs: acc.wallMs,
    opsPerSec: (ops / acc.wallMs) * 1000,
    ...percentiles(acc.latencies),
    errors: acc.errors,
    errorSamples: acc.errorSamples,
    cpuMsPerOp: appCpuMs / ops,
    dbCpuMsPerOp: acc.dbCpuMs / ops,
    statementsPerOp: statements / ops,
    peakRssMb: peakRss,
    /** Cores' worth of CPU other processes used while this side ran (noise on a shared machine). */
    otherCores: Math.max(0, acc.otherCpuMs / acc.wallMs),
    latencies: acc.latencies,
  };
}

/**
 * Runs `count` operations per side at `concurrency`, raw and cardbridge alternating in {@link ROUNDS} slices, and
 * returns `{ raw, cb }` rows named `name`. With `floor` (issue 15: a bare Koa + pg server doing the same lookup),
 * each round runs raw, floor, cardbridge, and a `floor` row is returned too. cardbridge's statements are counted
 * per database across the whole phase (its deferred event writes land after its slices), raw's and the floor's per
 * slice (they share the raw database); the servers' CPU is read across the phase (each idles during the other
 * sides' slices), the harness's and the database's per slice. `ops` overrides the operation count of the rows.
 */
export async function measurePair({ name, count, concurrency, raw, cb, floor, ops = count }) {
  const acc = { raw: emptyAccumulator(count), cb: emptyAccumulator(count), floor: emptyAccumulator(count) };
  resetPeakRss(cb.side.serverPid);
  if (floor) resetPeakRss(floor.side.serverPid);
  const statements0 = await cb.side.counter.count(cb.side.database);
  const server0 = cb.side.appCpuMs();
  const floor0 = floor?.side.appCpuMs();
  for (const range of slices(count, ROUNDS)) {
    await runSlice(raw.side, acc.raw, name, range, concurrency, raw.op);
    if (floor) await runSlice(floor.side, acc.floor, name, range, concurrency, floor.op);
    await runSlice(cb.side, acc.cb, name, range, concurrency, cb.op);
  }
  await sleep(SETTLE_MS);
  const serverCpu = cb.side.appCpuMs() - server0;
  const floorCpu = floor ? floor.side.appCpuMs() - floor0 : NaN;
  const statements = (await cb.side.counter.count(cb.side.database)) - statements0;
  return {
    raw: row(name, raw.side, acc.raw, ops, acc.raw.statements, acc.raw.appCpuMs, NaN),
    cb: row(name, cb.side, acc.cb, ops, statements, serverCpu, peakRssMb(cb.side.serverPid)),
    ...(floor ? { floor: row(name, floor.side, acc.floor, ops, acc.floor.statements, floorCpu, peakRssMb(floor.side.serverPid)) } : {}),
  };
}
