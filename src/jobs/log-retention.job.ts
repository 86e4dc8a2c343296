import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import {
  deleteEventsBatch,
  deleteRefusedBatch,
  directoriesWithRetention,
  inShortTransaction,
  LOG_START,
  retentionCut,
  type DirectoryRetention,
  type RetentionPolicy,
} from '../domain/provisioning-log/log-retention.js';

/**
 * How a pass deletes. Batches are small and each is its own short transaction (5,000 rows take ~20 ms on the
 * directory's time index), so no lock or snapshot is held for long and autovacuum can reclaim behind the pass; the
 * pause after a batch is at least as long as the batch took, so pruning uses at most about half of one database
 * connection and provisioning writes keep their latency. A pass stops after `budgetMs` and the next one goes on.
 */
export interface PruneLimits {
  batchSize: number;
  budgetMs: number;
  minPauseMs: number;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

export const PRUNE_LIMITS: PruneLimits = { batchSize: 5000, budgetMs: 5 * 60_000, minPauseMs: 20, lockTimeoutMs: 1000, statementTimeoutMs: 30_000 };

export interface PruneSummary {
  directories: number;
  events: number;
  refused: number;
  /** False when the budget or a stop ended the pass early (the next pass continues). */
  complete: boolean;
  /** Directories skipped after an error (e.g. a lock timeout); the next pass retries them. */
  failed: number;
}

interface PruneDeps {
  pool: Pool;
  log: Logger;
  defaults: RetentionPolicy;
  limits?: PruneLimits;
  signal?: AbortSignal;
}

/** One pass of the provisioning-log retention job over every directory with a limit (jobs/index.ts schedules it). */
export async function runLogRetention(deps: PruneDeps): Promise<PruneSummary> {
  const limits = deps.limits ?? PRUNE_LIMITS;
  const deadline = Date.now() + limits.budgetMs;
  const summary: PruneSummary = { directories: 0, events: 0, refused: 0, complete: true, failed: 0 };
  const stopped = () => deps.signal?.aborted === true || Date.now() > deadline;
  const pause = async (tookMs: number) => {
    await sleep(Math.max(limits.minPauseMs, tookMs), undefined, { signal: deps.signal }).catch(() => {});
  };
  for (const directory of await directoriesWithRetention(deps.pool, deps.defaults)) {
    if (stopped()) {
      summary.complete = false;
      break;
    }
    try {
      const pruned = await pruneDirectory(deps.pool, directory, limits, stopped, pause);
      summary.events += pruned.events;
      summary.refused += pruned.refused;
      if (pruned.events || pruned.refused) summary.directories += 1;
      if (!pruned.complete) summary.complete = false;
    } catch (err) {
      summary.failed += 1;
      deps.log.warn({ err, directoryId: directory.directoryId }, 'provisioning log retention: directory skipped; the next pass retries it');
    }
  }
  return summary;
}

async function pruneDirectory(
  pool: Pool,
  directory: DirectoryRetention,
  limits: PruneLimits,
  stopped: () => boolean,
  pause: (tookMs: number) => Promise<void>,
): Promise<{ events: number; refused: number; complete: boolean }> {
  const result = { events: 0, refused: 0, complete: true };
  const cut = await retentionCut(pool, directory);
  let after = LOG_START;
  while (cut) {
    const started = performance.now();
    const batch = await inShortTransaction(pool, limits, (tx) => deleteEventsBatch(tx, directory.directoryId, after, cut, limits.batchSize));
    result.events += batch.deleted;
    if (batch.deleted < limits.batchSize || !batch.last) break;
    after = batch.last;
    if (stopped()) return { ...result, complete: false };
    await pause(performance.now() - started);
  }
  // Refused requests are counts per minute (bounded per day), kept as long as the directory's events by age.
  while (directory.days > 0) {
    const started = performance.now();
    const deleted = await inShortTransaction(pool, limits, (tx) => deleteRefusedBatch(tx, directory.directoryId, directory.days, limits.batchSize));
    result.refused += deleted;
    if (deleted < limits.batchSize) break;
    if (stopped()) return { ...result, complete: false };
    await pause(performance.now() - started);
  }
  return result;
}
