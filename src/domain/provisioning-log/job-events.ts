import { raw, sql, statement } from '../../db/sql/fragment.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { EVENTS_CHANNEL } from './live-log.js';
import { provisioningEvents } from './provisioning-event.table.js';

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

const INSERT_AND_NOTIFY = statement<JobEvent>(
  (p) => sql`with inserted as (
       insert into ${raw(provisioningEvents.name)} (${raw(provisioningEvents.columnList(['organizationId', 'directoryId', 'operation', 'method', 'path', 'resourceType', 'resourceId', 'outcome', 'status', 'detail', 'durationMs']))})
       values (${p.organizationId}, ${p.directoryId}, ${p.operation}, 'JOB', ${p.path}, 'User', ${p.userId}, ${p.outcome}, ${p.status}, ${p.detail}, ${p.durationMs})
       returning organization_id)
     select pg_notify('${raw(EVENTS_CHANNEL)}', organization_id::text) from inserted`,
);

/**
 * Inserts one event with method `JOB` and signals the live log in the same statement. Jobs are rare (one per invite
 * or photo) and run outside any request, so this one statement may notify; the SCIM write path never does
 * (see {@link EVENTS_CHANNEL}). Call it with the pool, not inside another transaction.
 */
export async function recordJobEvent(db: Queryable, event: JobEvent): Promise<void> {
  const detail = event.detail.length > MAX_DETAIL ? `${event.detail.slice(0, MAX_DETAIL - 1)}…` : event.detail;
  await execute(db, INSERT_AND_NOTIFY, { ...event, detail });
}
