// Benchmark harness (issue 8): the table, the issue's targets marked PASS/MISS, and the final JSON line.

const SCIM_KEYS = ['create', 'groupCreate', 'members', 'lookupHit', 'lookupMiss', 'patch', 'list', 'bigGroup'];
const INITIAL_KEYS = ['create', 'groupCreate', 'members'];

/** The whole initial cycle (users, groups, memberships) as one row per side: same work, summed time. */
export function initialCycleRow(rows) {
  const parts = INITIAL_KEYS.map((k) => rows.find((r) => r.key === k));
  if (parts.some((p) => !p)) return undefined;
  const side = (s) => {
    const list = parts.map((p) => p[s]);
    const ops = list.reduce((n, r) => n + r.ops, 0);
    const wallMs = list.reduce((n, r) => n + r.wallMs, 0);
    const weighted = (f) => list.reduce((n, r) => n + r[f] * r.ops, 0) / ops;
    return {
      name: 'initial cycle (all above)',
      side: s === 'cb' ? 'cardbridge' : 'raw',
      ops,
      wallMs,
      opsPerSec: (ops / wallMs) * 1000,
      p50: NaN,
      p95: NaN,
      p99: NaN,
      errors: list.reduce((n, r) => n + r.errors, 0),
      errorSamples: [],
      cpuMsPerOp: weighted('cpuMsPerOp'),
      dbCpuMsPerOp: weighted('dbCpuMsPerOp'),
      statementsPerOp: weighted('statementsPerOp'),
      peakRssMb: Math.max(...list.map((r) => r.peakRssMb)),
      otherCores: Math.max(0, list.reduce((n, r) => n + r.otherCores * r.wallMs, 0) / wallMs),
    };
  };
  return { key: 'initialCycle', raw: side('raw'), cb: side('cb') };
}

const fmt = (v, digits = 1) => (v === undefined || Number.isNaN(v) ? '–' : v >= 1000 ? v.toFixed(0) : v.toFixed(digits));
const ratio = (row) => row.cb.opsPerSec / row.raw.opsPerSec;

/** One table per concurrency level. */
export function formatTables(levels) {
  const header = ['phase', 'ops', 'cb/s', 'raw/s', 'ratio', 'p50', 'p95', 'p99', 'raw p99', 'p99×', 'err', 'cpu ms/op', 'raw cpu', 'db cpu cb/raw', 'stmts cb/raw', 'RSS MB', 'bg cores cb/raw'];
  const out = [];
  for (const level of levels) {
    const lines = [header];
    for (const row of level.rows) {
      const { cb, raw } = row;
      lines.push([
        cb.name,
        String(cb.ops),
        fmt(cb.opsPerSec, 0),
        fmt(raw.opsPerSec, 0),
        `${ratio(row).toFixed(2)}×`,
        fmt(cb.p50),
        fmt(cb.p95),
        fmt(cb.p99),
        fmt(raw.p99),
        fmt(cb.p99 / raw.p99),
        String(cb.errors) + (raw.errors ? `/raw ${raw.errors}` : ''),
        fmt(cb.cpuMsPerOp, 2),
        fmt(raw.cpuMsPerOp, 2),
        `${fmt(cb.dbCpuMsPerOp, 2)}/${fmt(raw.dbCpuMsPerOp, 2)}`,
        `${fmt(cb.statementsPerOp)}/${fmt(raw.statementsPerOp)}`,
        fmt(cb.peakRssMb, 0),
        `${fmt(cb.otherCores, 2)}/${fmt(raw.otherCores, 2)}`,
      ]);
    }
    const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
    out.push(
      `\nC=${level.concurrency} — latency in ms; ratio = cardbridge ops/s ÷ raw pg ops/s, same database server, slices interleaved;` +
        ' cpu = server (raw: harness pg client) ms/op; bg cores = CPU other processes used meanwhile',
    );
    for (const [n, l] of lines.entries()) {
      out.push(l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
      if (n === 0) out.push(widths.map((w) => '-'.repeat(w)).join('  '));
    }
    const big = level.rows.find((r) => r.key === 'bigGroup')?.detail;
    if (big) {
      out.push(
        `large group: PATCH median first 10 % ${fmt(big.cardbridge.firstMs)} ms, last 10 % ${fmt(big.cardbridge.lastMs)} ms (×${fmt(big.cardbridge.lastOverFirst, 2)}; raw ×${fmt(big.raw.lastOverFirst, 2)}), ${big.members} members;` +
          ` one add: ${big.addToSmall.statements} statements on 5 members, ${big.addToBig.statements} on the full group (${fmt(big.addToSmall.medianMs, 2)} / ${fmt(big.addToBig.medianMs, 2)} ms);` +
          ` one remove: ${fmt(big.removeFromSmall.medianMs, 2)} / ${fmt(big.removeFromBig.medianMs, 2)} ms; raw single change ${fmt(big.rawSingleChangeMs, 2)} ms`,
      );
    }
    for (const [phase, reason] of Object.entries(level.skipped ?? {})) out.push(`${phase}: SKIPPED — ${reason}`);
    for (const row of level.rows) {
      for (const side of ['cb', 'raw']) {
        if (row[side].errorSamples?.length) out.push(`errors in ${row[side].name} (${side === 'cb' ? 'cardbridge' : 'raw'}): ${row[side].errorSamples.join(' | ')}`);
      }
    }
  }
  return out.join('\n');
}

/**
 * Issue 15: the lookup rows against the floor (a bare Koa + pg server doing the same indexed lookup, measured in the
 * same slices): rates and their ratios, latency, server CPU, database CPU and statements per lookup of each.
 */
export function formatFloor(levels) {
  const header = ['phase', 'ops', 'cb/s', 'floor/s', 'raw/s', 'cb÷floor', 'floor÷raw', 'cb÷raw', 'p50 cb/floor', 'p99 cb/floor', 'p99×', 'cpu ms/op cb/floor', 'db cpu cb/floor', 'stmts cb/floor', 'bg cores cb/floor/raw'];
  const out = [];
  for (const level of levels) {
    const rows = level.rows.filter((r) => r.floor);
    if (!rows.length) continue;
    const lines = [header];
    for (const { cb, floor, raw } of rows) {
      lines.push([
        cb.name,
        String(cb.ops),
        fmt(cb.opsPerSec, 0),
        fmt(floor.opsPerSec, 0),
        fmt(raw.opsPerSec, 0),
        `${(cb.opsPerSec / floor.opsPerSec).toFixed(2)}×`,
        `${(floor.opsPerSec / raw.opsPerSec).toFixed(2)}×`,
        `${(cb.opsPerSec / raw.opsPerSec).toFixed(2)}×`,
        `${fmt(cb.p50)}/${fmt(floor.p50)}`,
        `${fmt(cb.p99)}/${fmt(floor.p99)}`,
        fmt(cb.p99 / floor.p99, 2),
        `${fmt(cb.cpuMsPerOp, 3)}/${fmt(floor.cpuMsPerOp, 3)}`,
        `${fmt(cb.dbCpuMsPerOp, 2)}/${fmt(floor.dbCpuMsPerOp, 2)}`,
        `${fmt(cb.statementsPerOp)}/${fmt(floor.statementsPerOp)}`,
        `${fmt(cb.otherCores, 2)}/${fmt(floor.otherCores, 2)}/${fmt(raw.otherCores, 2)}`,
      ]);
    }
    const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
    out.push(`\nC=${level.concurrency} — lookup path against the floor (bare Koa + pg, same lookup, same Node flags), slices raw, floor, cardbridge interleaved; cpu = server ms/op`);
    for (const [n, l] of lines.entries()) {
      out.push(l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
      if (n === 0) out.push(widths.map((w) => '-'.repeat(w)).join('  '));
    }
    for (const row of rows) if (row.floor.errorSamples?.length) out.push(`errors in ${row.floor.name} (floor): ${row.floor.errorSamples.join(' | ')}`);
  }
  return out.join('\n');
}

/** The issue's targets, each PASS, MISS, SKIPPED or NOT RUN with the measured value. */
export function evaluateTargets(levels, options) {
  const targets = [];
  const add = (name, ok, value, status) => targets.push({ name, status: status ?? (ok ? 'PASS' : 'MISS'), value });
  const byKey = (level, key) => level.rows.find((r) => r.key === key);
  const ratioTarget = (level, key, min, label) => {
    const row = byKey(level, key);
    if (row) add(`C=${level.concurrency} ${label} ≥ ${min}× raw`, ratio(row) >= min, `${ratio(row).toFixed(2)}×`);
  };
  for (const level of levels) {
    ratioTarget(level, 'create', 0.35, 'create');
    ratioTarget(level, 'lookupHit', 0.3, 'lookup hit');
    ratioTarget(level, 'lookupMiss', 0.4, 'lookup miss');
    ratioTarget(level, 'patch', 0.25, 'PATCH Replace');
    ratioTarget(level, 'members', 0.3, 'membership PATCH of 25');
    ratioTarget(level, 'list', 0.3, 'paged list');
    ratioTarget(level, 'initialCycle', 0.33, 'whole initial cycle');
    const create = byKey(level, 'create');
    if (create) add(`C=${level.concurrency} server CPU per create ≤ 4 ms`, create.cb.cpuMsPerOp <= 4, `${create.cb.cpuMsPerOp.toFixed(2)} ms (lookup miss + POST)`);
    for (const key of ['lookupHit', 'lookupMiss']) {
      const row = byKey(level, key);
      if (row) add(`C=${level.concurrency} server CPU per ${row.cb.name} ≤ 1 ms`, row.cb.cpuMsPerOp <= 1, `${row.cb.cpuMsPerOp.toFixed(2)} ms`);
    }
    const big = byKey(level, 'bigGroup')?.detail;
    if (big) {
      add(`C=${level.concurrency} large group: last 10 % of PATCHes ≤ 1.3× first 10 %`, big.cardbridge.lastOverFirst <= 1.3, `×${big.cardbridge.lastOverFirst.toFixed(2)}`);
      const same = big.addToBig.statements === big.addToSmall.statements;
      add(`C=${level.concurrency} large group: one add costs the same statements at ${big.members} members as at 5`, same, `${big.addToSmall.statements} vs ${big.addToBig.statements}`, Number.isNaN(big.addToBig.statements) ? 'SKIPPED' : undefined);
    }
    for (const key of ['graphqlOrg', 'graphqlBigOrg']) {
      const row = byKey(level, key);
      if (row) add(`C=${level.concurrency} ${row.cb.name} ≤ 5 SQL statements`, row.cb.statementsPerOp <= 5, `${row.cb.statementsPerOp.toFixed(1)}`);
    }
    if (level.skipped?.graphql) add(`C=${level.concurrency} GraphQL page ≤ 5 SQL statements`, false, level.skipped.graphql, 'SKIPPED');
    // Issue 15: the lookup path at the stack's floor.
    for (const key of ['lookupHit', 'lookupMiss']) {
      const row = byKey(level, key);
      if (!row?.floor) continue;
      const x = row.cb.opsPerSec / row.floor.opsPerSec;
      add(`C=${level.concurrency} ${row.cb.name} ≥ 0.85× the floor (issue 15)`, x >= 0.85, `${x.toFixed(2)}× (${fmt(row.cb.opsPerSec, 0)} vs ${fmt(row.floor.opsPerSec, 0)}/s)`);
      const p = row.cb.p99 / row.floor.p99;
      add(`C=${level.concurrency} p99 of ${row.cb.name} ≤ 2× the floor's (issue 15)`, p <= 2, `${p.toFixed(2)}× (${fmt(row.cb.p99)} vs ${fmt(row.floor.p99)} ms)`);
    }
    const failing = level.rows.filter((r) => r.cb.errors > 0 || r.floor?.errors > 0).map((r) => `${r.cb.name}: ${r.cb.errors}${r.floor?.errors ? ` (floor ${r.floor.errors})` : ''}`);
    add(`C=${level.concurrency} 0 errors in every phase (member counts checked)`, failing.length === 0, failing.join(', ') || '0');
  }
  const c32 = levels.find((l) => l.concurrency === 32) ?? levels.reduce((a, b) => (b.concurrency > a.concurrency ? b : a), levels[0]);
  if (c32) {
    for (const row of c32.rows.filter((r) => SCIM_KEYS.includes(r.key))) {
      const x = row.cb.p99 / row.raw.p99;
      add(`C=${c32.concurrency} p99 of ${row.cb.name} ≤ 5× raw p99`, x <= 5, `${x.toFixed(1)}× (${fmt(row.cb.p99)} vs ${fmt(row.raw.p99)} ms)`);
    }
  }
  const creates = levels.map((l) => ({ c: l.concurrency, row: byKey(l, 'create') })).filter((x) => x.row);
  if (creates.length >= 2) {
    const lo = creates.reduce((a, b) => (b.c < a.c ? b : a));
    const hi = creates.reduce((a, b) => (b.c > a.c ? b : a));
    const x = hi.row.cb.opsPerSec / lo.row.cb.opsPerSec;
    add(`create rate at C=${hi.c} ≥ 0.8× the rate at C=${lo.c} (no hot row)`, x >= 0.8, `${x.toFixed(2)}×`);
  }
  const peak = Math.max(...levels.flatMap((l) => l.rows.map((r) => r.cb.peakRssMb)).filter((v) => !Number.isNaN(v)));
  if (Number.isFinite(peak)) add('server resident memory < 300 MB throughout', peak < 300, `${peak.toFixed(0)} MB peak`);
  const bigCycle = options.users >= 100_000 && levels.some((l) => byKey(l, 'create'));
  add(
    '100,000-user initial cycle completes',
    bigCycle && levels.every((l) => (byKey(l, 'create')?.cb.errors ?? 0) === 0),
    bigCycle ? `${options.users} users` : `--users ${options.users}`,
    bigCycle ? undefined : 'NOT RUN',
  );
  return targets;
}

/** The statements that took the most database time on each side, over the whole run. */
export function formatTopStatements(top) {
  const out = [];
  for (const [side, list] of Object.entries(top)) {
    if (!list.length) continue;
    out.push(`\nTop SQL by execution time (${side}): calls, total ms, mean ms, buffers/call, rows/call`);
    for (const s of list.slice(0, 8)) out.push(`  ${String(s.calls).padStart(7)} ${String(s.totalMs).padStart(7)} ${s.meanMs.toFixed(3).padStart(8)} ${s.buffersPerCall.toFixed(0).padStart(6)} ${s.rowsPerCall.toFixed(0).padStart(5)}  ${s.query.slice(0, 140)}`);
  }
  return out.join('\n');
}

export function formatTargets(targets) {
  return ['\nTargets (issue 8; the floor, issue 15):', ...targets.map((t) => `  ${t.status.padEnd(7)} ${t.name} — ${t.value}`)].join('\n');
}

/** Rows without latency arrays, for the JSON line. */
export function jsonLevels(levels) {
  const side = ({ latencies: _l, ...rest }) => rest;
  return levels.map((l) => ({
    concurrency: l.concurrency,
    skipped: l.skipped,
    rows: l.rows.map((r) => ({
      key: r.key,
      ratio: ratio(r),
      cardbridge: side(r.cb),
      raw: side(r.raw),
      ...(r.floor ? { floorRatio: r.cb.opsPerSec / r.floor.opsPerSec, floor: side(r.floor) } : {}),
      ...(r.detail ? { detail: r.detail } : {}),
    })),
  }));
}
