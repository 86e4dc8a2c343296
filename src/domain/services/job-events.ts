import { EVENTS_CHANNEL } from './provisioning-context.js';
import { run, type Queryable } from '../../db/sql/run.js';

/** What a background job (invite e-mail, photo sync) writes into the admin's provisioning log. */
export interface JobEvent {
  organizationId: string;
  directoryId: string;
  operation: 'invite-email' | 'photo-sync';
  /** What the job talked to, e.g. the Graph path; never a secret or a token. */
  path: string;
  userId: string;
  outcome: 'success' | 'failure';
  /** The remote status (Graph's HTTP status, SMTP's reply code), or 502 when there was no answer. */
  status: number;
  detail: string;
  durationMs: number;
}

const MAX_DETAIL = 500;

/**
 * Inserts one event with method `JOB` and signals the live log in the same statement. Jobs are rare (one per invite
 * or photo) and run outside any request, so this one statement may notify; the SCIM write path never does
 * (see {@link EVENTS_CHANNEL}). Call it with the pool, not inside another transaction.
 */
export async function recordJobEvent(db: Queryable, event: JobEvent): Promise<void> {
  const detail = event.detail.length > MAX_DETAIL ? `${event.detail.slice(0, MAX_DETAIL - 1)}…` : event.detail;
  await run(
    db,
    `with inserted as (insert into provisioning_event (organization_id, directory_id, operation, method, path, resource_type, resource_id, outcome, status, detail, duration_ms)
       values ($1, $2, $3, 'JOB', $4, 'User', $5, $6, $7, $8, $9) returning organization_id)
     select pg_notify('${EVENTS_CHANNEL}', organization_id::text) from inserted`,
    [event.organizationId, event.directoryId, event.operation, event.path, event.userId, event.outcome, event.status, detail, event.durationMs],
  );
}
