// Benchmark harness (issue 8): the initial cycle — users (lookup miss + create) and groups (lookup miss + create,
// then members 25 per PATCH, many groups in parallel, groups sharing members), raw baseline first.
import { createGroupBody, createUserBody, groupFilterQuery, groupName, membersPatch, userFilterQuery, userName } from './entra.js';
import { OpError, shuffled } from './load.js';
import { measurePair } from './measure.js';
import { q, rawCreateGroup, rawCreateUser } from './raw.js';

/** User i's manager: user ⌊i/8⌋ when it already exists (a management tree, provisioned top-down like Entra). */
const managerOf = (ids, i) => (i > 0 ? ids[Math.floor(i / 8)] : undefined);

/** Phase `create`: per user, `GET /Users?filter=userName eq` (a miss) then `POST /Users`. */
export async function createPhase(level) {
  const { raw, cb, users, concurrency, prefix } = level;
  const pair = await measurePair({
    name: 'create (miss+POST)',
    count: users,
    concurrency,
    raw: {
      side: raw.side,
      op: async (i) => {
        raw.userIds[i] = await rawCreateUser(raw, i, managerOf(raw.userIds, i));
      },
    },
    cb: {
      side: cb.side,
      op: async (i) => {
        const miss = await cb.http.request('GET', `${cb.base}/Users?${userFilterQuery(userName(prefix, i))}`);
        if (miss.body.totalResults !== 0) throw new OpError('lookup hit', `lookup of a new user answered totalResults ${miss.body.totalResults}`);
        const created = await cb.http.request('POST', `${cb.base}/Users`, { body: createUserBody(prefix, i, managerOf(cb.userIds, i)), expect: [201] });
        cb.userIds[i] = created.body.id;
      },
    },
  });
  return [{ key: 'create', ...pair }];
}

/**
 * The membership plan: group g holds users g·stride … g·stride+size-1 (wrapping), so neighbouring groups share
 * members; every group is filled 25 per PATCH and all batches of all groups run shuffled together, so several
 * groups — and several PATCHes of one group — are in flight at once.
 */
function membershipPlan(users, groups) {
  // A fifth of the users per group, at most 500 (Entra tenants have many groups of tens to hundreds): the
  // membership work grows linearly with the directory, not with its square.
  const size = Math.min(users, Math.max(25, Math.min(500, Math.ceil(users / 5))));
  const stride = Math.max(1, Math.floor(users / groups));
  const batches = [];
  for (let g = 0; g < groups; g++) {
    const members = Array.from({ length: size }, (_, j) => (g * stride + j) % users);
    for (let k = 0; k < members.length; k += 25) batches.push({ group: g, members: members.slice(k, k + 25) });
  }
  return { size, batches: shuffled(batches, 7) };
}

/** Member counts per group from the database; mismatches become errors of the membership row. */
async function checkMembers(pool, groupIds, expected, row) {
  const { rows } = await pool.query('select group_id, count(*)::int as n from group_member where group_id = any($1::uuid[]) group by group_id', [groupIds]);
  const counts = new Map(rows.map((r) => [r.group_id, r.n]));
  for (const id of groupIds) {
    const n = counts.get(id) ?? 0;
    if (n !== expected) {
      row.errors += 1;
      if (row.errorSamples.length < 3) row.errorSamples.push(`group ${id} has ${n} members after the cycle, expected ${expected} (members lost)`);
    }
  }
}

/** Phase `groups`: group lookups and creates, then membership PATCHes; checks every final member count. */
export async function groupsPhase(level) {
  const { raw, cb, groups, concurrency, prefix } = level;
  const creates = await measurePair({
    name: 'group create (miss+POST)',
    count: groups,
    concurrency,
    raw: {
      side: raw.side,
      op: async (g) => {
        raw.groupIds[g] = await rawCreateGroup(raw, createGroupBody(prefix, g));
      },
    },
    cb: {
      side: cb.side,
      op: async (g) => {
        const miss = await cb.http.request('GET', `${cb.base}/Groups?${groupFilterQuery(groupName(prefix, g))}`);
        if (miss.body.totalResults !== 0) throw new OpError('group lookup hit', `group lookup answered totalResults ${miss.body.totalResults}`);
        const created = await cb.http.request('POST', `${cb.base}/Groups`, { body: createGroupBody(prefix, g), expect: [201] });
        cb.groupIds[g] = created.body.id;
      },
    },
  });
  const plan = membershipPlan(level.users, groups);
  const members = await measurePair({
    name: 'members PATCH (25 Add)',
    count: plan.batches.length,
    concurrency,
    raw: {
      side: raw.side,
      op: async (b) => {
        const { group, members: users } = plan.batches[b];
        await q(raw.pool, 'addMembers', [raw.groupIds[group], users.map((i) => raw.userIds[i])]);
      },
    },
    cb: {
      side: cb.side,
      op: async (b) => {
        const { group, members: users } = plan.batches[b];
        await cb.http.request('PATCH', `${cb.base}/Groups/${cb.groupIds[group]}`, { body: membersPatch('Add', users.map((i) => cb.userIds[i])), expect: [200, 204] });
      },
    },
  });
  await checkMembers(raw.pool, raw.groupIds.filter(Boolean), plan.size, members.raw);
  await checkMembers(cb.db, cb.groupIds.filter(Boolean), plan.size, members.cb);
  return [
    { key: 'groupCreate', ...creates },
    { key: 'members', ...members },
  ];
}
