import { Migration } from '@mikro-orm/migrations';

/**
 * The provisioning log by what an event concerns (issue 13): the admin portal filters the log by user or group. A
 * partial index on the organization's events that name a resource, in the log's order, so such a page reads its rows
 * and stops, at any log size; reads of lists (no resource id) stay out of it and cost it nothing. For a large
 * existing log, build it first with `create index concurrently …` (docs/deployment.md); this migration then finds it.
 */
export class Migration20261125300000_event_subject_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists provisioning_event_org_resource_idx on provisioning_event (organization_id, resource_id, occurred_at desc, id desc)
      where resource_id is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists provisioning_event_org_resource_idx;');
  }
}
