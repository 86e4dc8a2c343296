import { DomainError } from '../errors.js';
import { isUuid } from '../ids.js';
import { fetchKeysetPage, filterId, type KeysetPage, type KeysetPosition } from '../../db/sql/keyset.js';
import { asDate, run, type Queryable } from '../../db/sql/run.js';
import { joinSql, sql, type SqlFragment } from '../../db/sql/fragment.js';
import { likePattern, type UserView } from '../users/users.queries.js';
import { viewColumns as userColumns } from '../users/users.table.js';

/** A directory group as the card product's API reads it. */
export interface GroupView {
  id: string;
  organizationId: string;
  directoryId: string;
  displayName: string;
  externalId: string | null;
  templateId: string | null;
  templatePriority: number;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

interface GroupRow {
  id: string;
  organization_id: string;
  directory_id: string;
  display_name: string;
  external_id: string | null;
  template_id: string | null;
  template_priority: number;
  member_count: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const GROUP_COLUMNS = `g.id, g.organization_id, g.directory_id, g.display_name, g.external_id, g.template_id, g.template_priority,
  (select count(*) from group_member c where c.group_id = g.id)::int as member_count, g.created_at, g.updated_at`;

function toGroupView(row: GroupRow): GroupView {
  return {
    id: row.id,
    organizationId: row.organization_id,
    directoryId: row.directory_id,
    displayName: row.display_name,
    externalId: row.external_id,
    templateId: row.template_id,
    templatePriority: row.template_priority,
    memberCount: row.member_count,
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}

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
  const page = await fetchKeysetPage<GroupRow>(db, {
    columns: GROUP_COLUMNS,
    from: 'scim_group g',
    where: joinSql(conditions, ' and '),
    order: { expression: 'lower(g.display_name)', keyType: 'text', idColumn: 'g.id', idType: 'uuid', direction: 'asc' },
    first: query.first,
    after: query.after,
  });
  return { ...page, rows: page.rows.map((row) => ({ ...toGroupView(row), sort_key: row.sort_key, sort_id: row.sort_id })) };
}

/** Groups of one organization by id. */
export async function findGroupsByIds(db: Queryable, organizationId: string, ids: readonly string[]): Promise<GroupView[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  const rows = await run<GroupRow>(db, `select ${GROUP_COLUMNS} from scim_group g where g.organization_id = $1 and g.id = any($2::uuid[])`, [organizationId, valid]);
  return rows.map(toGroupView);
}

/** The groups each user belongs to (by name), in one statement for any number of users. */
export async function findGroupsByUserIds(db: Queryable, userIds: readonly string[]): Promise<Map<string, GroupView[]>> {
  const rows = await run<GroupRow & { user_id: string }>(
    db,
    `select gm.user_id, ${GROUP_COLUMNS} from group_member gm join scim_group g on g.id = gm.group_id
     where gm.user_id = any($1::uuid[]) order by lower(g.display_name), g.id`,
    [userIds],
  );
  const byUser = new Map<string, GroupView[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), toGroupView(row)]);
  return byUser;
}

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
  const rows = await run<Record<string, unknown> & { group_id: string; sort_key: string; sort_id: string }>(
    db,
    `select gid as group_id, m.* from unnest($1::uuid[]) as gid cross join lateral (
       select ${userColumns.sql}, gm.added_at::text as sort_key, u.id::text as sort_id
       from group_member gm join app_user u on u.id = gm.user_id
       where gm.group_id = gid and ($3::timestamptz is null or (gm.added_at, gm.user_id) > ($3::timestamptz, $4::uuid))
       order by gm.added_at, gm.user_id limit $2) m`,
    [groupIds, page.first + 1, after?.key ?? null, after?.id ?? null],
  );
  const pages = new Map<string, { rows: (UserView & { sort_key: string; sort_id: string })[]; hasNextPage: boolean }>();
  for (const id of groupIds) pages.set(id, { rows: [], hasNextPage: false });
  for (const row of rows) {
    const entry = pages.get(row.group_id)!;
    if (entry.rows.length < page.first) entry.rows.push(userColumns.read(row) as UserView & { sort_key: string; sort_id: string });
    else entry.hasNextPage = true;
  }
  return pages;
}
