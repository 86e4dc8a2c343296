import type { InviteStatus, Role, UserOrigin } from './user.entity.js';
import { isUuid } from '../ids.js';
import { fetchKeysetPage, filterId, type KeysetOrder, type KeysetPage, type KeysetPosition } from '../../db/sql/keyset.js';
import { asDate, run, type Queryable } from '../../db/sql/run.js';
import { joinSql, sql, type SqlFragment } from '../../db/sql/fragment.js';

/** A user as the card product's API reads it. */
export interface UserView {
  id: string;
  organizationId: string;
  directoryId: string | null;
  origin: UserOrigin;
  userName: string | null;
  email: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  title: string | null;
  department: string | null;
  active: boolean;
  role: Role;
  inviteStatus: InviteStatus;
  invitedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

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
  createdAt: { expression: 'u.created_at', keyType: 'timestamptz' },
  displayName: { expression: "coalesce(lower(u.display_name), '')", keyType: 'text' },
  email: { expression: "coalesce(lower(u.email), '')", keyType: 'text' },
};

export const USER_COLUMNS = `u.id, u.organization_id, u.directory_id, u.origin, u.user_name, u.email, u.display_name, u.given_name, u.family_name,
  u.title, u.department, u.active, u.role, u.invite_status, u.invited_at, u.created_at, u.updated_at`;

export interface UserRow {
  id: string;
  organization_id: string;
  directory_id: string | null;
  origin: UserOrigin;
  user_name: string | null;
  email: string | null;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  title: string | null;
  department: string | null;
  active: boolean;
  role: Role;
  invite_status: InviteStatus;
  invited_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    organizationId: row.organization_id,
    directoryId: row.directory_id,
    origin: row.origin,
    userName: row.user_name,
    email: row.email,
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    title: row.title,
    department: row.department,
    active: row.active,
    role: row.role,
    inviteStatus: row.invite_status,
    invitedAt: row.invited_at === null ? null : asDate(row.invited_at),
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}

/** `%`, `_` and `\` in a search text match themselves. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function userConditions(organizationId: string, filter: UserFilter): SqlFragment {
  const conditions: SqlFragment[] = [sql`u.organization_id = ${organizationId}`];
  const text = filter.text?.trim();
  if (text) {
    conditions.push(sql`concat_ws(' ', u.display_name, u.given_name, u.family_name, u.email, u.user_name, u.title, u.department) ilike ${likePattern(text)}`);
  }
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
  const page = await fetchKeysetPage<UserRow>(db, {
    columns: USER_COLUMNS,
    from: 'app_user u',
    where: userConditions(organizationId, query.filter),
    order: { ...SORT_EXPRESSIONS[query.sort], idColumn: 'u.id', idType: 'uuid', direction: query.direction },
    first: query.first,
    after: query.after,
  });
  return { ...page, rows: page.rows.map((row) => ({ ...toUserView(row), sort_key: row.sort_key, sort_id: row.sort_id })) };
}

/** Users of one organization by id (ids of other organizations are simply not found). */
export async function findUsersByIds(db: Queryable, organizationId: string, ids: readonly string[]): Promise<UserView[]> {
  ids = ids.filter((id) => isUuid(id));
  if (!ids.length) return [];
  const rows = await run<UserRow>(db, `select ${USER_COLUMNS} from app_user u where u.organization_id = $1 and u.id = any($2::uuid[])`, [organizationId, ids]);
  return rows.map(toUserView);
}

/** The seat each user holds, by user id. */
export async function findSeatsByUserIds(db: Queryable, userIds: readonly string[]): Promise<{ id: string; userId: string; claimedAt: Date | null }[]> {
  const rows = await run<{ id: string; user_id: string; claimed_at: Date | string | null }>(db, 'select id::text, user_id, claimed_at from seat where user_id = any($1::uuid[])', [userIds]);
  return rows.map((r) => ({ id: r.id, userId: r.user_id, claimedAt: r.claimed_at === null ? null : asDate(r.claimed_at) }));
}
