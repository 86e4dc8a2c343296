// Benchmark harness (issue 8): lookups (hit and miss), the incremental cycle (PATCH Replace) and the paged list.
import { replacePatch, userFilterQuery, userName } from './entra.js';
import { OpError, shuffled } from './load.js';
import { measurePair } from './measure.js';
import { q } from './raw.js';

const missingName = (prefix, i) => `${prefix}.absent${String(i).padStart(6, '0')}@bench.example.com`;

/**
 * Phase `lookup`: `userName eq` over all users in random order (hits), and as many names that do not exist; with
 * the floor running (issue 15), the same lookups through it, interleaved with raw and cardbridge.
 */
export async function lookupPhase(level) {
  const { raw, cb, floor, users, concurrency, prefix } = level;
  const order = shuffled(Array.from({ length: users }, (_, i) => i), 11);
  const rows = [];
  for (const hit of [true, false]) {
    const nameOf = (k) => (hit ? userName(prefix, order[k]) : missingName(prefix, order[k]));
    const expected = hit ? 1 : 0;
    const label = hit ? 'lookup hit' : 'lookup miss';
    const pair = await measurePair({
      name: label,
      count: users,
      concurrency,
      raw: {
        side: raw.side,
        op: async (k) => {
          const { rows: found } = await q(raw.pool, 'lookupUser', [raw.directoryId, nameOf(k)]);
          if (found.length !== expected) throw new Error(`raw lookup found ${found.length}, expected ${expected}`);
        },
      },
      cb: {
        side: cb.side,
        op: async (k) => {
          const { body } = await cb.http.request('GET', `${cb.base}/Users?${userFilterQuery(nameOf(k))}`);
          if (body.totalResults !== expected) throw new OpError('lookup', `${label}: totalResults ${body.totalResults}, expected ${expected}`);
        },
      },
      floor: floor && {
        side: floor.side,
        op: async (k) => {
          const { body } = await floor.http.request('GET', `${floor.base}/Users?${userFilterQuery(nameOf(k))}`);
          if (body.totalResults !== expected) throw new OpError('lookup', `floor ${label}: totalResults ${body.totalResults}, expected ${expected}`);
        },
      },
    });
    // The size of one answer on each side (same user): the floor's and cardbridge's bodies should be alike.
    const responseBytes = floor && {
      cb: (await cb.http.request('GET', `${cb.base}/Users?${userFilterQuery(nameOf(0))}`)).bytes,
      floor: (await floor.http.request('GET', `${floor.base}/Users?${userFilterQuery(nameOf(0))}`)).bytes,
    };
    if (responseBytes) process.stderr.write(`[bench] C=${concurrency} ${label}: response body ${responseBytes.cb} bytes (cardbridge), ${responseBytes.floor} bytes (floor)\n`);
    rows.push({ key: hit ? 'lookupHit' : 'lookupMiss', ...pair, ...(responseBytes ? { responseBytes } : {}) });
  }
  return rows;
}

/** Phase `patch`: one `PATCH` Replace of 1–3 attributes per user, users in random order. */
export async function patchPhase(level) {
  const { raw, cb, users, concurrency } = level;
  const order = shuffled(Array.from({ length: users }, (_, i) => i), 13);
  const pair = await measurePair({
    name: 'PATCH Replace 1–3',
    count: users,
    concurrency,
    raw: {
      side: raw.side,
      op: async (k) => {
        const { columns } = replacePatch(k);
        const merge = { title: columns.title, ...(columns.phone ? { phoneNumbers: [{ type: 'work', value: columns.phone }] } : {}) };
        const { rowCount } = await q(raw.pool, 'patchUser', [raw.userIds[order[k]], raw.directoryId, columns.title, columns.department, merge]);
        if (rowCount !== 1) throw new Error('raw PATCH updated no row');
      },
    },
    cb: {
      side: cb.side,
      op: (k) => cb.http.request('PATCH', `${cb.base}/Users/${cb.userIds[order[k]]}`, { body: replacePatch(k).body, expect: [200] }),
    },
  });
  return [{ key: 'patch', ...pair }];
}

/**
 * Phase `list`: `GET /Users?startIndex=…&count=100` over every page, repeated until at least 200 pages were read
 * (a 2,000-user directory has only 20 pages: too few for a rate at 32 in flight).
 */
export async function listPhase(level) {
  const { raw, cb, users, concurrency } = level;
  const pages = Math.ceil(users / 100);
  const total = pages * Math.max(1, Math.ceil(200 / pages));
  // Count what the create phase really made, so one failed create shows up there and not on every page.
  const created = cb.userIds.filter(Boolean).length;
  const pair = await measurePair({
    name: 'page of 100',
    count: total,
    concurrency,
    raw: {
      side: raw.side,
      op: async (k) => {
        const { rows } = await q(raw.pool, 'pageUsers', [raw.directoryId, (k % pages) * 100, 100]);
        if (!rows.length) throw new Error('raw page is empty');
      },
    },
    cb: {
      side: cb.side,
      op: async (k) => {
        const startIndex = (k % pages) * 100 + 1;
        const { body } = await cb.http.request('GET', `${cb.base}/Users?startIndex=${startIndex}&count=100`);
        const expected = Math.max(0, Math.min(100, created - startIndex + 1));
        if (body.Resources?.length !== expected || body.totalResults !== created) {
          throw new OpError('page', `page at ${startIndex}: ${body.Resources?.length} resources of totalResults ${body.totalResults}, expected ${expected} of ${created}`);
        }
      },
    },
  });
  return [{ key: 'list', ...pair }];
}
