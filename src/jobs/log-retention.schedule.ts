import type { Job, PgBoss, Queue } from 'pg-boss';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { PRUNE_LIMITS, runLogRetention, type PruneLimits, type PruneSummary } from './log-retention.job.js';

/** The provisioning log's retention pass (issue 14), queued by a pg-boss cron schedule. */
export const LOG_RETENTION_QUEUE = 'log-retention';

/**
 * Registers the retention queue, its schedule and this instance's worker. Every instance registers the same schedule
 * row (an upsert keyed by the queue's name), and pg-boss's cron pass files each occurrence under one singleton key,
 * so one job is queued per occurrence however many instances run. The `stately` policy keeps at most one job queued
 * and one running: passes never overlap, and occurrences that came while a long pass ran collapse into one. A pass
 * stops on its own after PRUNE_LIMITS.budgetMs, well before `expireInSeconds`, so pg-boss never hands a pass that is
 * still running to a second worker. A failed pass is not retried: the next occurrence is the retry.
 *
 * `stop` ends a running pass after its current batch (each batch is its own transaction, so nothing is half done).
 */
export async function startLogRetention(
  boss: PgBoss,
  deps: { config: Config; pool: Pool; log: Logger; limits?: PruneLimits },
): Promise<{ stop(): void }> {
  const { config, pool, log } = deps;
  const limits = deps.limits ?? PRUNE_LIMITS;
  const options: Omit<Queue, 'name'> = {
    policy: 'stately',
    retryLimit: 0,
    expireInSeconds: Math.max(900, Math.ceil((limits.budgetMs * 3) / 1000)),
    deleteAfterSeconds: 86_400,
  };
  await boss.createQueue(LOG_RETENTION_QUEUE, options);
  const { policy: _policy, ...updatable } = options;
  await boss.updateQueue(LOG_RETENTION_QUEUE, updatable);
  try {
    await boss.schedule(LOG_RETENTION_QUEUE, config.provisioningLog.pruneCron, {}, { tz: 'UTC' });
  } catch (error) {
    throw new Error(`PROVISIONING_LOG_PRUNE_CRON: ${(error as Error).message}`, { cause: error });
  }
  const stopping = new AbortController();
  const defaults = { days: config.provisioningLog.retentionDays, maxEvents: config.provisioningLog.retentionMaxEvents };
  await boss.work(
    LOG_RETENTION_QUEUE,
    { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: config.jobs.pollIntervalSeconds },
    async ([job]: Job[]): Promise<PruneSummary | undefined> => {
      if (!job) return undefined;
      const signal = AbortSignal.any([job.signal, stopping.signal]);
      const started = performance.now();
      const summary = await runLogRetention({ pool, log, defaults, limits, signal });
      const level = summary.events || summary.refused || summary.failed ? 'info' : 'debug';
      log[level]({ ...summary, durationMs: Math.round(performance.now() - started) }, 'provisioning log retention pass');
      return summary;
    },
  );
  return { stop: () => stopping.abort() };
}
