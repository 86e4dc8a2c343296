import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { issueInviteToken, loadPendingInvite, markInviteFailed, markInviteSent } from '../domain/cards/invites.service.js';
import { recordJobEvent, type JobEvent } from '../domain/provisioning-log/job-events.js';
import { renderInviteMail } from '../mail/invite-mail.js';
import { MailError, type MailTransport } from '../mail/mail-transport.js';
import type { JobAttempt } from './queues.js';

export interface InviteJobDeps {
  pool: Pool;
  log: Logger;
  mail: MailTransport;
  publicUrl: string;
}

/**
 * Mails one pending invite. Does nothing when the user is no longer pending (accepted, already mailed by an
 * earlier attempt, deleted), so a job that runs twice never mails twice in the usual case. Throws to have the
 * queue retry; a permanent SMTP refusal (5xx) or the last attempt marks the invite failed instead.
 */
export async function runInviteEmailJob(deps: InviteJobDeps, job: JobAttempt<{ userId: string }>): Promise<void> {
  const { pool, log, mail } = deps;
  const invite = await loadPendingInvite(pool, job.data.userId);
  if (!invite) return;
  const token = await issueInviteToken(pool, invite.userId);
  const started = performance.now();
  const event = (outcome: JobEvent['outcome'], status: number, detail: string) =>
    invite.directoryId
      ? recordJobEvent(pool, { organizationId: invite.organizationId, directoryId: invite.directoryId, operation: 'invite-email', path: mail.kind === 'smtp' ? 'smtp' : 'outbox', userId: invite.userId, outcome, status, detail, durationMs: performance.now() - started }).catch((err) =>
          log.warn({ err, userId: invite.userId }, 'could not record the invite event'),
        )
      : Promise.resolve();
  try {
    await mail.send(renderInviteMail({ to: invite.email, displayName: invite.displayName, organizationName: invite.organizationName, acceptUrl: `${deps.publicUrl}/invites/${token}` }));
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    const final = error.permanent || job.retryCount >= job.retryLimit;
    const attempt = `attempt ${job.retryCount + 1} of ${job.retryLimit + 1}`;
    log.warn({ userId: invite.userId, reason: error.message, attempt: job.retryCount + 1, final }, 'invite e-mail not sent');
    await event('failure', error.responseCode ?? 502, `invite to ${invite.email} not sent: ${error.message} (${attempt}; ${final ? 'gave up' : 'will retry'})`);
    if (!final) throw error;
    await markInviteFailed(pool, invite.userId);
    // A refusal for good ends the job now; a last transient failure is reported to the queue as failed.
    if (error.permanent) return;
    throw error;
  }
  await markInviteSent(pool, invite.userId);
  await event('success', 250, `invite sent to ${invite.email}`);
  log.info({ userId: invite.userId, transport: mail.kind }, 'invite e-mail sent');
}
