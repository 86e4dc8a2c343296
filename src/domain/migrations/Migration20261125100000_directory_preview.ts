import { Migration } from '@mikro-orm/migrations';

/**
 * Preview mode (issue 13, item 4). A directory whose `settings.mode` is `preview` stores Entra's users and groups as
 * a live one does, but claims no seat and makes no card: what the card would hold is kept in `preview_card` until
 * the directory goes live (`goLiveDirectory`), which claims the seats, makes the cards from these rows and deletes
 * them. The mode itself is a directory setting (JSON), so no column: directories without it are live.
 */
export class Migration20261125100000_directory_preview extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table preview_card (
      user_id uuid primary key references app_user (id) on delete cascade,
      directory_id uuid not null references directory (id) on delete cascade,
      fields jsonb not null default '{}',
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create index preview_card_directory_idx on preview_card (directory_id);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists preview_card;`);
  }
}
