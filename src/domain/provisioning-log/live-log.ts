/** How the live provisioning log learns of new events: one PostgreSQL channel, signalled after commit. */
import { sql, statement } from '../../db/sql/fragment.js';
import { execute, type Queryable } from '../../db/sql/run.js';

/**
 * PostgreSQL channel of the live provisioning log (every instance LISTENs). A notification is only a signal: its
 * payload is a comma-separated list of organization ids that have new events. It is sent outside every write
 * transaction, debounced per instance (EventRecorder.announce): NOTIFY serializes the commits of notifying
 * transactions on one cluster-wide lock, so a write transaction never notifies (BENCHMARKS.md finding 7).
 */
export const EVENTS_CHANNEL = 'cardbridge_events';

const NOTIFY = statement<{ channel: string; payloads: string[] }>((p) => sql`select pg_notify(${p.channel}, p) from unnest(${p.payloads}::text[]) as p`);

/**
 * Signals the live log (every instance), one notification per payload (organization ids, comma-separated), in one
 * statement. Call it after the events' transaction committed.
 */
export async function announceEvents(db: Queryable, payloads: string[]): Promise<void> {
  await execute(db, NOTIFY, { channel: EVENTS_CHANNEL, payloads });
}
