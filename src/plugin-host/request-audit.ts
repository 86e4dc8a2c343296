/** Internal (not for plugins): the per-request provisioning-log context shared by the port adapter and the edge. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditEntry } from '../domain/services/provisioning-context.js';
import type { DirectoryInfo } from '../plugin-api/port.js';

export interface RequestAudit {
  requestId?: string;
  method: string;
  path: string;
  /** The request's query string (without `?`): how a write is answered can depend on it. */
  query?: string;
  startedAt: number;
  directory?: DirectoryInfo;
  operation?: string;
  resourceType?: string;
  resourceId?: string;
  /** True once the domain wrote the event inside the change's own transaction. */
  recorded: boolean;
}

export const requestAudit = new AsyncLocalStorage<RequestAudit>();

/** Marks what the current request does and returns the entry a domain write records in its transaction. */
export function auditFor(operation: string, resourceType: string, resourceId?: string): AuditEntry | undefined {
  const store = requestAudit.getStore();
  if (!store) return undefined;
  store.operation = operation;
  store.resourceType = resourceType;
  if (resourceId) store.resourceId = resourceId;
  return { requestId: store.requestId, operation, method: store.method, path: store.path, startedAt: store.startedAt };
}

/** The current request's query parameters (the last value of a repeated one), empty outside a request. */
export function currentQuery(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(requestAudit.getStore()?.query ?? ''));
}

/** Called after a domain write committed its own event. */
export function markRecorded(resourceId: string): void {
  const store = requestAudit.getStore();
  if (store) {
    store.recorded = true;
    store.resourceId = resourceId;
  }
}

/** Notes what a read did (no event is written in a transaction for reads). */
export function noteRead(operation: string, resourceType: string, resourceId?: string): void {
  const store = requestAudit.getStore();
  if (!store) return;
  store.operation = operation;
  store.resourceType = resourceType;
  if (resourceId) store.resourceId = resourceId;
}
