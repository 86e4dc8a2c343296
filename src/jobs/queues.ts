import type { Pool } from 'pg';
import type { PgBoss, Queue } from 'pg-boss';
import type { Config } from '../config/config.js';
import type { JobQueueCounts } from '../observability/metrics.js';

export const INVITE_EMAIL_QUEUE = 'invite-email';
export const PHOTO_SYNC_QUEUE = 'photo-sync';
export const JOB_QUEUES = [INVITE_EMAIL_QUEUE, PHOTO_SYNC_QUEUE] as const;
export type JobQueue = (typeof JOB_QUEUES)[number];

/** pg-boss's tables live in their own schema, next to (never inside) cardbridge's migrations. */
export const JOB_SCHEMA = 'pgboss';

/** What a handler needs of a pg-boss job: its data and which attempt this is. */
export interface JobAttempt<T> {
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Retries allowed after the first attempt; `retryCount === retryLimit` is the last one. */
  retryLimit: number;
}

/**
 * Both queues: `exclusive` (at most one queued or running job per singletonKey, the user id), so the event
 * path, the sweep and a resend never put two jobs for one user in the queue; exponential back-off capped at an
 * hour; a job still running after 2 minutes (its process died mid-job: SMTP and Graph calls time out well
 * before that) is retried by another worker.
 */
export function queueOptions(config: Config): Omit<Queue, 'name'> {
  return {
    policy: 'exclusive',
    retryLimit: config.jobs.retryLimit,
    retryDelay: config.jobs.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: Math.max(3600, config.jobs.retryDelaySeconds),
    expireInSeconds: 120,
    deleteAfterSeconds: 7 * 86_400,
  };
}

/** Creates the queues, or brings an existing queue's retry settings in line with the configuration. */
export async function ensureQueues(boss: PgBoss, config: Config): Promise<void> {
  const options = queueOptions(config);
  for (const name of JOB_QUEUES) {
    await boss.createQueue(name, options);
    const { policy: _policy, ...updatable } = options;
    await boss.updateQueue(name, updatable);
  }
}

/**
 * Queues one job per user (singletonKey = user id). A user who already has a job queued or running is skipped
 * by the database (`ON CONFLICT DO NOTHING`), so calling this again is harmless.
 */
export async function enqueueUsers(boss: PgBoss, queue: JobQueue, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await boss.insert(queue, userIds.map((userId) => ({ data: { userId }, singletonKey: userId })));
}

/**
 * What each queue holds now, for the metrics scrape: one grouped statement over pg-boss's live states, which its
 * own index `job_i14` (name, state, … where state in the live states) answers without reading finished jobs.
 */
export async function countJobs(pool: Pool): Promise<JobQueueCounts[]> {
  const { rows } = await pool.query<JobQueueCounts>(
    `select name as queue,
            count(*) filter (where state in ('created', 'retry'))::int as queued,
            count(*) filter (where state = 'active')::int as active,
            count(*) filter (where state = 'failed')::int as dead
       from ${JOB_SCHEMA}.job
      where name = any($1::text[]) and state in ('created', 'retry', 'active', 'failed')
      group by name`,
    [JOB_QUEUES],
  );
  return rows;
}
