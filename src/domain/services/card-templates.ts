import type { Queryable } from '../../db/sql/run.js';

/**
 * Re-picks the template of every card whose user is a member of `scope` (a group, or a directory's users):
 * the highest-priority group rule, else the directory's default template, else the organization's first
 * template (the same choice provisioning makes for a new card). Set-based: one statement per change.
 */
export async function refreshCardTemplates(tx: Queryable, scope: { groupId: string } | { directoryId: string } | { userIds: string[] }): Promise<number> {
  const [users, param] =
    'groupId' in scope
      ? ['select gm.user_id from group_member gm where gm.group_id = $1::uuid', scope.groupId]
      : 'directoryId' in scope
        ? ['select u.id from app_user u where u.directory_id = $1::uuid', scope.directoryId]
        : ['select unnest($1::uuid[])', scope.userIds];
  const result = await tx.query(
    `update card c set template_id = coalesce(
        (select g.template_id from group_member gm join scim_group g on g.id = gm.group_id
          where gm.user_id = c.user_id and g.template_id is not null order by g.template_priority desc, g.display_name limit 1),
        (select (d.settings ->> 'templateId')::uuid from app_user u join directory d on d.id = u.directory_id where u.id = c.user_id),
        (select t.id from template t where t.organization_id = c.organization_id order by t.created_at, t.id limit 1)),
       updated_at = now()
     where c.user_id in (${users})`,
    [param],
  );
  return result.rowCount ?? 0;
}
