import { Migration } from '@mikro-orm/migrations';

/**
 * The directory's matching attribute takes effect (issue 12). Entra finds an existing user with
 * `filter=<matching attribute> eq "…"` before it creates one, so the attribute it matches by must be unique in the
 * directory, compared as that lookup compares it:
 *
 * - `userName` (the default): unique case-insensitively, as before (RFC 7643 §4.1.1, caseExact false).
 * - `externalId`: every user has one, unique exactly (RFC 7643 §3.1, caseExact true; `externalId eq` is exact).
 *   In a `userName` directory externalId is only stored: Entra's default `externalId ← mailNickname` need not be
 *   unique, and until now a shared one made the second user's create fail.
 *
 * The database decides, under parallel writes: `external_id_key` is true on the users of an `externalId` directory
 * (NULL otherwise), and the unique index over (directory, externalId, key) sees a conflict only between two true
 * keys, as NULLs are distinct. The same index answers `externalId eq` in every directory (its first two columns).
 * The key is set by a trigger whenever a user enters a directory (create, linking a manually invited user),
 * read from the directory's row with a fresh snapshot after a shared advisory lock; changing the setting
 * (matching-attribute.ts) holds that lock exclusively while it rewrites the keys, so no write lands in between
 * with the old setting.
 *
 * Directories already set to `externalId` keep it when their users can satisfy it; one with a user without an
 * externalId goes back to `userName` (the setting had no effect until now, so nothing behaves differently). The
 * old index made case-insensitive duplicates impossible, so no exact ones exist.
 */
export class Migration20261124230000_matching_attribute extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table app_user add column external_id_key boolean null;`);
    this.addSql(`alter table app_user add constraint app_user_external_id_key_true check (external_id_key);`);
    this.addSql(`update directory d set settings = d.settings || '{"matchingAttribute": "userName"}'::jsonb, updated_at = now()
      where d.settings ->> 'matchingAttribute' = 'externalId'
        and exists (select 1 from app_user u where u.directory_id = d.id and coalesce(u.external_id, '') = '');`);
    this.addSql(`update app_user u set external_id_key = true from directory d
      where d.id = u.directory_id and d.settings ->> 'matchingAttribute' = 'externalId';`);
    this.addSql(`alter table app_user add constraint app_user_external_id_required
      check (external_id_key is null or coalesce(external_id, '') <> '');`);
    this.addSql(`drop index if exists app_user_directory_external_id_unique;`);
    this.addSql(`create unique index app_user_directory_external_id_unique on app_user (directory_id, external_id, external_id_key)
      where directory_id is not null and external_id is not null;`);
    this.addSql(`create function app_user_external_id_key() returns trigger language plpgsql as $$
      begin
        if new.directory_id is null then
          new.external_id_key := null;
        else
          -- Shared with every other user entering this directory; a change of the setting takes it exclusively.
          -- The select below runs after the wait, with its own snapshot (a volatile function's statements do),
          -- so it reads the setting that change committed.
          perform pg_advisory_xact_lock_shared(hashtext('matching:' || new.directory_id::text));
          select case when d.settings ->> 'matchingAttribute' = 'externalId' then true end into new.external_id_key
            from directory d where d.id = new.directory_id;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger app_user_external_id_key_insert before insert on app_user
      for each row execute function app_user_external_id_key();`);
    this.addSql(`create trigger app_user_external_id_key_move before update of directory_id on app_user
      for each row when (new.directory_id is distinct from old.directory_id) execute function app_user_external_id_key();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists app_user_external_id_key_move on app_user;`);
    this.addSql(`drop trigger if exists app_user_external_id_key_insert on app_user;`);
    this.addSql(`drop function if exists app_user_external_id_key();`);
    this.addSql(`drop index if exists app_user_directory_external_id_unique;`);
    this.addSql(`alter table app_user drop column if exists external_id_key;`);
    // The old index is case-insensitive: exact-case duplicates of a userName directory would block it.
    this.addSql(`create unique index app_user_directory_external_id_unique on app_user (directory_id, lower(external_id))
      where directory_id is not null and external_id is not null;`);
  }
}
