import type { Pool } from 'pg';
import type { DomainEvents } from '../events.js';

/** What a provisioning operation writes into the provisioning log, inside its own transaction. */
export interface AuditEntry {
  requestId?: string;
  operation: string;
  method: string;
  path: string;
  startedAt: number;
  /** The HTTP status the caller answers on success, when it differs from the operation's default. */
  status?: number;
}

/**
 * Checks the version a write is about to change (If-Match / If-None-Match, or an expected version) and throws to
 * refuse it. A write calls it with the stored version inside itself — under its row lock, or again on every attempt
 * of an optimistic write — so nothing can change the resource between the check and the write. Not called when the
 * resource does not exist (NOT_FOUND).
 */
export type VersionGuard = (currentVersion: number) => void;

/** Dependencies of the provisioning services. */
export interface ProvisioningDeps {
  pool: Pool;
  events: DomainEvents;
  /** Called after commit for side effects that must not slow the request (invites, photo sync). */
  afterUserProvisioned?: (input: { userId: string; organizationId: string; directoryId: string; isNew: boolean }) => void;
}

/** The columns a successful write's event fills (its own insert, or a CTE of a one-statement write). */
export const EVENT_COLUMNS = '(organization_id, directory_id, request_id, operation, method, path, resource_type, resource_id, outcome, status, duration_ms)';

/** {@link EVENT_COLUMNS} and `detail`: a write that says what it changed (a group's membership change). */
export const EVENT_COLUMNS_WITH_DETAIL = EVENT_COLUMNS.replace(/\)$/, ', detail)');

/** The event of a user or group write, inside the write's own transaction. A plain insert: no NOTIFY here. */
export const EVENT_INSERT = `insert into provisioning_event ${EVENT_COLUMNS}
  values ($1, $2, $3, $4, $5, $6, $7, $8, 'success', $9, $10)`;

/** Parameters for {@link EVENT_INSERT}. */
export function auditParams(audit: AuditEntry, organizationId: string, directoryId: string, resourceType: string, resourceId: string, status: number): unknown[] {
  return [organizationId, directoryId, audit.requestId ?? null, audit.operation, audit.method, audit.path, resourceType, resourceId, audit.status ?? status, performance.now() - audit.startedAt];
}
