import type { Pool } from 'pg';
import type { DomainEvents } from './events.js';

/** What a write records in the provisioning log (the provisioning-log aggregate's entry, with the status answered). */
export type { AuditEntry } from './provisioning-log/write-events.js';

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
