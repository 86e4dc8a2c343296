import { EVENTS_CHANNEL } from './provisioning-context.js';
import { run, type Queryable } from '../../db/sql/run.js';

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

/**
 * Inserts one event (method `SIGN_IN`, path `/graphql`) inside the caller's transaction, so a binding and its log
 * entry commit together. No NOTIFY here: call {@link announceSignInEvent} after commit.
 */
export async function recordSignInEvent(tx: Queryable, event: SignInEvent): Promise<void> {
  await run(
    tx,
    `insert into provisioning_event (organization_id, directory_id, operation, method, path, resource_type, resource_id, outcome, status, detail, duration_ms)
     values ($1, $2, $3, 'SIGN_IN', '/graphql', 'User', $4, $5, $6, $7, $8)`,
    [event.organizationId, event.directoryId, event.operation, event.userId, event.outcome, event.status, event.detail, event.durationMs],
  );
}

/** Tells the live log (every instance) that the organization has a new event; after the recording transaction committed. */
export async function announceSignInEvent(db: Queryable, organizationId: string): Promise<void> {
  await run(db, `select pg_notify('${EVENTS_CHANNEL}', $1)`, [organizationId]);
}
