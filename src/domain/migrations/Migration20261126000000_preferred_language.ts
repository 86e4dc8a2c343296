import { Migration } from '@mikro-orm/migrations';

/**
 * A user's preferred languages as a column (issue 15): SCIM core `preferredLanguage` (RFC 7643 §4.1.1, an
 * Accept-Language value such as `de-DE` or `de-DE, en;q=0.8`; Entra's default attribute mapping sends it), so the
 * card product can read and query it (`User.preferredLanguage` in GraphQL). The value itself was already stored, in
 * the directory's document (`attributes`); existing users get it from there, so the column and the document agree
 * from the start. Nullable: manually invited users and directories that do not send it have none.
 */
export class Migration20261126000000_preferred_language extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table app_user add column preferred_language text null;`);
    this.addSql(`update app_user set preferred_language = attributes ->> 'preferredLanguage'
      where jsonb_typeof(attributes -> 'preferredLanguage') = 'string' and attributes ->> 'preferredLanguage' <> '';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table app_user drop column if exists preferred_language;`);
  }
}
