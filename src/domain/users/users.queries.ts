/** Reads of users for the card product's API (GraphQL): pages, by id. */
import type { Role, UserOrigin } from './user.entity.js';
import { isUuid } from '../ids.js';
import { fetchKeysetPage, filterId, type KeysetOrder, type KeysetPage, type KeysetPosition } from '../../db/sql/keyset.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { joinSql, raw, sql, statement, type SqlFragment } from '../../db/sql/fragment.js';
import { users, viewColumns, type UserView } from './users.table.js';

export type { UserView } from './users.table.js';

export interface UserFilter {
  text?: string;
  active?: boolean;
  groupId?: string;
  origin?: UserOrigin;
  directoryId?: string;
  role?: Role;
}

export type UserSort = 'createdAt' | 'displayName' | 'email';

const SORT_EXPRESSIONS: Record<UserSort, Pick<KeysetOrder, 'expression' | 'keyType'>> = {
  createdAt: { expression: users.col('createdAt'), keyType: 'timestamptz' },
  displayName: { expression: `coalesce(lower(${users.col('displayName')}), '')`, keyType: 'text' },
  email: { expression: `coalesce(lower(${users.col('email')}), '')`, keyType: 'text' },
};

/** `%`, `_` and `\` in a search text match themselves. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The columns a search text is looked for in, as one text. */
const SEARCH_TEXT = `concat_ws(' ', ${(['displayName', 'givenName', 'familyName', 'email', 'userName', 'title', 'department'] as const).map((p) => users.col(p)).join(', ')})`;

function userConditions(organizationId: string, filter: UserFilter): SqlFragment {
  const conditions: SqlFragment[] = [sql`u.organization_id = ${organizationId}`];
  const text = filter.text?.trim();
  if (text) conditions.push(sql`${raw(SEARCH_TEXT)} ilike ${likePattern(text)}`);
  if (filter.active !== undefined) conditions.push(sql`u.active = ${filter.active}`);
  if (filter.origin) conditions.push(sql`u.origin = ${filter.origin}`);
  if (filter.directoryId) conditions.push(sql`u.directory_id = ${filterId(filter.directoryId, 'filter.directoryId')}::uuid`);
  if (filter.role) conditions.push(sql`u.role = ${filter.role}`);
  if (filter.groupId) conditions.push(sql`exists (select 1 from group_member gm where gm.user_id = u.id and gm.group_id = ${filterId(filter.groupId, 'filter.groupId')}::uuid)`);
  return joinSql(conditions, ' and ');
}

/** One page of an organization's users (filtered, sorted) with the filtered total, in one statement. */
export async function findUsersPage(
  db: Queryable,
  organizationId: string,
  query: { filter: UserFilter; sort: UserSort; direction: 'asc' | 'desc'; first: number; after?: KeysetPosition },
): Promise<KeysetPage<UserView>> {
  const page = await fetchKeysetPage<Record<string, unknown>>(db, {
    columns: viewColumns.sql,
    from: users.from,
    where: userConditions(organizationId, query.filter),
    order: { ...SORT_EXPRESSIONS[query.sort], idColumn: users.col('id'), idType: 'uuid', direction: query.direction },
    first: query.first,
    after: query.after,
  });
  return { ...page, rows: page.rows.map((row) => viewColumns.read(row) as KeysetPage<UserView>['rows'][number]) };
}

const byIds = statement<{ organizationId: string; ids: readonly string[] }>(
  (p) => sql`select ${viewColumns.fragment} from ${raw(users.from)} where u.organization_id = ${p.organizationId} and u.id = any(${p.ids}::uuid[])`,
);

/** Users of one organization by id (ids of other organizations are simply not found). */
export async function findUsersByIds(db: Queryable, organizationId: string, ids: readonly string[]): Promise<UserView[]> {
  ids = ids.filter((id) => isUuid(id));
  if (!ids.length) return [];
  return (await execute(db, byIds, { organizationId, ids })).map((row) => viewColumns.read(row) as UserView);
}
