import type { Pool } from 'pg';
import { DomainError } from '../errors.js';
import { resizeSeatPool } from './organizations.service.js';
import { inTransaction, run, type Queryable } from '../../db/sql/run.js';

/** What updateOrganization changes; omitted fields stay as they are. `entraTenantId: null` removes the stored tenant. */
export interface OrganizationChange {
  name?: string;
  seatLimit?: number;
  emailDomains?: string[];
  microsoftSignIn?: boolean;
  entraTenantId?: string | null;
}

/** The change as the API receives it: any field may be null. */
export type OrganizationChangeInput = { [K in keyof OrganizationChange]?: OrganizationChange[K] | null };

export const MAX_EMAIL_DOMAINS = 50;
export const MAX_SEAT_LIMIT = 1_000_000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The fields that change: null and omitted both leave a field as it is, except `entraTenantId`, which null removes. */
export function organizationChange(input: OrganizationChangeInput): OrganizationChange {
  const change: OrganizationChange = {};
  if (input.name != null) change.name = input.name;
  if (input.seatLimit != null) change.seatLimit = input.seatLimit;
  if (input.emailDomains != null) change.emailDomains = input.emailDomains;
  if (input.microsoftSignIn != null) change.microsoftSignIn = input.microsoftSignIn;
  if (input.entraTenantId !== undefined) change.entraTenantId = input.entraTenantId;
  return change;
}

/** True for a DNS name an e-mail address can end in: two or more labels of letters, digits and inner dashes; no numeric top level. */
function isDomainName(domain: string): boolean {
  const labels = domain.split('.');
  return domain.length <= 253 && labels.length >= 2 && labels.every((label) => DNS_LABEL.test(label)) && !/^\d+$/.test(labels.at(-1)!);
}

/** Lower-cased, trimmed and de-duplicated (first occurrence kept); every message names the domain at fault. */
function normalizeDomains(domains: string[]): string[] {
  const unique = [...new Set(domains.map((domain) => domain.trim().toLowerCase()))];
  const invalid = unique.find((domain) => !isDomainName(domain));
  if (invalid !== undefined) throw new DomainError('INVALID_INPUT', `emailDomains: "${invalid}" is not a domain name like example.com`, { field: 'emailDomains' });
  if (unique.length > MAX_EMAIL_DOMAINS) throw new DomainError('INVALID_INPUT', `emailDomains may list at most ${MAX_EMAIL_DOMAINS} domains (got ${unique.length})`, { field: 'emailDomains' });
  return unique;
}

/** Checks and normalizes a change: trimmed name, lower-cased domains and tenant id. */
export function validateOrganizationChange(change: OrganizationChange): OrganizationChange {
  const valid: OrganizationChange = { ...change };
  if (change.name !== undefined) {
    valid.name = change.name.trim();
    if (!valid.name || valid.name.length > 200) throw new DomainError('INVALID_INPUT', 'name must be 1–200 characters', { field: 'name' });
  }
  if (change.seatLimit !== undefined && (!Number.isInteger(change.seatLimit) || change.seatLimit < 0 || change.seatLimit > MAX_SEAT_LIMIT)) {
    throw new DomainError('INVALID_INPUT', `seatLimit must be a whole number between 0 and ${MAX_SEAT_LIMIT}`, { field: 'seatLimit' });
  }
  if (change.emailDomains !== undefined) valid.emailDomains = normalizeDomains(change.emailDomains);
  if (typeof change.entraTenantId === 'string') {
    valid.entraTenantId = change.entraTenantId.trim().toLowerCase();
    if (!GUID.test(valid.entraTenantId)) {
      throw new DomainError('INVALID_INPUT', 'entraTenantId must be a GUID like 00000000-0000-0000-0000-000000000000 (Entra admin center → Overview → Tenant ID)', { field: 'entraTenantId' });
    }
  }
  return valid;
}

/** Sign in with Microsoft needs a tenant: refuses a change that would leave it on without one. */
function assertTenantForSignIn(change: OrganizationChange, stored: { entra_tenant_id: string | null; microsoft_sign_in: boolean }): void {
  if (change.microsoftSignIn === undefined && change.entraTenantId === undefined) return;
  const signIn = change.microsoftSignIn ?? stored.microsoft_sign_in;
  const tenant = change.entraTenantId === undefined ? stored.entra_tenant_id : change.entraTenantId;
  if (signIn && !tenant) {
    const message = change.microsoftSignIn
      ? 'entraTenantId is required to turn on Sign in with Microsoft: give the Entra tenant id (a GUID)'
      : 'entraTenantId cannot be removed while Sign in with Microsoft is on; turn microsoftSignIn off in the same change';
    throw new DomainError('INVALID_INPUT', message, { field: 'entraTenantId' });
  }
}

/**
 * The one answer to every tenant claim that is not granted: a missing or bad proof, a proof from another tenant, and
 * a tenant another organization holds all read the same, so the answer tells nobody which tenants are taken.
 */
export const TENANT_CLAIM_REFUSED =
  'the Entra tenant cannot be connected: send entraTenantProof, a current ID token from Sign in with Microsoft (this server\'s app) of a Global Administrator, Application Administrator or Cloud Application Administrator of that tenant';

export function tenantClaimRefused(cause?: unknown): DomainError {
  return new DomainError('FORBIDDEN', TENANT_CLAIM_REFUSED, { field: 'entraTenantProof', cause });
}

/** A tenant an administrator of it proved the caller may connect (auth/microsoft-sign-in verifies the proof). */
export interface TenantProof {
  tenantId: string;
}

interface StoredOrganization {
  entra_tenant_id: string | null;
  microsoft_sign_in: boolean;
}

/**
 * Connects `tenantId` to the organization when `proof` is from that tenant. Another organization's proven claim
 * wins (refused, without saying so); a claim made before proofs were required gives way to the proven one: that
 * organization loses the tenant, Sign in with Microsoft and its users' bindings.
 */
async function claimTenant(tx: Queryable, organizationId: string, tenantId: string, proof: TenantProof | undefined): Promise<void> {
  if (proof?.tenantId.toLowerCase() !== tenantId) throw tenantClaimRefused();
  const holders = await run<{ id: string; verified: boolean }>(
    tx,
    `select id, entra_tenant_verified_at is not null as verified from organization
     where lower(entra_tenant_id) = $1 and id <> $2 for no key update`,
    [tenantId, organizationId],
  );
  if (holders.some((holder) => holder.verified)) throw tenantClaimRefused();
  for (const holder of holders) {
    await run(tx, 'update organization set entra_tenant_id = null, entra_tenant_verified_at = null, microsoft_sign_in = false, updated_at = now() where id = $1', [holder.id]);
    await clearMicrosoftBindings(tx, holder.id);
  }
}

/** Bindings belong to the tenant claim: when it goes, users bind again at their next sign-in. */
async function clearMicrosoftBindings(tx: Queryable, organizationId: string): Promise<void> {
  await run(tx, 'update app_user set microsoft_oid = null, microsoft_tenant_id = null, updated_at = now() where organization_id = $1 and microsoft_oid is not null', [organizationId]);
}

/**
 * Changes an organization's settings in one transaction (the row locked, so concurrent changes serialize). A new
 * seat limit resizes the seat pool; lowering it below the seats in use is a CONFLICT and nothing changes.
 * A new Entra tenant needs `proof` from that tenant ({@link claimTenant}); keeping the stored one does not, and a
 * proof for it marks the claim proven. Sign in with Microsoft reads these columns on every sign-in, so the change
 * applies at once on every instance.
 */
export async function updateOrganization(pool: Pool, organizationId: string, change: OrganizationChange, proof?: TenantProof): Promise<void> {
  const valid = validateOrganizationChange(change);
  try {
    await inTransaction(pool, async (tx) => {
      const [stored] = await run<StoredOrganization>(tx, 'select entra_tenant_id, microsoft_sign_in from organization where id = $1 for no key update', [organizationId]);
      if (!stored) throw new DomainError('NOT_FOUND', 'the organization no longer exists');
      assertTenantForSignIn(valid, stored);
      const tenant = valid.entraTenantId;
      const changesTenant = tenant !== undefined && tenant !== (stored.entra_tenant_id?.toLowerCase() ?? null);
      const proven = typeof tenant === 'string' && (changesTenant || proof !== undefined);
      if (proven) await claimTenant(tx, organizationId, tenant, proof);
      if (changesTenant) await clearMicrosoftBindings(tx, organizationId);
      await tx.query(
        `update organization set name = coalesce($2, name), email_domains = coalesce($3::text[], email_domains),
           microsoft_sign_in = coalesce($4, microsoft_sign_in), entra_tenant_id = case when $5 then $6 else entra_tenant_id end,
           entra_tenant_verified_at = case when $7 then now() when $5 and $6::text is null then null else entra_tenant_verified_at end, updated_at = now()
         where id = $1`,
        [organizationId, valid.name ?? null, valid.emailDomains ?? null, valid.microsoftSignIn ?? null, tenant !== undefined, tenant ?? null, proven],
      );
      if (valid.seatLimit !== undefined) await resizeSeatPool(tx, organizationId, valid.seatLimit);
    });
  } catch (error) {
    // Two organizations proving the same free tenant at once: the unique index refuses the second, like any claim.
    if (error instanceof DomainError && (error.cause as { constraint?: string } | undefined)?.constraint === 'organization_entra_tenant_unique') throw tenantClaimRefused(error);
    throw error;
  }
}
