#!/usr/bin/env node
// `npm run build && node bench/orm-vs-statements.js [--users 2000] [--lookups 4000] [--concurrency 8]` (issue 15): the
// users aggregate's hot paths against the ORM's own operations doing the same work, in one run, on one database
// server, in one process (no HTTP: what is compared is the data access alone).
//   lookup: the unique `userName eq` lookup (UserProvisioning.find, a named prepared statement) against
//           `em.fork().findOne(User, { directoryId, lower(user_name) })` on the same index;
//   create: the one-statement create (seat claim, user, card and event: UserProvisioning.create) against a forked
//           EntityManager doing it with its unit of work (find a free seat FOR UPDATE SKIP LOCKED, em.create user,
//           card and event, flush, claim the seat, flush, in em.transactional).
// Each pair runs interleaved in slices (A, B, A, B, …) so a machine's drift hits both alike; figures are operations
// per second at the given concurrency, p50/p99 latency, statements per operation (pg_stat_statements), and the
// ratio statement ÷ ORM. docs/domain.md cites them.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { percentiles } from './lib/load.js';
import { createDatabase, databaseUrlFor, dropDatabase, startDatabaseServer, StatementCounter } from './lib/postgres.js';
import { ROOT } from './lib/server.js';

const { values: options } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' },
    lookups: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '8' },
    slices: { type: 'string', default: '6' },
  },
});
const USERS = Number(options.users);
const LOOKUPS = Number(options.lookups);
const CONCURRENCY = Number(options.concurrency);
const SLICES = Number(options.slices);

const dist = (path) => import(`${ROOT}/dist/src/${path}`);
const { createOrm, migrate, nativePool } = await dist('db/orm.js');
const { UserProvisioning } = await dist('domain/users/users.provisioning.js');
const { User } = await dist('domain/users/user.entity.js');
const { Card } = await dist('domain/cards/card.entity.js');
const { Seat } = await dist('domain/seats/seat.entity.js');
const { ProvisioningEvent } = await dist('domain/provisioning-log/provisioning-event.entity.js');
const { cardFieldsFor, cardStatusFor } = await dist('domain/cards/card.rules.js');
const { userColumnsFor } = await dist('domain/users/users.rules.js');
const { generateCardSlug } = await dist('domain/tokens.js');
const { DomainEvents } = await dist('domain/events.js');
const { sql } = await dist('db/sql/fragment.js');
const { LockMode, raw } = await import('@mikro-orm/core');

const startedAt = performance.now();
const progress = (message) => process.stderr.write(`[orm-vs-statements ${((performance.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);

const dataDir = await mkdtemp(join(tmpdir(), 'cardbridge-orm-bench-'));
const database = await startDatabaseServer({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined });
const NAME = 'orm_vs_statements';
let orm;
try {
  await dropDatabase(database.adminUrl, NAME);
  await createDatabase(database.adminUrl, NAME);
  const url = databaseUrlFor(database.adminUrl, NAME);
  orm = await createOrm({ url, poolMax: 16 });
  await migrate(orm);
  const pool = await nativePool(orm);
  const counter = await StatementCounter.open(database.adminUrl);
  const dir = await setUp(pool);
  const provisioning = new UserProvisioning({ pool, events: new DomainEvents() });

  progress(`creating ${USERS} users each way (concurrency ${CONCURRENCY})`);
  const create = await compare(counter, {
    statement: sliceOf(USERS, (i) => provisioning.create(dir, userWrite(`stmt-${i}`), audit())),
    orm: sliceOf(USERS, (i) => ormCreate(dir, userWrite(`orm-${i}`))),
  });
  progress(`looking up ${LOOKUPS} userNames each way`);
  const names = Array.from({ length: USERS }, (_, i) => `stmt-${i}@bench.example`);
  const lookup = await compare(counter, {
    statement: sliceOf(LOOKUPS, (i) => statementLookup(provisioning, dir, names[(i * 7919) % names.length])),
    orm: sliceOf(LOOKUPS, (i) => ormLookup(dir, names[(i * 7919) % names.length])),
  });
  await counter.client.end();
  const plans = await lookupPlans(url, pool, dir, names[0], provisioning);
  report({ create, lookup }, plans);
} finally {
  await orm?.close(true);
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}

/** An organization with enough seats for both ways, and its directory's principal. */
async function setUp(pool) {
  const {
    rows: [org],
  } = await pool.query(`insert into organization (slug, name, seat_limit) values ('bench', 'Bench Inc', $1) returning id, name`, [USERS * 2 + 10]);
  await pool.query('insert into seat (organization_id) select $1 from generate_series(1, $2)', [org.id, USERS * 2 + 10]);
  await pool.query(`insert into template (organization_id, name, fields_shown, editable_fields, primary_color, accent_color) values ($1, 'Default', '[]', '[]', '#1f3a5f', '#2f80ed')`, [org.id]);
  const settings = { matchingAttribute: 'userName', invitesEnabled: false, domainAssignment: false };
  const {
    rows: [row],
  } = await pool.query(`insert into directory (organization_id, name, provider, token_hash, settings) values ($1, 'Bench', 'entra', $2, $3) returning id`, [
    org.id,
    Buffer.from(randomUUID()),
    settings,
  ]);
  return Object.freeze({ id: row.id, organizationId: org.id, organizationName: org.name, name: 'Bench', provider: 'entra', status: 'active', settings });
}

function userWrite(name) {
  const userName = `${name}@bench.example`;
  const profile = { displayName: `Person ${name}`, givenName: 'Person', familyName: name, title: 'Engineer', department: 'R&D', emails: [{ value: userName, type: 'work', primary: true }] };
  return { userName, externalId: null, active: true, attributes: { userName, active: true, displayName: profile.displayName }, profile };
}

function audit() {
  return { operation: 'create', method: 'POST', path: '/scim/entra/Users', startedAt: performance.now() };
}

/**
 * The same create through the ORM's unit of work: the manual-user check, a free seat locked with SKIP LOCKED,
 * the user, its card and its event created and flushed, then the seat claimed (its reference needs the user), in
 * one transaction on a forked EntityManager (three flushes: the user, then card and event, then the seat). The card rules' results are the same values the statement binds.
 */
async function ormCreate(dir, write) {
  const columns = userColumnsFor(write);
  const a = audit();
  await orm.em.fork().transactional(async (em) => {
    const manual = await em.count(User, { organizationId: dir.organizationId, directoryId: null, origin: 'manual', email: columns.email });
    if (manual > 0) throw new Error('unexpected manual user');
    const seat = await em.findOne(Seat, { organizationId: dir.organizationId, userId: null }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
    if (!seat) throw new Error('no seat');
    const user = em.create(User, { id: randomUUID(), organizationId: dir.organizationId, directoryId: dir.id, origin: 'directory', ...columns, inviteStatus: 'none' });
    // Card and seat refer to the user by plain id columns (the entities declare no relations): the user goes first.
    await em.flush();
    em.create(Card, {
      organizationId: dir.organizationId,
      userId: user.id,
      templateId: null,
      slug: generateCardSlug(),
      status: cardStatusFor(write.active, dir.settings.deprovisionPolicy),
      fields: cardFieldsFor(write.profile, dir.organizationName, write.userName),
      overrides: {},
    });
    em.create(ProvisioningEvent, {
      organizationId: dir.organizationId,
      directoryId: dir.id,
      operation: a.operation,
      method: a.method,
      path: a.path,
      resourceType: 'User',
      resourceId: user.id,
      outcome: 'success',
      status: 201,
      durationMs: performance.now() - a.startedAt,
    });
    await em.flush();
    seat.userId = user.id;
    seat.claimedAt = new Date();
    await em.flush();
  });
}

/** The lookup Entra sends before every write, as the port asks it (`userName eq`, the filter's compiled shape). */
async function statementLookup(provisioning, dir, userName) {
  const { items } = await provisioning.find(dir, { where: sql`(lower(u.user_name) = lower(${userName}::text) and u.user_name = ${userName}::text)`, offset: 0, limit: 100, unique: true });
  if (items.length !== 1) throw new Error(`lookup of ${userName} found ${items.length}`);
}

/** The same lookup with the ORM's own operation on a forked EntityManager, on the same (directory, lower(userName)) index. */
async function ormLookup(dir, userName) {
  const user = await orm.em.fork().findOne(User, { directoryId: dir.id, [raw('lower(user_name)')]: userName.toLowerCase(), userName });
  if (!user) throw new Error(`ORM lookup of ${userName} found none`);
}

/**
 * The statement the ORM sends for its lookup (caught by a second ORM instance that logs its queries) and the plan of
 * both lookups, so the report shows they walk the same index.
 */
async function lookupPlans(url, pool, dir, userName, provisioning) {
  const seen = [];
  const probe = await createOrm({ url, poolMax: 1, onQuery: (message) => seen.push(message) });
  try {
    await probe.em.fork().findOne(User, { directoryId: dir.id, [raw('lower(user_name)')]: userName.toLowerCase(), userName });
  } finally {
    await probe.close(true);
  }
  const logged = seen.map((m) => m.replace(/\u001b\[[0-9;]*m/g, '')).find((m) => m.includes('"app_user"')) ?? '';
  // MikroORM logs the statement with `?` placeholders, in the order of its where clause: directory, userName, lower(userName), limit.
  let n = 0;
  const ormText = logged.replace(/^\[query\] /, '').replace(/ \[took .*$/, '').replace(/\?/g, () => `$${++n}`);
  const explain = async (text, values = []) => (await pool.query(`explain ${text}`, values)).rows.map((r) => r['QUERY PLAN']).join(' / ');
  const statementText = `select u.id from app_user u where u.directory_id = $1 and ((lower(u.user_name) = lower($2::text) and u.user_name = $2::text)) limit 2`;
  void provisioning;
  return { orm: { sql: ormText, plan: await explain(ormText, [dir.id, userName, userName.toLowerCase(), 1]) }, statement: { plan: await explain(statementText, [dir.id, userName]) } };
}

/** `count` operations split into SLICES slices; slice k runs operations k·n … (k+1)·n − 1 at CONCURRENCY. */
function sliceOf(count, op) {
  const per = Math.ceil(count / SLICES);
  return (k, latencies) => runRange(k * per, Math.min(count, (k + 1) * per), op, latencies);
}

async function runRange(from, to, op, latencies) {
  let next = from;
  const worker = async () => {
    while (next < to) {
      const i = next++;
      const t = performance.now();
      await op(i);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return to - from;
}

/** Runs both ways slice by slice, interleaved, and sums their time, operations, latencies and statements. */
async function compare(counter, ways) {
  const totals = Object.fromEntries(Object.keys(ways).map((k) => [k, { ms: 0, ops: 0, statements: 0, latencies: [] }]));
  for (let k = 0; k < SLICES; k++) {
    for (const [name, slice] of Object.entries(ways)) {
      const before = await counter.count(NAME);
      const t = performance.now();
      totals[name].ops += await slice(k, totals[name].latencies);
      totals[name].ms += performance.now() - t;
      // The counter's own query is one statement of the database too.
      totals[name].statements += (await counter.count(NAME)) - before;
    }
  }
  return Object.fromEntries(
    Object.entries(totals).map(([name, t]) => {
      const { p50, p99 } = percentiles(t.latencies, [50, 99]);
      return [name, { opsPerSecond: (t.ops / t.ms) * 1000, p50, p99, statementsPerOp: t.statements / t.ops, ops: t.ops }];
    }),
  );
}

function report(results, plans) {
  const rows = [];
  const json = { concurrency: CONCURRENCY, users: USERS, lookups: LOOKUPS, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) };
  for (const [path, { statement, orm: viaOrm }] of Object.entries(results)) {
    const ratio = statement.opsPerSecond / viaOrm.opsPerSecond;
    rows.push(
      `${path.padEnd(7)} statement ${statement.opsPerSecond.toFixed(0).padStart(6)}/s p50 ${statement.p50.toFixed(2)} ms p99 ${statement.p99.toFixed(2)} ms ${statement.statementsPerOp.toFixed(2)} stmt/op` +
        ` | ORM ${viaOrm.opsPerSecond.toFixed(0).padStart(6)}/s p50 ${viaOrm.p50.toFixed(2)} ms p99 ${viaOrm.p99.toFixed(2)} ms ${viaOrm.statementsPerOp.toFixed(2)} stmt/op | statement ÷ ORM ${ratio.toFixed(2)}×`,
    );
    json[path] = { statement, orm: viaOrm, ratio };
  }
  rows.push(`ORM lookup: ${plans.orm.sql}`, `  plan: ${plans.orm.plan}`, `statement lookup plan: ${plans.statement.plan}`);
  json.plans = plans;
  process.stdout.write(`orm-vs-statements, concurrency ${CONCURRENCY}, one process, one database server (load average ${json.loadAverage.join(' ')}):\n${rows.join('\n')}\n${JSON.stringify(json)}\n`);
}
