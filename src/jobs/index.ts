// PLACEHOLDER: the durable job queue (issue 4: invites, photo sync) replaces this module; keep the export.
import type { HostDeps } from '../http/host-deps.js';

/** Starts background work on PostgreSQL; `stop` lets running jobs finish. */
export async function startJobs(_deps: HostDeps): Promise<{ stop(): Promise<void> }> {
  return { stop: async () => {} };
}
