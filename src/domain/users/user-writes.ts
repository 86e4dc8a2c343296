/**
 * The pieces every one-statement write of a directory's user shares (live and preview): the columns it sets, their
 * values as the statement's named parameters, and its event in the same statement. All of them are derived from
 * {@link WRITTEN} (users.table.ts): a column a directory writes is named there once.
 */
import { raw, sql, type Params, type SqlFragment } from '../../db/sql/fragment.js';
import { eventInsertFrom, type WriteEventParams } from '../provisioning-log/write-events.js';
import type { CardFields } from '../cards/card.entity.js';
import { users, WRITTEN, type UserColumnsWrite } from './users.table.js';

/** What every one-statement create of a directory's user binds, live or preview: its columns, where, its card's fields. */
export interface UserCreateWrite extends UserColumnsWrite {
  organizationId: string;
  directoryId: string;
  cardFields: CardFields;
}

/** What every one-statement update of a directory's user binds, live or preview: its columns at the version read, its card's fields. */
export interface UserUpdateWrite extends UserColumnsWrite {
  id: string;
  version: number;
  cardFields: CardFields;
}

/** The values of {@link WRITTEN} in its order (an insert's columns `users.columnList(WRITTEN)`): the statement's parameters of the same names. */
export const userValues = (p: Params<UserColumnsWrite>): SqlFragment => users.valueList(WRITTEN, p);

/** The event of a one-statement write: the provisioning log's insert over the CTE row `alias` that returned the user. */
export function userEvent(p: Params<WriteEventParams>, cte: string, alias: string): SqlFragment {
  return eventInsertFrom(p, { from: `${cte} ${alias}`, organizationId: `${alias}."organizationId"`, directoryId: `${alias}."directoryId"`, resourceType: 'User', resourceId: `${alias}.id::text` });
}

/**
 * `update app_user u set …`: the columns of {@link WRITTEN} from the statement's parameters (an e-mail the directory
 * no longer sends keeps the stored one), the version moved on. The caller adds its `where` (id and version read).
 */
export const userUpdate = (p: Params<UserColumnsWrite>): SqlFragment =>
  sql`update ${raw(users.from)} set ${users.setList(WRITTEN, p, { email: sql`coalesce(${p.email}, u.email)` })}, version = u.version + 1, updated_at = now()`;

/** The columns of {@link WRITTEN} that linking a manually invited user sets: all but the e-mail it was found by (the same address), which stays as stored. */
const LINK_WRITTEN = WRITTEN.filter((prop) => prop !== 'email');

/**
 * The set list of an update that links a manually invited user to the directory (rule 4): {@link LINK_WRITTEN} from
 * the statement's parameters. The caller sets the directory, the version and what else its path changes.
 */
export const linkedUserSet = (p: Params<UserColumnsWrite>): SqlFragment => users.setList(LINK_WRITTEN, p);
