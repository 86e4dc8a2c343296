/**
 * The event of a user or group write, recorded inside the write's own transaction (or its one statement), so an
 * acknowledged change always has its log entry. Writers outside this module use {@link recordWriteEvent} or, in a
 * one-statement write, splice {@link eventInsertFrom} into a CTE; neither notifies (see EVENTS_CHANNEL).
 */
import { raw, sql, statement, type Params, type SqlFragment } from '../../db/sql/fragment.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { provisioningEvents } from './provisioning-event.table.js';

/** What the caller of a provisioning write knows about the request it serves (the port builds it from the route's). */
export interface AuditEntry {
  requestId?: string;
  /** `create`, `replace`, `patch`, `update`, `delete`. */
  operation: string;
  method: string;
  path: string;
  /** `performance.now()` when the request arrived: the event's duration runs from here to the write. */
  startedAt: number;
  /** The HTTP status the caller answers when the write succeeds (chosen at the HTTP edge, recorded as given). */
  status: number;
}

/** The named parameters a write's event adds to a one-statement write (prefixed: they share the write's names). */
export interface WriteEventParams {
  eventRequestId: string | null;
  eventOperation: string;
  eventMethod: string;
  eventPath: string;
  eventStatus: number;
  eventDurationMs: number;
}

/** {@link WriteEventParams} of an entry, its duration measured now. */
export function writeEventParams(entry: AuditEntry): WriteEventParams {
  return {
    eventRequestId: entry.requestId ?? null,
    eventOperation: entry.operation,
    eventMethod: entry.method,
    eventPath: entry.path,
    eventStatus: entry.status,
    eventDurationMs: performance.now() - entry.startedAt,
  };
}

/** A value of the event row: trusted SQL text (`i.id::text`), or a fragment that binds the write's own parameters. */
type Expression = string | SqlFragment;

const expression = (value: Expression): SqlFragment => (typeof value === 'string' ? raw(value) : value);

/** The columns a write's event fills, in the order of {@link eventInsertFrom}'s select list. */
const WRITE_COLUMNS = provisioningEvents.columnList([
  'organizationId', 'directoryId', 'requestId', 'operation', 'method', 'path', 'resourceType', 'resourceId', 'outcome', 'status', 'durationMs', 'detail',
]);

/**
 * `insert into provisioning_event (…) select … from <from>`: the event of a one-statement write, as the body of a
 * CTE (`event as (${eventInsertFrom(p, …)} returning id)`). `p` are the statement's parameters, which include
 * {@link WriteEventParams}; the row's organization, directory, resource id and detail are expressions over `from`.
 */
export function eventInsertFrom(
  p: Params<WriteEventParams>,
  row: { from: string; organizationId: Expression; directoryId: Expression; resourceType: 'User' | 'Group'; resourceId: Expression; detail?: Expression; where?: string },
): SqlFragment {
  const detail = row.detail === undefined ? raw('null') : expression(row.detail);
  return sql`insert into ${raw(provisioningEvents.name)} (${raw(WRITE_COLUMNS)})
    select ${expression(row.organizationId)}, ${expression(row.directoryId)}, ${p.eventRequestId}, ${p.eventOperation}, ${p.eventMethod}, ${p.eventPath},
      ${raw(`'${row.resourceType}'`)}, ${expression(row.resourceId)}, 'success', ${p.eventStatus}, ${p.eventDurationMs}, ${detail}
    from ${raw(row.from)}${raw(row.where ? ` where ${row.where}` : '')}`;
}

/** The resource a write's event is about. */
export interface WriteTarget {
  organizationId: string;
  directoryId: string;
  resourceType: 'User' | 'Group';
  resourceId: string;
  /** What the write changed, when it says (a group's membership counts). */
  detail?: string;
}

const INSERT_WRITE_EVENT = statement<WriteEventParams & Omit<WriteTarget, 'resourceType'> & { resourceType: string }>(
  (p) => sql`insert into ${raw(provisioningEvents.name)} (${raw(WRITE_COLUMNS)})
    values (${p.organizationId}, ${p.directoryId}, ${p.eventRequestId}, ${p.eventOperation}, ${p.eventMethod}, ${p.eventPath},
      ${p.resourceType}, ${p.resourceId}, 'success', ${p.eventStatus}, ${p.eventDurationMs}, ${p.detail})
    returning id`,
);

/** Inserts a write's event in the write's transaction and returns its id (a group's new version, see group-version). */
export async function recordWriteEvent(tx: Queryable, entry: AuditEntry, target: WriteTarget): Promise<number> {
  const [event] = await execute<Parameters<typeof INSERT_WRITE_EVENT.values>[0], { id: string }>(tx, INSERT_WRITE_EVENT, { ...writeEventParams(entry), ...target });
  return Number(event!.id);
}
