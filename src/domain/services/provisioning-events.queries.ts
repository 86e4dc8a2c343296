import type { EventOutcome } from '../entities/provisioning-event.entity.js';
import { fetchKeysetPage, filterId, type KeysetPage, type KeysetPosition } from '../../db/sql/keyset.js';
import { asDate, run, type Queryable } from '../../db/sql/run.js';
import { joinSql, sql, type SqlFragment } from '../../db/sql/fragment.js';

/** One entry of the provisioning log. */
export interface ProvisioningEventView {
  id: string;
  organizationId: string;
  directoryId: string;
  occurredAt: Date;
  requestId: string | null;
  operation: string;
  method: string;
  path: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: EventOutcome;
  status: number;
  scimType: string | null;
  detail: string | null;
  durationMs: number;
}

interface EventRow {
  id: string;
  organization_id: string;
  directory_id: string;
  occurred_at: Date | string;
  request_id: string | null;
  operation: string;
  method: string;
  path: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: EventOutcome;
  status: number;
  scim_type: string | null;
  detail: string | null;
  duration_ms: number;
}

const COLUMNS = `e.id::text as id, e.organization_id, e.directory_id, e.occurred_at, e.request_id, e.operation, e.method, e.path,
  e.resource_type, e.resource_id, e.outcome, e.status, e.scim_type, e.detail, e.duration_ms`;

function toView(row: EventRow): ProvisioningEventView {
  return {
    id: row.id,
    organizationId: row.organization_id,
    directoryId: row.directory_id,
    occurredAt: asDate(row.occurred_at),
    requestId: row.request_id,
    operation: row.operation,
    method: row.method,
    path: row.path,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    outcome: row.outcome,
    status: row.status,
    scimType: row.scim_type,
    detail: row.detail,
    durationMs: row.duration_ms,
  };
}

export interface ProvisioningEventFilter {
  directoryId?: string;
  outcome?: EventOutcome;
  since?: Date;
  until?: Date;
}

/**
 * One page of an organization's provisioning log, newest first, with the filtered total when `withTotal`. Every
 * filter is answered by an index in the log's order (migrations 20261124000000 and 20261124200000): the organization's
 * or the directory's time index, or their failures-only twins for `outcome: failure`; `since`/`until` bound the walk.
 * A page reads its rows and stops, at any log size; the total counts every matching index entry.
 */
export async function findProvisioningEventsPage(
  db: Queryable,
  organizationId: string,
  query: { filter: ProvisioningEventFilter; first: number; after?: KeysetPosition; withTotal?: boolean },
): Promise<KeysetPage<ProvisioningEventView>> {
  const { filter } = query;
  const conditions: SqlFragment[] = [sql`e.organization_id = ${organizationId}`];
  if (filter.directoryId) conditions.push(sql`e.directory_id = ${filterId(filter.directoryId, 'filter.directoryId')}::uuid`);
  if (filter.outcome) conditions.push(sql`e.outcome = ${filter.outcome}`);
  if (filter.since) conditions.push(sql`e.occurred_at >= ${filter.since.toISOString()}::timestamptz`);
  if (filter.until) conditions.push(sql`e.occurred_at < ${filter.until.toISOString()}::timestamptz`);
  const page = await fetchKeysetPage<EventRow>(db, {
    columns: COLUMNS,
    from: 'provisioning_event e',
    where: joinSql(conditions, ' and '),
    order: { expression: 'e.occurred_at', keyType: 'timestamptz', idColumn: 'e.id', idType: 'bigint', direction: 'desc' },
    first: query.first,
    after: query.after,
    withTotal: query.withTotal,
  });
  return { ...page, rows: page.rows.map((row) => ({ ...toView(row), sort_key: row.sort_key, sort_id: row.sort_id })) };
}

/** The latest `limit` events of each directory, in one statement for any number of directories. */
export async function findRecentEventsByDirectoryIds(db: Queryable, directoryIds: readonly string[], limit: number): Promise<Map<string, ProvisioningEventView[]>> {
  const rows = await run<EventRow>(
    db,
    `select x.* from unnest($1::uuid[]) as d(id) cross join lateral (
       select ${COLUMNS} from provisioning_event e where e.directory_id = d.id order by e.occurred_at desc, e.id desc limit $2) x`,
    [directoryIds, limit],
  );
  const byDirectory = new Map<string, ProvisioningEventView[]>(directoryIds.map((id) => [id, []]));
  for (const row of rows) byDirectory.get(row.directory_id)?.push(toView(row));
  return byDirectory;
}

/** The newest event id of the whole log ('0' when empty): where a live feed starts. One probe of the primary key. */
export async function latestProvisioningEventId(db: Queryable): Promise<string> {
  const rows = await run<{ id: string }>(db, 'select coalesce(max(id), 0)::text as id from provisioning_event');
  return rows[0]?.id ?? '0';
}

/**
 * One organization's events with an id above `afterId` except the ids in `delivered`, oldest first, at most
 * `limit` (what the live log reads after a signal). Walks the primary key from `afterId`; the exclusion is a hashed
 * array test (the statement is unnamed, so planned with its values).
 */
export async function findProvisioningEventsAfter(
  db: Queryable,
  organizationId: string,
  afterId: string,
  delivered: readonly string[],
  limit: number,
): Promise<ProvisioningEventView[]> {
  const rows = await run<EventRow>(
    db,
    `select ${COLUMNS} from provisioning_event e
     where e.id > $2::bigint and e.organization_id = $1 and not (e.id = any($3::bigint[]))
     order by e.id limit $4`,
    [organizationId, afterId, delivered, limit],
  );
  return rows.map(toView);
}
