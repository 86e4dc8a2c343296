import { Migration } from '@mikro-orm/migrations';

/**
 * What the provisioning log shows (issue 11, item 10).
 *
 * - `refused_request`: requests under a directory's Tenant URL refused before they were served (401 missing or
 *   wrong token, 403 disabled directory, 429, 503 overload), one row per directory, minute, reason and status with
 *   a count, so a flood of refusals writes a bounded number of rows.
 * - `directory.last_request_at`: when the directory last sent a request its token authenticated; `lastSyncAt`
 *   reads it. Written debounced by each instance, outside every request's transaction; background jobs (photo
 *   sync, invite e-mails) never move it. Filled from the provisioning log's requests (not its jobs' entries).
 */
export class Migration20261124050000_refused_requests extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table refused_request (
      directory_id uuid not null references directory (id) on delete cascade,
      minute timestamptz not null,
      reason text not null,
      status integer not null,
      count integer not null check (count > 0),
      last_at timestamptz not null,
      primary key (directory_id, minute, reason, status)
    );`);
    this.addSql(`alter table directory add column last_request_at timestamptz null;`);
    this.addSql(`update directory d set last_request_at = (select max(e.occurred_at) from provisioning_event e where e.directory_id = d.id and e.method <> 'JOB');`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table directory drop column if exists last_request_at;`);
    this.addSql(`drop table if exists refused_request;`);
  }
}
