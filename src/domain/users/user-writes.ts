/**
 * The pieces every one-statement write of a directory's user shares (live and preview): the columns it sets, their
 * values as the statement's named parameters, and its event in the same statement.
 */
import { joinSql, raw, sql, type Params, type SqlFragment } from '../../db/sql/fragment.js';
import { eventInsertFrom, type WriteEventParams } from '../provisioning-log/write-events.js';
import { users, type UserColumnsWrite } from './users.table.js';

/** The user columns a directory's write sets, in the order of {@link userValues}. */
export const WRITTEN = ['userName', 'externalId', 'active', 'email', 'displayName', 'givenName', 'familyName', 'title', 'department', 'attributes'] as const;

/** The values of {@link WRITTEN}: the statement's parameters of the same names. */
export const userValues = (p: Params<UserColumnsWrite>): SqlFragment =>
  sql`${p.userName}, ${p.externalId}, ${p.active}, ${p.email}, ${p.displayName}, ${p.givenName}, ${p.familyName}, ${p.title}, ${p.department}, ${p.attributes}`;

/** The event of a one-statement write: the provisioning log's insert over the CTE row `alias` that returned the user. */
export function userEvent(p: Params<WriteEventParams>, cte: string, alias: string): SqlFragment {
  return eventInsertFrom(p, { from: `${cte} ${alias}`, organizationId: `${alias}."organizationId"`, directoryId: `${alias}."directoryId"`, resourceType: 'User', resourceId: `${alias}.id::text` });
}

/**
 * `update app_user u set …`: the columns of {@link WRITTEN} from the statement's parameters (an e-mail the directory
 * no longer sends keeps the stored one), the version moved on. The caller adds its `where` (id and version read).
 */
export const userUpdate = (p: Params<UserColumnsWrite>): SqlFragment => {
  const sets = WRITTEN.map((prop) => (prop === 'email' ? sql`${raw(users.column(prop))} = coalesce(${p.email}, u.email)` : sql`${raw(users.column(prop))} = ${p[prop]}`));
  return sql`update ${raw(users.from)} set ${joinSql(sets, ', ')}, version = u.version + 1, updated_at = now()`;
};
