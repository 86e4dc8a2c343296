import type { Pool } from 'pg';
import { run, type Queryable } from '../../db/sql/run.js';

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

/** Every directory with a limit, in id order (a pass cut short by its time budget starts again at the first). */
export async function directoriesWithRetention(db: Queryable, defaults: RetentionPolicy): Promise<DirectoryRetention[]> {
  const rows = await run<{ id: string; days: number; max_events: number }>(
    db,
    `select id, days, max_events from (
       select d.id, coalesce((d.settings->>'retentionDays')::int, $1::int) as days, coalesce((d.settings->>'retentionMaxEvents')::int, $2::int) as max_events
       from directory d) x
     where days > 0 or max_events > 0 order by id`,
    [defaults.days, defaults.maxEvents],
  );
  return rows.map((row) => ({ directoryId: row.id, days: row.days, maxEvents: row.max_events }));
}

/**
 * Where the directory's log is cut: every event before this position goes. The later of the age cut (now − days)
 * and the count cut (just after the newest event beyond the `maxEvents` newest, found by skipping that many entries
 * of `provisioning_event_directory_time_idx`, an index-only walk). Null when nothing is to go.
 */
export async function retentionCut(db: Queryable, policy: DirectoryRetention): Promise<LogPosition | null> {
  const rows = await run<LogPosition>(
    db,
    `select c.at::text as at, c.id::text as id from (
       select now() - make_interval(days => $2::int) as at, 0::bigint as id where $2::int > 0
       union all
       select * from (select e.occurred_at, e.id + 1 from provisioning_event e where e.directory_id = $1 and $3::int > 0
                      order by e.occurred_at desc, e.id desc offset $3::int limit 1) beyond
     ) c order by c.at desc, c.id desc limit 1`,
    [policy.directoryId, policy.days, policy.maxEvents],
  );
  return rows[0] ?? null;
}

/**
 * Deletes up to `limit` of the directory's oldest events between `after` and `cut` (both exclusive), oldest first,
 * and says how many went and the last position deleted (where the next batch starts, so no batch walks the index
 * entries earlier batches left dead). The rows are found on the directory's time index and deleted by primary key
 * (`= any(array)`: one index probe per row at any table size, never a hash join over the table). A group whose
 * newest write event goes keeps its ETag: the delete's statement trigger lifts the group's own stamp (migration
 * 20261124110100).
 */
export async function deleteEventsBatch(db: Queryable, directoryId: string, after: LogPosition, cut: LogPosition, limit: number): Promise<{ deleted: number; last: LogPosition | null }> {
  const rows = await run<{ deleted: number; at: string | null; id: string | null }>(
    db,
    `with doomed as (
       select e.id, e.occurred_at from provisioning_event e
       where e.directory_id = $1 and (e.occurred_at, e.id) > ($2::timestamptz, $3::bigint) and (e.occurred_at, e.id) < ($4::timestamptz, $5::bigint)
       order by e.occurred_at, e.id limit $6
     ), deleted as (
       delete from provisioning_event e where e.id = any(array(select id from doomed)) returning 1
     )
     select (select count(*) from deleted)::int as deleted, last.at, last.id
     from (select 1) one left join lateral (select occurred_at::text as at, id::text as id from doomed order by occurred_at desc, id desc limit 1) last on true`,
    [directoryId, after.at, after.id, cut.at, cut.id, limit],
  );
  const row = rows[0]!;
  return { deleted: row.deleted, last: row.at !== null && row.id !== null ? { at: row.at, id: row.id } : null };
}

/** Deletes up to `limit` of the directory's refused-request counts older than `days` days (by primary key). */
export async function deleteRefusedBatch(db: Queryable, directoryId: string, days: number, limit: number): Promise<number> {
  const rows = await run<{ deleted: number }>(
    db,
    `with deleted as (
       delete from refused_request r where (r.directory_id, r.minute, r.reason, r.status) in (
         select directory_id, minute, reason, status from refused_request
         where directory_id = $1 and minute < now() - make_interval(days => $2::int) order by minute limit $3)
       returning 1)
     select count(*)::int as deleted from deleted`,
    [directoryId, days, limit],
  );
  return rows[0]!.deleted;
}

/**
 * Runs `work` in a transaction of its own that waits at most `lockTimeoutMs` for any lock and `statementTimeoutMs`
 * for its statement (SET LOCAL: both end with the transaction), so a pruning batch never queues behind or ahead of
 * a provisioning write for long. Throws what the statement threw (55P03 lock timeout, 57014 statement timeout).
 */
export async function inShortTransaction<T>(pool: Pool, limits: { lockTimeoutMs: number; statementTimeoutMs: number }, work: (db: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)`, [`${limits.lockTimeoutMs}ms`, `${limits.statementTimeoutMs}ms`]);
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
