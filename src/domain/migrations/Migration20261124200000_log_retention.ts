import { Migration } from '@mikro-orm/migrations';

/**
 * The provisioning log at millions of events (issue 14, item 3). The log query pages by
 * `(organization_id | directory_id) … order by occurred_at desc, id desc`, which the two time indexes of the initial
 * migration answer for every filter but one: `outcome: FAILURE`. Failures are a small share of the log, so a walk of
 * the time index stops only after visiting (and fetching from the heap) every newer success, and their count read
 * the whole table. These partial indexes hold the failures alone, in the log's order, for both scopes: a page of
 * failures reads its rows and nothing else, and their count is an index-only scan of the failures.
 *
 * Retention deletes walk `provisioning_event_directory_time_idx` from its old end, and `refused_request` by its
 * primary key `(directory_id, minute, …)`: they need no index of their own.
 *
 * `if not exists`: on an existing large log an operator can build them beforehand without blocking writes
 * (`create index concurrently …`, docs/deployment.md), and this migration then finds them in place.
 */
export class Migration20261124200000_log_retention extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists provisioning_event_org_failure_idx on provisioning_event (organization_id, occurred_at desc, id desc)
      where outcome = 'failure';`);
    this.addSql(`create index if not exists provisioning_event_directory_failure_idx on provisioning_event (directory_id, occurred_at desc, id desc)
      where outcome = 'failure';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists provisioning_event_directory_failure_idx;`);
    this.addSql(`drop index if exists provisioning_event_org_failure_idx;`);
  }
}
