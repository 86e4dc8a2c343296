/**
 * Requests under a directory's Tenant URL refused before they were served (bad or missing token, disabled
 * directory, rate limit, overload), counted per directory, minute, reason and status in `refused_request`: the host
 * counts them in memory (plugin-host/refused-requests.ts) and upserts the counts here; GraphQL reads them.
 */
import type { Pool } from 'pg';
import { sql, statement } from '../../db/sql/fragment.js';
import { asDate, execute, type Queryable } from '../../db/sql/run.js';

/** Requests under a directory's Tenant URL refused before they were served, counted for one minute and reason. */
export interface RefusedRequestsView {
  directoryId: string;
  /** Start of the minute (UTC) the requests arrived in. */
  minute: Date;
  /** `missing-token`, `invalid-token`, `wrong-provider`, `static-token-refused`, `directory-disabled`, `rate-limited`, `concurrency-limit`, `body-budget`. */
  reason: string;
  status: number;
  count: number;
  /** The last of them. */
  lastAt: Date;
}

/** One count the host gathered: `minute` and `lastAt` in epoch milliseconds. */
export interface RefusedCount {
  directoryId: string;
  minute: number;
  reason: string;
  status: number;
  count: number;
  lastAt: number;
}

const LATEST = statement<{ directoryIds: readonly string[]; limit: number }>(
  (p) => sql`select x.* from unnest(${p.directoryIds}::uuid[]) as d(id) cross join lateral (
       select r.directory_id as "directoryId", r.minute, r.reason, r.status, r.count, r.last_at as "lastAt" from refused_request r
       where r.directory_id = d.id order by r.minute desc, r.reason, r.status limit ${p.limit}) x`,
);

/** The latest `limit` counts of each directory (newest minute first), in one statement for any number of directories. */
export async function findRefusedRequestsByDirectoryIds(db: Queryable, directoryIds: readonly string[], limit: number): Promise<Map<string, RefusedRequestsView[]>> {
  const rows = await execute<{ directoryIds: readonly string[]; limit: number }, RefusedRequestsView & { minute: Date | string; lastAt: Date | string }>(db, LATEST, { directoryIds, limit });
  const byDirectory = new Map<string, RefusedRequestsView[]>(directoryIds.map((id) => [id, []]));
  for (const row of rows) byDirectory.get(row.directoryId)?.push({ ...row, minute: asDate(row.minute), lastAt: asDate(row.lastAt) });
  return byDirectory;
}

const ADD_COUNTS = statement<{ directoryIds: string[]; minutes: Date[]; reasons: string[]; statuses: number[]; counts: number[]; lastAts: Date[] }>(
  (p) => sql`insert into refused_request (directory_id, minute, reason, status, count, last_at)
     select x.directory_id, x.minute, x.reason, x.status, x.count, x.last_at
     from unnest(${p.directoryIds}::uuid[], ${p.minutes}::timestamptz[], ${p.reasons}::text[], ${p.statuses}::int[], ${p.counts}::int[], ${p.lastAts}::timestamptz[]) with ordinality
       as x(directory_id, minute, reason, status, count, last_at, n)
     join directory d on d.id = x.directory_id
     order by x.n
     on conflict (directory_id, minute, reason, status)
       do update set count = refused_request.count + excluded.count, last_at = greatest(refused_request.last_at, excluded.last_at)`,
);

/**
 * Adds counts in one statement (`count = count + excluded.count`), in the order given (callers sort them the same
 * way on every instance, so two instances upserting the same rows wait for each other, never deadlock). Only
 * directories that exist get rows: a made-up id in a path writes nothing. Throws pg's own error (the caller tells an
 * outage from a refusal).
 */
export async function addRefusedCounts(pool: Pool, counts: readonly RefusedCount[]): Promise<void> {
  const col = <K extends keyof RefusedCount>(key: K) => counts.map((b) => b[key]);
  await pool.query(ADD_COUNTS.text, ADD_COUNTS.values({
    directoryIds: col('directoryId'),
    minutes: col('minute').map((m) => new Date(m)),
    reasons: col('reason'),
    statuses: col('status'),
    counts: col('count'),
    lastAts: col('lastAt').map((t) => new Date(t)),
  }));
}
