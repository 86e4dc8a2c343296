/**
 * The provisioning log's filters by what an event concerns (issue 13 item 3): a user (by id or userName), a group,
 * HTTP statuses. As SQL conditions for the log's pages, and as the same rules for the live log, which checks each
 * event as it arrives (a userName is looked up once per user id it meets).
 */
import { filterId } from '../../db/sql/keyset.js';
import { sql, type SqlFragment } from '../../db/sql/fragment.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { statement } from '../../db/sql/fragment.js';
import { DomainError } from '../errors.js';

export interface EventSubjectFilter {
  /** Only events about this user (id). */
  userId?: string | null;
  /** Only events about users with this userName (case-insensitive), in any directory of the organization. */
  userName?: string | null;
  /** Only events about this group (id). */
  groupId?: string | null;
  /** Only events answered with one of these HTTP statuses. */
  statuses?: readonly number[] | null;
}

const MAX_STATUSES = 20;

/** The filter checked: ids are ids, statuses are HTTP statuses (INVALID_INPUT naming the field otherwise). */
export function checkSubjectFilter(filter: EventSubjectFilter): EventSubjectFilter {
  if (filter.userId) filterId(filter.userId, 'filter.userId');
  if (filter.groupId) filterId(filter.groupId, 'filter.groupId');
  if (filter.userName != null && (!filter.userName.trim() || filter.userName.length > 500)) {
    throw new DomainError('INVALID_INPUT', 'filter.userName must be 1–500 characters', { field: 'filter.userName' });
  }
  if (filter.statuses) {
    if (filter.statuses.length > MAX_STATUSES) throw new DomainError('INVALID_INPUT', `filter.statuses may name at most ${MAX_STATUSES} statuses`, { field: 'filter.statuses' });
    for (const status of filter.statuses) {
      if (!Number.isInteger(status) || status < 100 || status > 599) throw new DomainError('INVALID_INPUT', `filter.statuses: ${status} is not an HTTP status`, { field: 'filter.statuses' });
    }
  }
  return filter;
}

/**
 * Conditions on the log's rows (alias `e`) for the filter. A user or group filter is answered by the index on what
 * an event concerns (migration 20261125300000): the organization's events of one resource, in the log's order.
 */
export function subjectConditions(organizationId: string, filter: EventSubjectFilter): SqlFragment[] {
  checkSubjectFilter(filter);
  const conditions: SqlFragment[] = [];
  if (filter.userId) conditions.push(sql`e.resource_type = 'User' and e.resource_id = ${filter.userId.toLowerCase()}`);
  if (filter.userName != null) {
    conditions.push(sql`e.resource_type = 'User' and e.resource_id in (
      select u.id::text from app_user u where u.organization_id = ${organizationId} and lower(u.user_name) = lower(${filter.userName}))`);
  }
  if (filter.groupId) conditions.push(sql`e.resource_type = 'Group' and e.resource_id = ${filter.groupId.toLowerCase()}`);
  if (filter.statuses?.length) conditions.push(sql`e.status = any(${[...filter.statuses]}::int[])`);
  return conditions;
}

const USER_NAMED = statement<{ organizationId: string; userId: string; userName: string }>(
  (p) => sql`select exists (select 1 from app_user u where u.id = ${p.userId}::uuid and u.organization_id = ${p.organizationId}
     and lower(u.user_name) = lower(${p.userName})) as named`,
);

/** What the live log needs of an event to apply the filter. */
export interface FilterableEvent {
  resourceType?: string | null;
  resourceId?: string | null;
  status: number;
}

/**
 * The filter as a check of one event at a time (the live log). A userName costs one statement per distinct user
 * id among the events checked, remembered for the subscription's life: users provisioned after it started match too.
 */
export function subjectMatcher(db: Queryable, organizationId: string, filter: EventSubjectFilter): (event: FilterableEvent) => boolean | Promise<boolean> {
  checkSubjectFilter(filter);
  const named = new Map<string, Promise<boolean>>();
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : undefined;
  const userId = filter.userId?.toLowerCase();
  const groupId = filter.groupId?.toLowerCase();
  const userName = filter.userName ?? undefined;
  return (event) => {
    if (statuses && !statuses.has(event.status)) return false;
    if (userId && (event.resourceType !== 'User' || event.resourceId !== userId)) return false;
    if (groupId && (event.resourceType !== 'Group' || event.resourceId !== groupId)) return false;
    if (userName === undefined) return true;
    if (event.resourceType !== 'User' || !event.resourceId) return false;
    const id = event.resourceId;
    let answer = named.get(id);
    if (!answer) {
      answer = execute<{ organizationId: string; userId: string; userName: string }, { named: boolean }>(db, USER_NAMED, { organizationId, userId: id, userName }).then(
        (rows) => rows[0]?.named === true,
        () => false,
      );
      if (named.size < 10_000) named.set(id, answer);
    }
    return answer;
  };
}
