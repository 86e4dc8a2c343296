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

/** Dependencies of the provisioning services. */
export interface ProvisioningDeps {
  pool: Pool;
  events: DomainEvents;
  /** Called after commit for side effects that must not slow the request (invites, photo sync). */
  afterUserProvisioned?: (input: { userId: string; organizationId: string; directoryId: string; isNew: boolean }) => void;
}

/** PostgreSQL channel announcing new provisioning events (the live log, on every instance): `{organizationId, ids}`. */
export const EVENTS_CHANNEL = 'cardbridge_events';

/**
 * Announces rows of a CTE named `inserted` (id, organization_id) on {@link EVENTS_CHANNEL}, delivered at commit;
 * ids go in chunks of 200 so a payload stays far below PostgreSQL's 8000-byte limit.
 */
export const NOTIFY_INSERTED_EVENTS = `select pg_notify('${EVENTS_CHANNEL}', json_build_object('organizationId', organization_id, 'ids', json_agg(id::text))::text)
  from (select id, organization_id, (row_number() over (partition by organization_id order by id) - 1) / 200 as chunk from inserted) c
  group by organization_id, chunk`;

export const EVENT_INSERT = `with inserted as (insert into provisioning_event
  (organization_id, directory_id, request_id, operation, method, path, resource_type, resource_id, outcome, status, duration_ms)
  values ($1, $2, $3, $4, $5, $6, $7, $8, 'success', $9, $10) returning id, organization_id)
  ${NOTIFY_INSERTED_EVENTS}`;

/** Parameters for {@link EVENT_INSERT}. */
export function auditParams(audit: AuditEntry, organizationId: string, directoryId: string, resourceType: string, resourceId: string, status: number): unknown[] {
  return [organizationId, directoryId, audit.requestId ?? null, audit.operation, audit.method, audit.path, resourceType, resourceId, audit.status ?? status, performance.now() - audit.startedAt];
}
