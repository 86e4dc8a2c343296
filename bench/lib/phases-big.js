// Benchmark harness (issue 8): the large group — grown 25 members per PATCH to --big-group members, first 10 %
// against last 10 % of the PATCHes, then single adds and removes on the full group against a 5-member group.
import { createGroupBody, membersPatch } from './entra.js';
import { median } from './load.js';
import { measurePair } from './measure.js';
import { q, rawCreateGroup } from './raw.js';
import { statementDelta } from './postgres.js';

/** Extra users beyond the big group: five start the small group, five are added and removed one at a time. */
export const BIG_EXTRA_USERS = 10;
const SINGLE_CHANGES = 10;

/**
 * Inserts `count` directory users with their cards and seats straight into a cardbridge-schema database (both the
 * server's and the baseline's): setup for the large group and the GraphQL page of a big organization, not a
 * measurement. Returns the user ids ordered by userName.
 */
export async function seedDirectoryUsers(pool, { organizationId, directoryId, count }) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `with u as (
         insert into app_user (organization_id, directory_id, origin, user_name, external_id, active, email, display_name, given_name,
           family_name, title, department, attributes)
         select $1, $2, 'directory', n.name, 'big-ext-' || g, true, n.name, 'Big User ' || g, 'Big', 'User ' || g, 'Engineer', 'Sales',
           jsonb_build_object('userName', n.name, 'displayName', 'Big User ' || g, 'title', 'Engineer',
             'emails', jsonb_build_array(jsonb_build_object('value', n.name, 'type', 'work', 'primary', true)))
         from generate_series(1, $3::int) g, lateral (select format('big.user%s@bench.example.com', lpad(g::text, 7, '0')) as name) n
         returning id, display_name, email)
       insert into card (organization_id, user_id, slug, fields)
       select $1, u.id, replace(gen_random_uuid()::text, '-', ''), jsonb_build_object('displayName', u.display_name, 'emails', jsonb_build_array(jsonb_build_object('value', u.email)))
       from u`,
      [organizationId, directoryId, count],
    );
    // Pair free seats with the new users in JS and claim them with one update over unnest (no join to plan
    // on tables whose statistics are still empty).
    const { rows: free } = await client.query('select id from seat where organization_id = $1 and user_id is null order by id', [organizationId]);
    const { rows: holders } = await client.query(
      'select u.id from app_user u where u.organization_id = $1 and not exists (select 1 from seat t where t.user_id = u.id) order by u.id',
      [organizationId],
    );
    const n = Math.min(free.length, holders.length);
    await client.query(
      `update seat s set user_id = x.user_id, claimed_at = now()
       from unnest($1::bigint[], $2::uuid[]) as x(seat_id, user_id) where s.id = x.seat_id`,
      [free.slice(0, n).map((r) => r.id), holders.slice(0, n).map((r) => r.id)],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  const { rows } = await pool.query('select id from app_user where directory_id = $1 order by user_name', [directoryId]);
  return rows.map((r) => r.id);
}

const slice = (latencies, from, to) => Float64Array.from(latencies.subarray(from, to));

/** One membership PATCH on cardbridge, with its statement count and latency. */
async function singleChange(level, big, groupId, op, userId) {
  const before = await level.counter.snapshot(level.cb.database);
  const start = performance.now();
  await big.cb.http.request('PATCH', `${big.cb.base}/Groups/${groupId}`, { body: membersPatch(op, [userId]), expect: [200, 204] });
  const ms = performance.now() - start;
  const statements = statementDelta(before, await level.counter.snapshot(level.cb.database));
  return { ms, count: level.counter.available ? statements.reduce((n, s) => n + s.calls, 0) : NaN, statements };
}

/** Phase `biggroup` at one concurrency level. */
export async function bigGroupPhase(level, big) {
  const { raw, cb, concurrency: c, prefix } = level;
  const size = big.size;
  const batches = Math.ceil(size / 25);
  const members = (ids, k) => ids.slice(k * 25, Math.min(size, k * 25 + 25));
  const rawSide = { pool: raw.pool, organizationId: big.raw.organizationId, directoryId: big.raw.directoryId };
  const rawGroup = await rawCreateGroup(rawSide, createGroupBody(`${prefix}-big`, 0));
  const created = await big.cb.http.request('POST', `${big.cb.base}/Groups`, { body: createGroupBody(`${prefix}-big`, 0), expect: [201] });
  const group = created.body.id;
  const { raw: rawRow, cb: cbRow } = await measurePair({
    name: `big group PATCH 25 (→${size})`,
    count: batches,
    concurrency: c,
    raw: { side: raw.side, op: (k) => q(raw.pool, 'addMembers', [rawGroup, members(big.raw.userIds, k)]) },
    cb: {
      side: cb.side,
      op: (k) => big.cb.http.request('PATCH', `${big.cb.base}/Groups/${group}`, { body: membersPatch('Add', members(big.cb.userIds, k)), expect: [200, 204] }),
    },
  });
  const tenth = Math.max(1, Math.floor(batches / 10));
  const firstLast = (row) => {
    const first = median(slice(row.latencies, 0, tenth));
    const last = median(slice(row.latencies, batches - tenth, batches));
    return { firstMs: first, lastMs: last, lastOverFirst: last / first };
  };
  const { rows } = await cb.db.query('select count(*)::int as n from group_member where group_id = $1', [group]);
  if (rows[0].n !== size) {
    cbRow.errors += 1;
    cbRow.errorSamples.push(`the large group has ${rows[0].n} members after the PATCHes, expected ${size} (members lost)`);
  }

  // Single changes, one at a time: a 5-member group against the full group, the same users added and removed.
  const extras = big.cb.userIds.slice(size, size + BIG_EXTRA_USERS);
  const smallBody = { ...createGroupBody(`${prefix}-small`, 0), members: extras.slice(0, 5).map((value) => ({ value })) };
  const small = (await big.cb.http.request('POST', `${big.cb.base}/Groups`, { body: smallBody, expect: [201] })).body.id;
  await new Promise((resolve) => setTimeout(resolve, 400));
  const single = { big: { add: [], remove: [] }, small: { add: [], remove: [] } };
  for (let k = 0; k < SINGLE_CHANGES; k++) {
    const user = extras[5 + (k % 5)];
    for (const [target, id] of [['big', group], ['small', small]]) {
      single[target].add.push(await singleChange(level, big, id, 'Add', user));
      single[target].remove.push(await singleChange(level, big, id, 'Remove', user));
    }
  }
  const rawSingle = [];
  for (let k = 0; k < SINGLE_CHANGES; k++) {
    const user = big.raw.userIds[size + 5 + (k % 5)];
    const start = performance.now();
    await q(raw.pool, 'addMembers', [rawGroup, [user]]);
    await q(raw.pool, 'removeMembers', [rawGroup, [user]]);
    rawSingle.push((performance.now() - start) / 2);
  }
  const summarize = (list) => ({
    medianMs: median(Float64Array.from(list.map((x) => x.ms))),
    // The fewest statements seen: anything above it was background work that happened to overlap.
    statements: Math.min(...list.map((x) => x.count)),
    statementsMax: Math.max(...list.map((x) => x.count)),
    detail: list.reduce((a, b) => (b.count < a.count ? b : a)).statements,
  });
  const detail = {
    cardbridge: firstLast(cbRow),
    raw: firstLast(rawRow),
    members: rows[0].n,
    addToBig: summarize(single.big.add),
    addToSmall: summarize(single.small.add),
    removeFromBig: summarize(single.big.remove),
    removeFromSmall: summarize(single.small.remove),
    rawSingleChangeMs: median(Float64Array.from(rawSingle)),
  };
  return [{ key: 'bigGroup', raw: rawRow, cb: cbRow, detail }];
}
