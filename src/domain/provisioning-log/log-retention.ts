import type { Pool } from 'pg';
import { raw, sql, statement } from '../../db/sql/fragment.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { provisioningEvents } from './provisioning-event.table.js';

/** How long a directory's log is kept: days and newest events (0 = no limit of that kind). */
export interface RetentionPolicy {
  days: number;
  maxEvents: number;
}

/** A directory whose log the pruning job trims, with the policy that applies to it. */
export interface DirectoryRetention extends RetentionPolicy {
  directoryId: string;
}

/** A position in the log's order `(occurred_at, id)`, both as the database prints them (no precision lost). */
export interface LogPosition {
  at: string;
  id: string;
}

/** Before every event: where a directory's pruning starts. */
export const LOG_START: LogPosition = { at: '-infinity', id: '0' };

/** The policy that applies: the directory's own setting, else the instance default (PROVISIONING_LOG_RETENTION_*). */
export function effectiveRetention(settings: { retentionDays?: number | null; retentionMaxEvents?: number | null }, defaults: RetentionPolicy): RetentionPolicy {
  return { days: settings.retentionDays ?? defaults.days, maxEvents: settings.retentionMaxEvents ?? defaults.maxEvents };
}

const WITH_RETENTION = statement<{ days: number; maxEvents: number }>(
  (p) => sql`select id as "directoryId", days, max_events as "maxEvents" from (
       select d.id, coalesce((d.settings->>'retentionDays')::int, ${p.days}::int) as days, coalesce((d.settings->>'retentionMaxEvents')::int, ${p.maxEvents}::int) as max_events
       from directory d) x
     where days > 0 or max_events > 0 order by id`,
);

/** Every directory with a limit, in id order (a pass cut short by its time budget starts again at the first). */
export async function directoriesWithRetention(db: Queryable, defaults: RetentionPolicy): Promise<DirectoryRetention[]> {
  return await execute<RetentionPolicy, DirectoryRetention>(db, WITH_RETENTION, defaults);
}

const CUT = statement<DirectoryRetention>(
  (p) => sql`select c.at::text as at, c.id::text as id from (
       select now() - make_interval(days => ${p.days}::int) as at, 0::bigint as id where ${p.days}::int > 0
       union all
       select * from (select e.occurred_at, e.id + 1 from ${raw(provisioningEvents.from)} where e.directory_id = ${p.directoryId} and ${p.maxEvents}::int > 0
                      order by e.occurred_at desc, e.id desc offset ${p.maxEvents}::int limit 1) beyond
     ) c order by c.at desc, c.id desc limit 1`,
);

/**
 * Where the directory's log is cut: every event before this position goes. The later of the age cut (now − days)
 * and the count cut (just after the newest event beyond the `maxEvents` newest, found by skipping that many entries
 * of `provisioning_event_directory_time_idx`, an index-only walk). Null when nothing is to go.
 */
export async function retentionCut(db: Queryable, policy: DirectoryRetention): Promise<LogPosition | null> {
  const rows = await execute<DirectoryRetention, LogPosition>(db, CUT, policy);
  return rows[0] ?? null;
}

const DELETE_BATCH = statement<{ directoryId: string; afterAt: string; afterId: string; cutAt: string; cutId: string; limit: number }>(
  (p) => sql`with doomed as (
       select e.id, e.occurred_at from ${raw(provisioningEvents.from)}
       where e.directory_id = ${p.directoryId} and (e.occurred_at, e.id) > (${p.afterAt}::timestamptz, ${p.afterId}::bigint)
         and (e.occurred_at, e.id) < (${p.cutAt}::timestamptz, ${p.cutId}::bigint)
       order by e.occurred_at, e.id limit ${p.limit}
     ), deleted as (
       delete from ${raw(provisioningEvents.from)} where e.id = any(array(select id from doomed)) returning 1
     )
     select (select count(*) from deleted)::int as deleted, last.at, last.id
     from (select 1) one left join lateral (select occurred_at::text as at, id::text as id from doomed order by occurred_at desc, id desc limit 1) last on true`,
);

const DELETE_REFUSED = statement<{ directoryId: string; days: number; limit: number }>(
  (p) => sql`with deleted as (
       delete from refused_request r where (r.directory_id, r.minute, r.reason, r.status) in (
         select directory_id, minute, reason, status from refused_request
         where directory_id = ${p.directoryId} and minute < now() - make_interval(days => ${p.days}::int) order by minute limit ${p.limit})
       returning 1)
     select count(*)::int as deleted from deleted`,
);

/**
 * Deletes up to `limit` of the directory's oldest events between `after` and `cut` (both exclusive), oldest first,
 * and says how many went and the last position deleted (where the next batch starts, so no batch walks the index
 * entries earlier batches left dead). The rows are found on the directory's time index and deleted by primary key
 * (`= any(array)`: one index probe per row at any table size, never a hash join over the table). A group whose
 * newest write event goes keeps its ETag: the delete's statement trigger lifts the group's own stamp (migration
 * 20261124110100).
 */
export async function deleteEventsBatch(db: Queryable, directoryId: string, after: LogPosition, cut: LogPosition, limit: number): Promise<{ deleted: number; last: LogPosition | null }> {
  const [row] = await execute<Parameters<typeof DELETE_BATCH.values>[0], { deleted: number; at: string | null; id: string | null }>(db, DELETE_BATCH, {
    directoryId, afterAt: after.at, afterId: after.id, cutAt: cut.at, cutId: cut.id, limit,
  });
  return { deleted: row!.deleted, last: row!.at !== null && row!.id !== null ? { at: row!.at, id: row!.id } : null };
}

/** Deletes up to `limit` of the directory's refused-request counts older than `days` days (by primary key). */
export async function deleteRefusedBatch(db: Queryable, directoryId: string, days: number, limit: number): Promise<number> {
  const [row] = await execute<{ directoryId: string; days: number; limit: number }, { deleted: number }>(db, DELETE_REFUSED, { directoryId, days, limit });
  return row!.deleted;
}

const SET_TIMEOUTS = statement<{ lockTimeout: string; statementTimeout: string }>(
  (p) => sql`select set_config('lock_timeout', ${p.lockTimeout}, true), set_config('statement_timeout', ${p.statementTimeout}, true)`,
);

/**
 * Runs `work` in a transaction of its own that waits at most `lockTimeoutMs` for any lock and `statementTimeoutMs`
 * for its statement (SET LOCAL: both end with the transaction), so a pruning batch never queues behind or ahead of
 * a provisioning write for long. Throws what the statement threw (55P03 lock timeout, 57014 statement timeout).
 */
export async function inShortTransaction<T>(pool: Pool, limits: { lockTimeoutMs: number; statementTimeoutMs: number }, work: (db: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await execute(client, SET_TIMEOUTS, { lockTimeout: `${limits.lockTimeoutMs}ms`, statementTimeout: `${limits.statementTimeoutMs}ms` });
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
