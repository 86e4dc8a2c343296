import { Migration } from '@mikro-orm/migrations';

/**
 * Group ETags that move with membership changes (issue 12). A group's version becomes the id of its newest write
 * event, or the row's own stamp from the same sequence (GROUP_VERSION_SQL in groups.provisioning.ts), so no
 * membership PATCH has to update the group's row. The partial index answers "newest write event of this group" with
 * one index probe; the row's stamp needs bigint, as event ids are.
 */
export class Migration20261124110000_group_versions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table scim_group alter column version type bigint;`);
    this.addSql(`create index provisioning_event_group_write_idx on provisioning_event (resource_id, id)
      where resource_type = 'Group' and outcome = 'success' and method in ('POST', 'PUT', 'PATCH', 'DELETE');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists provisioning_event_group_write_idx;`);
    this.addSql(`alter table scim_group alter column version type integer using least(version, 2147483647)::integer;`);
  }
}
