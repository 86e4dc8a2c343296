import type { EventOutcome } from './provisioning-event.entity.js';
import { fetchKeysetPage, filterId, type KeysetPage, type KeysetPosition } from '../../db/sql/keyset.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { joinSql, raw, sql, statement, type SqlFragment } from '../../db/sql/fragment.js';
import { EVENT_VIEW, provisioningEvents, type ProvisioningEventView } from './provisioning-event.table.js';
import { subjectConditions, type EventSubjectFilter } from './event-filters.js';

export type { ProvisioningEventView } from './provisioning-event.table.js';

export interface ProvisioningEventFilter extends EventSubjectFilter {
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
  conditions.push(...subjectConditions(organizationId, filter));
  const page = await fetchKeysetPage<Record<string, unknown>>(db, {
    columns: EVENT_VIEW.sql,
    from: provisioningEvents.from,
    where: joinSql(conditions, ' and '),
    order: { expression: 'e.occurred_at', keyType: 'timestamptz', idColumn: 'e.id', idType: 'bigint', direction: 'desc' },
    first: query.first,
    after: query.after,
    withTotal: query.withTotal,
  });
  return { ...page, rows: page.rows.map((row) => Object.assign(EVENT_VIEW.read(row), { sort_key: row.sort_key, sort_id: row.sort_id })) };
}

const RECENT = statement<{ directoryIds: readonly string[]; limit: number }>(
  (p) => sql`select x.* from unnest(${p.directoryIds}::uuid[]) as d(id) cross join lateral (
       select ${raw(EVENT_VIEW.sql)} from ${raw(provisioningEvents.from)} where e.directory_id = d.id order by e.occurred_at desc, e.id desc limit ${p.limit}) x`,
);

/** The latest `limit` events of each directory, in one statement for any number of directories. */
export async function findRecentEventsByDirectoryIds(db: Queryable, directoryIds: readonly string[], limit: number): Promise<Map<string, ProvisioningEventView[]>> {
  const rows = await execute(db, RECENT, { directoryIds, limit });
  const byDirectory = new Map<string, ProvisioningEventView[]>(directoryIds.map((id) => [id, []]));
  for (const row of rows) {
    const event = EVENT_VIEW.read(row);
    byDirectory.get(event.directoryId)?.push(event);
  }
  return byDirectory;
}

const LATEST_ID = statement<object>(() => sql`select coalesce(max(id), 0)::text as id from ${raw(provisioningEvents.name)}`);

/** The newest event id of the whole log ('0' when empty): where a live feed starts. One probe of the primary key. */
export async function latestProvisioningEventId(db: Queryable): Promise<string> {
  const rows = await execute<object, { id: string }>(db, LATEST_ID, {});
  return rows[0]?.id ?? '0';
}

const AFTER = statement<{ organizationId: string; afterId: string; delivered: readonly string[]; limit: number }>(
  (p) => sql`select ${raw(EVENT_VIEW.sql)} from ${raw(provisioningEvents.from)}
     where e.id > ${p.afterId}::bigint and e.organization_id = ${p.organizationId} and not (e.id = any(${p.delivered}::bigint[]))
     order by e.id limit ${p.limit}`,
);

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
  const rows = await execute(db, AFTER, { organizationId, afterId, delivered, limit });
  return rows.map(EVENT_VIEW.read);
}
