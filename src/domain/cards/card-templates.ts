/** Which template a card uses, in SQL: the statements that pick or re-pick templates, built from the card rules' precedence. */
import { raw, sql, statement, type SqlFragment } from '../../db/sql/fragment.js';
import { translateDbError, type Queryable } from '../../db/sql/run.js';
import { TEMPLATE_PRECEDENCE, type TemplateSource } from './card.rules.js';
import { cards, templates } from './cards.table.js';

/** The organization's first template (the oldest): the last candidate of every card's template. */
export function organizationTemplateSql(organizationId: unknown): SqlFragment {
  return sql`(select tt.id from ${raw(templates.name)} tt where tt.organization_id = ${organizationId} order by tt.created_at, tt.id limit 1)`;
}

/** Each candidate of a user's template as SQL over trusted expressions of the user's id and organization id. */
const CANDIDATES: Record<TemplateSource, (userId: string, organizationId: string) => string> = {
  groupRule: (userId) => `(select tg.template_id from group_member tgm join scim_group tg on tg.id = tgm.group_id
      where tgm.user_id = ${userId} and tg.template_id is not null order by tg.template_priority desc, tg.display_name limit 1)`,
  directoryDefault: (userId) => `(select (td.settings ->> 'templateId')::uuid from app_user tu join directory td on td.id = tu.directory_id where tu.id = ${userId})`,
  organizationFirst: (_userId, organizationId) => organizationTemplateSql(raw(organizationId)).parts[0]!,
};

/**
 * The template of the user whose id and organization id are the trusted SQL expressions `userId` and
 * `organizationId` (`'c.user_id'`, `'c.organization_id'`): `coalesce(<group rule>, <directory default>,
 * <organization's first>)` in the order of {@link TEMPLATE_PRECEDENCE}, so every set-based statement picks what
 * templateFor would.
 */
export function templateChoice(userId: string, organizationId: string): string {
  return `coalesce(${TEMPLATE_PRECEDENCE.map((source) => CANDIDATES[source](userId, organizationId)).join(',\n    ')})`;
}

const TEMPLATE_OF_CARD = raw(templateChoice('c.user_id', 'c.organization_id'));

const refreshOf = (users: (scope: SqlFragment) => SqlFragment) =>
  statement<{ scope: string | string[] }>((p) => sql`update ${raw(cards.from)} set template_id = ${TEMPLATE_OF_CARD}, updated_at = now() where c.user_id in (${users(sql`${p.scope}`)})`);
const REFRESH = {
  groupId: refreshOf((scope) => sql`select gm.user_id from group_member gm where gm.group_id = ${scope}::uuid`),
  directoryId: refreshOf((scope) => sql`select u.id from app_user u where u.directory_id = ${scope}::uuid`),
  userIds: refreshOf((scope) => sql`select unnest(${scope}::uuid[])`),
};

/**
 * Re-picks the template of every card whose user is a member of `scope` (a group, or a directory's users, or the
 * given users) by the card rules' precedence (templateFor): the same choice provisioning makes for a new card.
 * Set-based: one statement per change. Returns how many cards it updated.
 */
export async function refreshCardTemplates(tx: Queryable, scope: { groupId: string } | { directoryId: string } | { userIds: string[] }): Promise<number> {
  const [stmt, value] = 'groupId' in scope ? [REFRESH.groupId, scope.groupId] : 'directoryId' in scope ? [REFRESH.directoryId, scope.directoryId] : [REFRESH.userIds, scope.userIds];
  try {
    return (await tx.query(stmt.text, stmt.values({ scope: value }))).rowCount ?? 0;
  } catch (error) {
    throw translateDbError(error);
  }
}
