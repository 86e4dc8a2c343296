#!/usr/bin/env node
// Benchmark harness (issue 8): summarizes a V8 .cpuprofile (from `node --cpu-prof`) — top functions by self time
// and by inclusive time, and self time by package — optionally only for samples inside a time window.
//   node bench/profile-summary.js <file.cpuprofile> [--top 20] [--from <µs> --to <µs>] [--windows <file.windows.json>]
// With --windows (written next to the profile by `npm run bench -- --profile`), one summary per phase.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/** Where a function lives: a package, cardbridge's own code by folder, node internals, or V8 pseudo-frames. */
export function packageOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  // The innermost package: `@mikro-orm/postgresql/node_modules/pg/…` is pg, the driver, not the ORM.
  const nm = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const own = /\/dist\/((?:src|plugins)\/[^/]+)/.exec(url);
  if (own) return `cardbridge:${own[1]}`;
  return url.replace(/^file:\/\//, '');
}

function shortUrl(url) {
  if (!url) return '';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}

/**
 * Self and inclusive time per function for the samples whose timestamp (µs, the profile's monotonic clock — the
 * same clock as process.hrtime in the harness) lies in one of `ranges` ([from, to] pairs; all samples by default).
 * Native frames (socket writes, string encoding, V8 builtins) are also charged to the package of their nearest
 * JavaScript caller, which says who asked for them (pg sending a statement, Koa writing a response).
 */
export function summarize(profile, { ranges = [[-Infinity, Infinity]], top = 20 } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const keyOf = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
  };
  const self = new Map();
  const inclusive = new Map();
  const byPackage = new Map();
  const byCaller = new Map();
  const callerOf = new Map();
  const nearestCaller = (node) => {
    if (callerOf.has(node.id)) return callerOf.get(node.id);
    let pkg = packageOf(node.callFrame.url, node.callFrame.functionName);
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const f = nodes.get(id).callFrame;
      if (f.url && !f.url.startsWith('node:')) {
        pkg = packageOf(f.url, f.functionName);
        break;
      }
    }
    callerOf.set(node.id, pkg);
    return pkg;
  };
  const inRange = (t) => ranges.some(([from, to]) => t >= from && t <= to);
  let total = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (!inRange(t)) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (dt <= 0) continue;
    const node = nodes.get(profile.samples[i]);
    const f = node.callFrame;
    if (f.functionName === '(idle)') continue;
    total += dt;
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + dt);
    const pkg = packageOf(f.url, f.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
    const caller = nearestCaller(node);
    byCaller.set(caller, (byCaller.get(caller) ?? 0) + dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const k = keyOf(nodes.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
  const rank = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }));
  const ownInclusive = new Map([...inclusive].filter(([k]) => / dist\/(src|plugins)\//.test(k)));
  return {
    busyMs: total / 1000,
    self: rank(self, top),
    packages: rank(byPackage, top),
    packagesWithNativeCallees: rank(byCaller, top),
    inclusiveOwnCode: rank(ownInclusive, top),
  };
}

/** Renders a summary as text. */
export function formatSummary(title, summary) {
  const pct = (s) => `${(s * 100).toFixed(1).padStart(5)} %`;
  const lines = [`${title}: ${summary.busyMs.toFixed(0)} ms of busy CPU samples`];
  lines.push('  self time by function:');
  for (const r of summary.self) lines.push(`    ${pct(r.share)}  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`);
  lines.push('  self time by package:');
  for (const r of summary.packages.slice(0, 12)) lines.push(`    ${pct(r.share)}  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`);
  lines.push('  self time by package, native work charged to its JavaScript caller:');
  for (const r of summary.packagesWithNativeCallees.slice(0, 12)) lines.push(`    ${pct(r.share)}  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`);
  lines.push('  inclusive time, cardbridge code:');
  for (const r of summary.inclusiveOwnCode.slice(0, 15)) lines.push(`    ${pct(r.share)}  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '20' }, from: { type: 'string' }, to: { type: 'string' }, windows: { type: 'string' } },
  });
  if (!positionals[0]) {
    process.stderr.write('usage: node bench/profile-summary.js <file.cpuprofile> [--top N] [--from µs --to µs]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
  const top = Number(values.top);
  if (values.windows) {
    for (const [name, ranges] of Object.entries(JSON.parse(readFileSync(values.windows, 'utf8')))) {
      process.stdout.write(`${formatSummary(name, summarize(profile, { top, ranges }))}\n\n`);
    }
  } else {
    const range = [values.from ? Number(values.from) : -Infinity, values.to ? Number(values.to) : Infinity];
    process.stdout.write(`${formatSummary(positionals[0], summarize(profile, { top, ranges: [range] }))}\n`);
  }
}
