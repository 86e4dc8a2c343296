import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { recordJobEvent, type JobEvent } from '../domain/provisioning-log/job-events.js';
import { loadPhotoSyncTarget, markPhotoChecked, saveUserPhoto } from '../domain/cards/photos.service.js';
import { openSecret } from '../domain/directories/secret-box.js';
import { GraphError, GraphPhotoClient } from '../photos/graph-client.js';
import type { JobAttempt } from './queues.js';

export interface PhotoJobDeps {
  pool: Pool;
  log: Logger;
  graph: GraphPhotoClient;
  /** ENCRYPTION_KEY, revealed only here, to open the directory's client secret for this one job. */
  encryptionKey: () => string | undefined;
}

/**
 * Fetches one user's photo from Microsoft Graph and stores it (404: the user has no photo, stored as none).
 * Every outcome is a provisioning event. Throws to have the queue retry; the last attempt, or an answer that
 * retrying cannot change, marks the user checked so the sweep waits a day before trying again.
 */
export async function runPhotoSyncJob(deps: PhotoJobDeps, job: JobAttempt<{ userId: string }>): Promise<void> {
  const { pool, log } = deps;
  const target = await loadPhotoSyncTarget(pool, job.data.userId);
  if (!target) return;
  const path = GraphPhotoClient.photoPath(target.graphUserId);
  const started = performance.now();
  const event = (outcome: JobEvent['outcome'], status: number, detail: string) =>
    recordJobEvent(pool, { organizationId: target.organizationId, directoryId: target.directoryId, operation: 'photo-sync', path, userId: target.userId, outcome, status, detail, durationMs: performance.now() - started }).catch((err) =>
      log.warn({ err, userId: target.userId }, 'could not record the photo sync event'),
    );
  let clientSecret: string;
  try {
    clientSecret = openSecret(deps.encryptionKey(), target.clientSecretEnc, target.directoryId);
  } catch {
    await event('failure', 500, 'the stored client secret cannot be decrypted with ENCRYPTION_KEY (was the key changed?); set the secret again');
    await markPhotoChecked(pool, target.userId);
    return;
  }
  try {
    const photo = await deps.graph.photo({ tenantId: target.tenantId, clientId: target.clientId, clientSecret }, target.graphUserId);
    await saveUserPhoto(pool, target.userId, photo);
    await event('success', photo ? 200 : 404, photo ? `photo stored (${photo.data.length} bytes, ${photo.contentType})` : 'the user has no photo in Microsoft Graph');
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    const final = error.permanent || job.retryCount >= job.retryLimit;
    log.warn({ userId: target.userId, reason: error.message, attempt: job.retryCount + 1, final }, 'photo sync failed');
    await event('failure', error.status, `${error.message} (attempt ${job.retryCount + 1} of ${job.retryLimit + 1}; ${final ? 'gave up' : 'will retry'})`);
    if (!final) throw error;
    await markPhotoChecked(pool, target.userId);
    if (!error.permanent) throw error;
  }
}
