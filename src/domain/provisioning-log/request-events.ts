/**
 * Events of requests that wrote nothing of their own (reads, refused writes, failures): written in batches, off the
 * request path, by the host's EventRecorder. One statement per batch.
 */
import type { PropertyOf } from '../../db/sql/entity-table.js';
import type { Pool } from 'pg';
import type { ProvisioningEvent } from './provisioning-event.entity.js';
import { provisioningEvents, type EventWrite } from './provisioning-event.table.js';

/** A request's event as the batch carries it: every column but the id, `occurredAt` set when the request ended. */
export type RequestEvent = EventWrite & Pick<ProvisioningEvent, 'occurredAt'>;

/** The batch's record type (json_to_recordset needs one): each column of the event, by property name. */
const RECORD = {
  organizationId: 'uuid',
  directoryId: 'uuid',
  occurredAt: 'timestamptz',
  requestId: 'text',
  operation: 'text',
  method: 'text',
  path: 'text',
  resourceType: 'text',
  resourceId: 'text',
  outcome: 'text',
  status: 'int',
  scimType: 'text',
  detail: 'text',
  durationMs: 'real',
} as const satisfies Record<Exclude<PropertyOf<ProvisioningEvent>, 'id'>, string>;

const properties = Object.keys(RECORD) as (keyof typeof RECORD)[];

/**
 * The batch as one JSON parameter (one native JSON.stringify; Dates become ISO strings), read back by property name,
 * rather than fourteen arrays that pg would format element by element in JavaScript, on the event loop every request
 * shares. Events of a directory deleted meanwhile are left out. A named statement: its text never changes, so it is
 * parsed and planned once per connection.
 */
const INSERT_BATCH = {
  name: 'cb_provisioning_event_batch',
  text: `insert into ${provisioningEvents.name} (${provisioningEvents.columnList(properties)})
     select ${properties.map((p) => `x."${p}"`).join(', ')}
     from json_to_recordset($1::json) as x(${properties.map((p) => `"${p}" ${RECORD[p]}`).join(', ')})
     where exists (select 1 from directory d where d.id = x."directoryId")`,
};

/** Inserts a batch of request events in one statement; throws the driver's error (the recorder decides to retry). */
export async function insertRequestEvents(pool: Pool, batch: readonly RequestEvent[]): Promise<void> {
  // pg's own error, untranslated: the recorder tells an outage (keep the batch) from a refusal (drop it).
  await pool.query({ ...INSERT_BATCH, values: [JSON.stringify(batch)] });
}
