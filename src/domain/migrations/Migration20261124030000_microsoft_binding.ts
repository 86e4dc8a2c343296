import { Migration } from '@mikro-orm/migrations';

/**
 * Sign in with Microsoft binds a user to one Microsoft account by the pair Microsoft guarantees to be stable and
 * unique: tenant id (`tid`) and object id (`oid`), never by the mutable `email` claim (the "nOAuth" pattern).
 *
 * - `app_user.microsoft_tenant_id`: the `tid` half of the binding; set and cleared together with `microsoft_oid`.
 * - Bindings made before this migration were made by an unverified e-mail claim, so they may name a guest or an
 *   account that only claimed the user's address. They are dropped: the real user binds again at their next
 *   sign-in by what the tenant vouches for (user principal name = the directory's userName, or a verified e-mail).
 * - `organization.entra_tenant_verified_at`: when an administrator of the tenant proved the organization's claim
 *   on it. Claims made before this migration have none; a proven claim from another organization replaces them.
 */
export class Migration20261124030000_microsoft_binding extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table app_user add column microsoft_tenant_id text null;`);
    this.addSql(`update app_user set microsoft_oid = null where microsoft_oid is not null;`);
    this.addSql(`alter table app_user add constraint app_user_microsoft_binding_whole check ((microsoft_oid is null) = (microsoft_tenant_id is null));`);
    this.addSql(`alter table organization add column entra_tenant_verified_at timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table organization drop column if exists entra_tenant_verified_at;`);
    this.addSql(`alter table app_user drop constraint if exists app_user_microsoft_binding_whole;`);
    this.addSql(`alter table app_user drop column if exists microsoft_tenant_id;`);
  }
}
