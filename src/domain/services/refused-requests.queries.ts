import { asDate, run, type Queryable } from '../../db/sql/run.js';

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

interface RefusedRow {
  directory_id: string;
  minute: Date | string;
  reason: string;
  status: number;
  count: number;
  last_at: Date | string;
}

/** The latest `limit` counts of each directory (newest minute first), in one statement for any number of directories. */
export async function findRefusedRequestsByDirectoryIds(db: Queryable, directoryIds: readonly string[], limit: number): Promise<Map<string, RefusedRequestsView[]>> {
  const rows = await run<RefusedRow>(
    db,
    `select x.* from unnest($1::uuid[]) as d(id) cross join lateral (
       select r.directory_id, r.minute, r.reason, r.status, r.count, r.last_at from refused_request r
       where r.directory_id = d.id order by r.minute desc, r.reason, r.status limit $2) x`,
    [directoryIds, limit],
  );
  const byDirectory = new Map<string, RefusedRequestsView[]>(directoryIds.map((id) => [id, []]));
  for (const row of rows) {
    byDirectory.get(row.directory_id)?.push({
      directoryId: row.directory_id,
      minute: asDate(row.minute),
      reason: row.reason,
      status: row.status,
      count: row.count,
      lastAt: asDate(row.last_at),
    });
  }
  return byDirectory;
}
