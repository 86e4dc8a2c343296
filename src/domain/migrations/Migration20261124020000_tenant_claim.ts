import { Migration } from '@mikro-orm/migrations';

/**
 * One organization per Entra tenant for Sign in with Microsoft: a second organization cannot name a tenant another
 * one already holds, so a Microsoft sign-in always resolves to exactly one organization.
 */
export class Migration20261124020000_tenant_claim extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create unique index organization_entra_tenant_unique on organization (lower(entra_tenant_id)) where entra_tenant_id is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists organization_entra_tenant_unique;`);
  }
}
