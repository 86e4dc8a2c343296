// Not for partners: the host's durable background work (issue 4 items 7 and 8), on pg-boss in PostgreSQL.
import { join } from 'node:path';
import { PgBoss, type JobWithMetadata } from 'pg-boss';
import type { HostDeps } from '../host/host-deps.js';
import { isPhotoSyncEnabled } from '../domain/cards/photos.service.js';
import { createMailTransport } from '../mail/mail-transport.js';
import { GraphPhotoClient } from '../photos/graph-client.js';
import { runInviteEmailJob } from './invite-email.job.js';
import { LOG_RETENTION_QUEUE, startLogRetention } from './log-retention.schedule.js';
import { runPhotoSyncJob } from './photo-sync.job.js';
import { countJobs, enqueueUsers, ensureQueues, INVITE_EMAIL_QUEUE, JOB_QUEUES, JOB_SCHEMA, PHOTO_SYNC_QUEUE, type JobQueue } from './queues.js';
import { Sweeper } from './sweep.js';

type UserJob = JobWithMetadata<{ userId: string }>;

/** Whether a directory syncs photos is read at most this often per directory, off the request path. */
const SETTINGS_TTL_MS = 10_000;

/**
 * Starts background work on PostgreSQL: the `invite-email` and `photo-sync` queues (pg-boss), their workers,
 * the domain-event subscriptions that queue jobs after a commit, and the sweep that re-queues work a crash
 * lost. `stop` stops taking jobs and lets running ones finish (up to SHUTDOWN_TIMEOUT_MS); unfinished jobs
 * are retried by the next process.
 */
export async function startJobs(deps: HostDeps): Promise<{ stop(): Promise<void> }> {
  const { config, pool, events } = deps;
  const log = deps.log.child({ component: 'jobs' });
  const boss = new PgBoss({
    connectionString: deps.databaseUrl,
    schema: JOB_SCHEMA,
    application_name: 'cardbridge-jobs',
    max: 4,
    // Cron scheduling runs the provisioning log's retention pass (log-retention.schedule.ts); the sweep is a plain timer.
    schedule: true,
  });
  // Without a listener an 'error' event (e.g. the database restarting) would end the process.
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  boss.on('warning', (warning) => log.warn({ warning: warning.message, data: warning.data }, 'job queue warning'));
  await boss.start();
  const mail = createMailTransport({ smtpUrl: config.mail.smtpUrl?.reveal(), from: config.mail.from, outboxDir: join(config.dataDir, 'outbox') });
  const sweeper = new Sweeper(boss, pool, log, config.jobs.sweepIntervalSeconds);
  const unsubscribe: (() => void)[] = [];
  let retention: { stop(): void } | undefined;
  try {
    await ensureQueues(boss, config);
    retention = await startLogRetention(boss, { config, pool, log });
    const graph = new GraphPhotoClient({ loginUrl: config.msGraph.loginUrl, graphUrl: config.msGraph.graphUrl });
    const work = { batchSize: 1, localConcurrency: 2, includeMetadata: true, pollingIntervalSeconds: config.jobs.pollIntervalSeconds } as const;
    // A handler that throws is a failed attempt: pg-boss retries it; the metrics count it (docs/operations.md).
    const counted = (queue: JobQueue, run: (job: UserJob) => Promise<void>) => async ([job]: UserJob[]) => {
      if (!job) return;
      try {
        await run(job);
      } catch (error) {
        deps.metrics?.jobFailed(queue);
        throw error;
      }
    };
    await boss.work(INVITE_EMAIL_QUEUE, work, counted(INVITE_EMAIL_QUEUE, (job) => runInviteEmailJob({ pool, log, mail, publicUrl: config.publicUrl }, job)));
    await boss.work(PHOTO_SYNC_QUEUE, work, counted(PHOTO_SYNC_QUEUE, (job) => runPhotoSyncJob({ pool, log, graph, encryptionKey: () => config.encryptionKey?.reveal() }, job)));
    deps.metrics?.watchJobQueues(JOB_QUEUES, () => countJobs(pool));

    unsubscribe.push(events.on('invites.requested', ({ userIds }) => enqueueUsers(boss, INVITE_EMAIL_QUEUE, userIds)));
    const photoSync = photoSyncEnabledCache(pool);
    const onUserWritten = async ({ directoryId, userId }: { directoryId: string | null; userId: string }) => {
      if (directoryId && (await photoSync(directoryId))) await enqueueUsers(boss, PHOTO_SYNC_QUEUE, [userId]);
    };
    unsubscribe.push(events.on('user.provisioned', onUserWritten), events.on('user.updated', onUserWritten), events.on('user.reactivated', onUserWritten));
    sweeper.start();
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    mail.close();
    throw error;
  }
  log.info({ mail: mail.kind, queues: [INVITE_EMAIL_QUEUE, PHOTO_SYNC_QUEUE, LOG_RETENTION_QUEUE] }, 'jobs started');

  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        for (const off of unsubscribe) off();
        await sweeper.stop();
        retention?.stop();
        await boss.stop({ graceful: true, timeout: Math.max(1000, config.shutdownTimeoutMs) });
        mail.close();
        log.info('jobs stopped');
      })()),
  };
}

/** `isPhotoSyncEnabled` per directory, cached briefly: SCIM bursts of one directory cost one query. */
function photoSyncEnabledCache(pool: HostDeps['pool']): (directoryId: string) => Promise<boolean> {
  const cache = new Map<string, { enabled: Promise<boolean>; until: number }>();
  return (directoryId) => {
    const hit = cache.get(directoryId);
    if (hit && hit.until > Date.now()) return hit.enabled;
    const enabled = isPhotoSyncEnabled(pool, directoryId);
    cache.set(directoryId, { enabled, until: Date.now() + SETTINGS_TTL_MS });
    enabled.catch(() => cache.delete(directoryId));
    return enabled;
  };
}
