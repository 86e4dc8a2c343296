import { DomainError } from '../errors.js';
import { isUuid } from '../ids.js';
import { fetchKeysetPage, filterId, type KeysetPage, type KeysetPosition } from '../../db/sql/keyset.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { joinSql, raw, sql, statement, type SqlFragment } from '../../db/sql/fragment.js';
import { likePattern, type UserView } from '../users/users.queries.js';
import { viewColumns as userColumns } from '../users/users.table.js';
import { groups, viewColumns, type GroupView } from './group.table.js';

export type { GroupView } from './group.table.js';

/** The view's columns and its member count (one index probe per group). */
const GROUP_COLUMNS = `${viewColumns.sql}, (select count(*) from group_member c where c.group_id = g.id)::int as "memberCount"`;
const toGroupView = (row: Record<string, unknown>): GroupView => viewColumns.read(row) as GroupView;

export interface GroupFilter {
  directoryId?: string;
  text?: string;
  hasTemplate?: boolean;
}

/** One page of an organization's groups, by name, with the filtered total. */
export async function findGroupsPage(db: Queryable, organizationId: string, query: { filter: GroupFilter; first: number; after?: KeysetPosition }): Promise<KeysetPage<GroupView>> {
  const conditions: SqlFragment[] = [sql`g.organization_id = ${organizationId}`];
  if (query.filter.directoryId) conditions.push(sql`g.directory_id = ${filterId(query.filter.directoryId, 'filter.directoryId')}::uuid`);
  if (query.filter.text?.trim()) conditions.push(sql`g.display_name ilike ${likePattern(query.filter.text.trim())}`);
  if (query.filter.hasTemplate !== undefined) conditions.push(query.filter.hasTemplate ? sql`g.template_id is not null` : sql`g.template_id is null`);
  const page = await fetchKeysetPage<Record<string, unknown> & { sort_key: string; sort_id: string }>(db, {
    columns: GROUP_COLUMNS,
    from: groups.from,
    where: joinSql(conditions, ' and '),
    order: { expression: 'lower(g.display_name)', keyType: 'text', idColumn: 'g.id', idType: 'uuid', direction: 'asc' },
    first: query.first,
    after: query.after,
  });
  return { ...page, rows: page.rows.map((row) => ({ ...toGroupView(row), sort_key: row.sort_key, sort_id: row.sort_id })) };
}

const byIds = statement<{ organizationId: string; ids: string[] }>(
  (p) => sql`select ${raw(GROUP_COLUMNS)} from ${raw(groups.from)} where g.organization_id = ${p.organizationId} and g.id = any(${p.ids}::uuid[])`,
);

/** Groups of one organization by id. */
export async function findGroupsByIds(db: Queryable, organizationId: string, ids: readonly string[]): Promise<GroupView[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return (await execute(db, byIds, { organizationId, ids: valid })).map(toGroupView);
}

const byUsers = statement<{ userIds: readonly string[] }>(
  (p) => sql`select gm.user_id as "userId", ${raw(GROUP_COLUMNS)} from group_member gm join ${raw(groups.from)} on g.id = gm.group_id
     where gm.user_id = any(${p.userIds}::uuid[]) order by lower(g.display_name), g.id`,
);

/** The groups each user belongs to (by name), in one statement for any number of users. */
export async function findGroupsByUserIds(db: Queryable, userIds: readonly string[]): Promise<Map<string, GroupView[]>> {
  const rows = await execute<{ userIds: readonly string[] }, Record<string, unknown> & { userId: string }>(db, byUsers, { userIds });
  const byUser = new Map<string, GroupView[]>();
  for (const { userId, ...row } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), toGroupView(row)]);
  return byUser;
}

const memberPages = statement<{ groupIds: readonly string[]; limit: number; afterKey: string | null; afterId: string | null }>(
  (p) => sql`select gid as group_id, m.* from unnest(${p.groupIds}::uuid[]) as gid cross join lateral (
       select ${raw(userColumns.sql)}, gm.added_at::text as sort_key, u.id::text as sort_id
       from group_member gm join app_user u on u.id = gm.user_id
       where gm.group_id = gid and (${p.afterKey}::timestamptz is null or (gm.added_at, gm.user_id) > (${p.afterKey}::timestamptz, ${p.afterId}::uuid))
       order by gm.added_at, gm.user_id limit ${p.limit}) m`,
);

/**
 * One page of members for each of several groups (same `first`/`after` for all), in one statement: a lateral
 * join per group, so a page of groups with their first members costs one query, not one per group.
 */
export async function findMembersPages(
  db: Queryable,
  groupIds: readonly string[],
  page: { first: number; after?: KeysetPosition },
): Promise<Map<string, { rows: (UserView & { sort_key: string; sort_id: string })[]; hasNextPage: boolean }>> {
  const after = page.after;
  if (after && !(/^\d{4}-/.test(after.key) && isUuid(after.id))) throw new DomainError('INVALID_INPUT', 'after is not a cursor of this list', { field: 'after' });
  const rows = await execute<Parameters<typeof memberPages.values>[0], Record<string, unknown> & { group_id: string; sort_key: string; sort_id: string }>(db, memberPages, {
    groupIds,
    limit: page.first + 1,
    afterKey: after?.key ?? null,
    afterId: after?.id ?? null,
  });
  const pages = new Map<string, { rows: (UserView & { sort_key: string; sort_id: string })[]; hasNextPage: boolean }>();
  for (const id of groupIds) pages.set(id, { rows: [], hasNextPage: false });
  for (const row of rows) {
    const entry = pages.get(row.group_id)!;
    if (entry.rows.length < page.first) entry.rows.push(userColumns.read(row) as UserView & { sort_key: string; sort_id: string });
    else entry.hasNextPage = true;
  }
  return pages;
}
