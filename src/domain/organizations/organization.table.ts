import { EntityTable, type RowOf } from '../../db/sql/entity-table.js';
import { Organization } from './organization.entity.js';
import { TENANT_CLAIM_REFUSED } from './organization.rules.js';

/**
 * The organization table, mapped once from its entity. The Entra tenant index (Migration20261124020000_tenant_claim)
 * answers as every refused tenant claim does, so no message tells which tenants another organization holds.
 */
export const organizations = new EntityTable(Organization, 'o', {
  organization_slug_unique: 'an organization with this slug already exists',
  organization_entra_tenant_unique: TENANT_CLAIM_REFUSED,
});

/** An organization as a directory's creation returns it. */
export const summaryColumns = organizations.projection(['id', 'slug', 'name', 'seatLimit'], { qualified: false });
export type OrganizationSummary = RowOf<Organization, 'id' | 'slug' | 'name' | 'seatLimit'>;

/** An organization as the card product's API reads it. */
export const viewColumns = organizations.projection(['id', 'slug', 'name', 'emailDomains', 'microsoftSignIn']);
export type OrganizationView = RowOf<Organization, 'id' | 'slug' | 'name' | 'emailDomains' | 'microsoftSignIn'>;
