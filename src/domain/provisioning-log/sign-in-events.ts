import { raw, sql, statement } from '../../db/sql/fragment.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { announceEvents } from './live-log.js';
import { provisioningEvents } from './provisioning-event.table.js';

/** What Sign in with Microsoft writes into the admin's provisioning log when it binds, or refuses to re-bind, a user. */
export interface SignInEvent {
  organizationId: string;
  /** The directory that provisioned the user (only directory-provisioned users are ever bound). */
  directoryId: string;
  userId: string;
  /** `microsoft-bind`: the user's first Microsoft sign-in bound tid + oid; `microsoft-rebind`: another oid was refused. */
  operation: 'microsoft-bind' | 'microsoft-rebind';
  outcome: 'success' | 'failure';
  status: number;
  /** Tenant and object ids and how they matched; never a token or a claim value beyond the ids. */
  detail: string;
  durationMs: number;
}

const INSERT = statement<SignInEvent>(
  (p) => sql`insert into ${raw(provisioningEvents.name)} (${raw(provisioningEvents.columnList(['organizationId', 'directoryId', 'operation', 'method', 'path', 'resourceType', 'resourceId', 'outcome', 'status', 'detail', 'durationMs']))})
     values (${p.organizationId}, ${p.directoryId}, ${p.operation}, 'SIGN_IN', '/graphql', 'User', ${p.userId}, ${p.outcome}, ${p.status}, ${p.detail}, ${p.durationMs})`,
);

/**
 * Inserts one event (method `SIGN_IN`, path `/graphql`) inside the caller's transaction, so a binding and its log
 * entry commit together. No NOTIFY here: call {@link announceSignInEvent} after commit.
 */
export async function recordSignInEvent(tx: Queryable, event: SignInEvent): Promise<void> {
  await execute(tx, INSERT, event);
}

/** Tells the live log (every instance) that the organization has a new event; after the recording transaction committed. */
export async function announceSignInEvent(db: Queryable, organizationId: string): Promise<void> {
  await announceEvents(db, [organizationId]);
}
