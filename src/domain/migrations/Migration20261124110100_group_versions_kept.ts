import { Migration } from '@mikro-orm/migrations';

/**
 * A group's version is the id of its newest write event (GROUP_VERSION_SQL in group-version.ts), or the row's own
 * stamp when that is higher. Deleting events — log retention, a cascade — must not take a version back to an older
 * value a client may still hold: before the events go, the statement's deleted group write events lift each group's
 * stamp to the newest of them. One update per group per delete statement (a statement-level trigger over the
 * statement's deleted rows), whatever the number of events it deletes, and none for a group whose version a newer
 * write event still gives (one probe of provisioning_event_group_write_idx).
 */
export class Migration20261124110100_group_versions_kept extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function scim_group_keep_versions() returns trigger language plpgsql as $$
      begin
        update scim_group g set version = gone.id
          from (select e.resource_id::uuid as group_id, max(e.id) as id from deleted_events e
                where e.resource_type = 'Group' and e.outcome = 'success' and e.method in ('POST', 'PUT', 'PATCH', 'DELETE')
                  and e.resource_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                group by e.resource_id::uuid) gone
         where g.id = gone.group_id and g.version < gone.id
           and not exists (select 1 from provisioning_event n where n.resource_type = 'Group' and n.resource_id = g.id::text
                             and n.outcome = 'success' and n.method in ('POST', 'PUT', 'PATCH', 'DELETE') and n.id > gone.id);
        return null;
      end $$;`);
    this.addSql(`create trigger provisioning_event_keeps_group_versions after delete on provisioning_event
      referencing old table as deleted_events for each statement execute function scim_group_keep_versions();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists provisioning_event_keeps_group_versions on provisioning_event;`);
    this.addSql(`drop function if exists scim_group_keep_versions();`);
  }
}
