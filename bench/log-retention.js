#!/usr/bin/env node
// `npm run build && node bench/log-retention.js [--events 1000000,10000000] [--writers 4] [--seconds 20]` (issue 14):
// the provisioning log at millions of events. For each size, on a fresh database behind the built server: the log
// query's shapes over GraphQL (and the same statement in-process) as ratios to a primary-key lookup measured in the
// same run, then the retention job (90 days, sent to the server's own pg-boss worker like a schedule occurrence)
// while SCIM PATCHes of the pruned directory go on: rows deleted per second, and the PATCHes' p50/p99 during the
// pass against the same PATCHes without it. Events are loaded with SQL (generate_series), 180 days of them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { createUserBody, replacePatch } from './lib/entra.js';
import { HttpClient, percentiles, runRange } from './lib/load.js';
import { createDatabase, databaseUrlFor, dropDatabase, startDatabaseServer } from './lib/postgres.js';
import { cardbridgeEnv, freePort, ROOT, startServer } from './lib/server.js';
import { adminJwt, createDirectory } from './lib/setup.js';

const { values: options } = parseArgs({
  options: { events: { type: 'string', default: '1000000,10000000' }, writers: { type: 'string', default: '4' }, seconds: { type: 'string', default: '20' } },
});
const SIZES = options.events.split(',').map(Number);
const WRITERS = Number(options.writers);
const SECONDS = Number(options.seconds);
const USERS = 400;
const SAMPLES = 30;
const { findProvisioningEventsPage } = await import(`${ROOT}/dist/src/domain/provisioning-log/provisioning-events.queries.js`);

const startedAt = performance.now();
const progress = (message) => process.stderr.write(`[log-retention ${((performance.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
const dataDir = await mkdtemp(join(tmpdir(), 'cardbridge-log-bench-'));
const database = await startDatabaseServer({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined });
const results = [];
try {
  for (const size of SIZES) results.push(await runSize(size));
} finally {
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
printReport(results);

async function runSize(size) {
  const name = `log_bench_${size}`;
  await dropDatabase(database.adminUrl, name);
  await createDatabase(database.adminUrl, name);
  const url = databaseUrlFor(database.adminUrl, name);
  const port = await freePort();
  // The schedule never fires during the run: the bench sends the job itself.
  const env = { ...cardbridgeEnv({ databaseUrl: url, dataDir, port, jwtSecret: 'log-bench-secret-log-bench-secret-0123456789' }), PROVISIONING_LOG_PRUNE_CRON: '0 0 1 1 *', JOBS_POLL_INTERVAL_SECONDS: '0.5' };
  const server = await startServer({ env, logFile: join(dataDir, `server-${size}.log`) });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', supervise: false, schedule: false, migrate: false, max: 2 });
  boss.on('error', () => {});
  try {
    progress(`${size.toLocaleString('en-US')} events: directories and ${USERS} users`);
    const big = await createDirectory(env, { org: 'log-a', name: 'Big', seats: USERS + 10 });
    const small = await createDirectory(env, { org: 'log-a', name: 'Small', seats: 10 });
    const other = await createDirectory(env, { org: 'log-b', name: 'Other', seats: 10 });
    const token = await adminJwt(env, 'log-a');
    const scim = new HttpClient(server.url, WRITERS, { authorization: `Bearer ${big.secretToken}`, accept: 'application/scim+json' });
    const userIds = [];
    await runRange(0, USERS, WRITERS, async (i) => userIds.push((await scim.request('POST', `${big.base}/Users`, { body: createUserBody('log', i), expect: [201] })).body.id), []);

    progress(`loading ${size.toLocaleString('en-US')} events`);
    const load = await loadEvents(pool, { size, big, small, other });
    progress(`loaded in ${(load.ms / 1000).toFixed(0)} s (table and indexes ${load.sizeMb} MB)`);

    progress('log query');
    const graphql = new HttpClient(server.url, 1, { authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const queries = await measureQueries({ pool, graphql, organizationId: big.organization.id, bigId: big.directoryId, smallId: small.directoryId });

    progress(`SCIM PATCH × ${WRITERS} for ${SECONDS} s without pruning`);
    const until = performance.now() + SECONDS * 1000;
    const alone = await patchFor(scim, big.base, userIds, () => performance.now() < until);

    progress('retention pass (90 days) with the same PATCHes');
    await boss.start();
    const before = Number((await pool.query('select count(*) from provisioning_event')).rows[0].count);
    const jobId = await boss.send('log-retention', {});
    let job;
    const during = await patchFor(scim, big.base, userIds, () => job?.state !== 'completed' && job?.state !== 'failed', async () => {
      job = await boss.getJobById('log-retention', jobId);
    });
    if (job.state !== 'completed') throw new Error(`retention job ${job.state}: ${JSON.stringify(job.output)}`);
    const after = Number((await pool.query('select count(*) from provisioning_event')).rows[0].count);
    const passMs = job.completedOn.getTime() - job.startedOn.getTime();
    const inPass = during.samples.filter((s) => s.at >= job.startedOn.getTime() && s.at <= job.completedOn.getTime()).map((s) => s.ms);
    await scim.close();
    await graphql.close();
    return {
      size,
      load,
      queries,
      prune: { deleted: job.output.events, before, after, passMs, rowsPerSecond: Math.round(job.output.events / (passMs / 1000)), complete: job.output.complete },
      writes: { alone: { ...percentiles(alone.samples.map((s) => s.ms)), count: alone.samples.length, errors: alone.errors }, during: { ...percentiles(inPass), count: inPass.length, errors: during.errors } },
    };
  } finally {
    await boss.stop({ graceful: false }).catch(() => {});
    await pool.end();
    await server.stop();
  }
}

/**
 * `size` events over 180 days (ids in time order): 70 % the big directory, 20 % the small one (same organization),
 * 10 % another organization; 1 % failures; 2 % group writes. Indexes are dropped for the load and built again after,
 * as a bulk load would; then VACUUM ANALYZE, as autovacuum would leave a settled table.
 */
async function loadEvents(pool, { size, big, small, other }) {
  const started = performance.now();
  const { rows: indexes } = await pool.query(`select indexname, indexdef from pg_indexes where tablename = 'provisioning_event' and indexname <> 'provisioning_event_pkey'`);
  for (const index of indexes) await pool.query(`drop index ${index.indexname}`);
  const chunk = 1_000_000;
  for (let from = 0; from < size; from += chunk) {
    await pool.query(
      `insert into provisioning_event (organization_id, directory_id, occurred_at, request_id, operation, method, path, resource_type, resource_id, outcome, status, duration_ms)
       select case when g % 10 < 9 then $1::uuid else $2::uuid end,
              case when g % 10 < 7 then $3::uuid when g % 10 < 9 then $4::uuid else $5::uuid end,
              now() - interval '180 days' + (g::float8 / $7) * interval '180 days', md5(g::text),
              case when g % 50 = 3 then 'patch' else 'update' end, 'PATCH', '/Users/' || g,
              case when g % 50 = 3 then 'Group' else 'User' end, md5((g % 20000)::text)::uuid::text,
              case when g % 100 = 7 then 'failure' else 'success' end, case when g % 100 = 7 then 400 else 200 end, 3
       from generate_series($6::bigint, least($6::bigint + ${chunk - 1}, $7::bigint)) g`,
      [big.organization.id, other.organization.id, big.directoryId, small.directoryId, other.directoryId, from + 1, size],
    );
    progress(`  ${Math.min(from + chunk, size).toLocaleString('en-US')} rows`);
  }
  for (const index of indexes) await pool.query(index.indexdef);
  await pool.query('vacuum analyze provisioning_event');
  const { rows } = await pool.query(`select pg_total_relation_size('provisioning_event') as bytes`);
  return { ms: Math.round(performance.now() - started), sizeMb: Math.round(Number(rows[0].bytes) / 1048576) };
}

/** Median and p95 of `fn` over SAMPLES runs after 3 warm-ups (one at a time). */
async function time(fn) {
  for (let i = 0; i < 3; i++) await fn();
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  const { p50, p95 } = percentiles(samples, [50, 95]);
  return { p50, p95 };
}

async function measureQueries({ pool, graphql, organizationId, bigId, smallId }) {
  const { rows } = await pool.query(`select id::text as id, occurred_at::text as at from provisioning_event where directory_id = $1 and occurred_at < now() - interval '60 days' order by occurred_at desc, id desc limit 1`, [bigId]);
  const deep = Buffer.from(JSON.stringify(['events', rows[0].at, rows[0].id])).toString('base64url');
  const since = new Date(Date.now() - 100 * 86_400_000);
  const window = { since: since.toISOString(), until: new Date(since.getTime() + 86_400_000).toISOString() };
  const shapes = [
    ['organization, first page', {}, null],
    ['organization, page 60 days back', {}, deep],
    ['directory', { directoryId: smallId }, null],
    ['failures', { outcome: 'FAILURE' }, null],
    ['failures of a directory', { outcome: 'FAILURE', directoryId: smallId }, null],
    ['one day, 100 days ago', window, null],
  ];
  const gql = async (query, variables) => {
    const { body } = await graphql.request('POST', '/graphql', { body: { query, variables } });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const PAGE = 'query($f: ProvisioningEventFilterInput, $a: String) { provisioningEvents(first: 50, filter: $f, after: $a) { edges { node { id occurredAt operation status outcome } } pageInfo { endCursor } } }';
  const COUNTED = PAGE.replace('{ edges', '{ totalCount edges');
  const out = {
    baseline: {
      graphql: await time(() => gql('query($id: ID!) { directory(id: $id) { id name } }', { id: bigId })),
      sql: await time(() => pool.query('select * from provisioning_event where id = $1', [1 + Math.floor(Math.random() * 1000)])),
    },
    shapes: [],
  };
  const toDomain = (filter) => ({ ...filter, outcome: filter.outcome?.toLowerCase(), since: filter.since && new Date(filter.since), until: filter.until && new Date(filter.until) });
  for (const [label, filter, after] of shapes) {
    const cursor = after ? { key: rows[0].at, id: rows[0].id } : undefined;
    out.shapes.push({
      label,
      graphql: await time(() => gql(PAGE, { f: filter, a: after })),
      sql: await time(() => findProvisioningEventsPage(pool, organizationId, { filter: toDomain(filter), first: 50, after: cursor, withTotal: false })),
    });
  }
  for (const [label, filter] of [['failures with totalCount', { outcome: 'FAILURE' }], ['directory with totalCount', { directoryId: smallId }], ['organization with totalCount', {}]]) {
    out.shapes.push({
      label,
      graphql: await time(() => gql(COUNTED, { f: filter })),
      sql: await time(() => findProvisioningEventsPage(pool, organizationId, { filter: toDomain(filter), first: 50, withTotal: true })),
    });
  }
  return out;
}

/** PATCHes (Entra's incremental shape) of the big directory's users by WRITERS workers while `going()`. */
async function patchFor(scim, base, userIds, going, poll) {
  const samples = [];
  let errors = 0;
  let k = 0;
  const worker = async () => {
    while (going()) {
      const i = k++;
      const started = performance.now();
      try {
        await scim.request('PATCH', `${base}/Users/${userIds[i % userIds.length]}`, { body: replacePatch(i).body, expect: [200, 204] });
        samples.push({ at: Date.now(), ms: performance.now() - started });
      } catch {
        errors += 1;
      }
    }
  };
  const poller = poll
    ? (async () => {
        while (going()) {
          await poll();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })()
    : Promise.resolve();
  if (poll) await poll();
  await Promise.all([...Array.from({ length: WRITERS }, worker), poller]);
  return { samples, errors };
}

function printReport(all) {
  const f = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(7);
  for (const r of all) {
    const { baseline } = r.queries;
    console.log(`\n${r.size.toLocaleString('en-US')} events (loaded in ${(r.load.ms / 1000).toFixed(0)} s, ${r.load.sizeMb} MB with indexes)`);
    console.log(`baseline, primary-key lookup: GraphQL directory(id) p50 ${f(baseline.graphql.p50)} ms; SQL event by id p50 ${f(baseline.sql.p50)} ms`);
    console.log(`${'log query (first: 50)'.padEnd(34)} ${'GraphQL p50'.padStart(11)} ${'p95'.padStart(7)} ${'× base'.padStart(7)}   ${'SQL p50'.padStart(7)} ${'p95'.padStart(7)} ${'× base'.padStart(7)}`);
    for (const s of r.queries.shapes) {
      console.log(
        `${s.label.padEnd(34)} ${f(s.graphql.p50).padStart(11)} ${f(s.graphql.p95)} ${(s.graphql.p50 / baseline.graphql.p50).toFixed(1).padStart(7)}   ${f(s.sql.p50)} ${f(s.sql.p95)} ${(s.sql.p50 / baseline.sql.p50).toFixed(1).padStart(7)}`,
      );
    }
    const { prune, writes } = r;
    console.log(
      `retention pass: ${prune.deleted.toLocaleString('en-US')} of ${prune.before.toLocaleString('en-US')} events deleted in ${(prune.passMs / 1000).toFixed(1)} s = ${prune.rowsPerSecond.toLocaleString('en-US')} rows/s (complete: ${prune.complete})`,
    );
    console.log(
      `SCIM PATCH × ${WRITERS}: without pruning p50 ${f(writes.alone.p50)} p99 ${f(writes.alone.p99)} ms (${writes.alone.count}, ${writes.alone.errors} errors); during the pass p50 ${f(writes.during.p50)} p99 ${f(writes.during.p99)} ms (${writes.during.count}, ${writes.during.errors} errors); p99 ratio ${(writes.during.p99 / writes.alone.p99).toFixed(2)}`,
    );
  }
  console.log(JSON.stringify({ bench: 'log-retention', writers: WRITERS, results: all }));
}
