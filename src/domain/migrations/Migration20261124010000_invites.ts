import { Migration } from '@mikro-orm/migrations';

/**
 * Invite e-mails and photo sync (issue 4, items 7 and 8).
 *
 * - `invite_token`: the accept links sent to a user, by SHA-256 of the random token (the token itself is only in
 *   the mail). Every link sent stays valid until the user accepts, so a mail sent twice by a retried job (SMTP
 *   accepted it, then the process died before recording it) never hands out a dead link.
 * - `app_user.invite_failed_at`: the invite job gave up after its retries; the sweep leaves the user alone until
 *   an admin resends (which clears it), so a bouncing address is not retried forever.
 * - `app_user.photo_checked_at`: when photo sync last finished for the user (stored, no photo, or gave up); the
 *   sweep refreshes photos older than a day and never loops on a failing user.
 */
export class Migration20261124010000_invites extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table invite_token (
      token_hash bytea primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index invite_token_user_idx on invite_token (user_id);`);
    this.addSql(`alter table app_user add column invite_failed_at timestamptz null, add column photo_checked_at timestamptz null;`);
    // The invite sweep's query: pending users not given up on.
    this.addSql(`create index app_user_invite_pending_idx on app_user (organization_id, id) where invite_status = 'pending' and invite_failed_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists app_user_invite_pending_idx;`);
    this.addSql(`alter table app_user drop column if exists invite_failed_at, drop column if exists photo_checked_at;`);
    this.addSql(`drop table if exists invite_token;`);
  }
}
