import type { Pool } from 'pg';
import { DomainError } from '../errors.js';
import { resizeSeatPool } from './organizations.service.js';
import { inTransaction, run } from './sql.js';

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
 * Changes an organization's settings in one transaction (the row locked, so concurrent changes serialize). A new
 * seat limit resizes the seat pool; lowering it below the seats in use is a CONFLICT and nothing changes.
 * Sign in with Microsoft reads these columns on every sign-in, so the change applies at once on every instance.
 */
export async function updateOrganization(pool: Pool, organizationId: string, change: OrganizationChange): Promise<void> {
  const valid = validateOrganizationChange(change);
  await inTransaction(pool, async (tx) => {
    const [stored] = await run<{ entra_tenant_id: string | null; microsoft_sign_in: boolean }>(
      tx,
      'select entra_tenant_id, microsoft_sign_in from organization where id = $1 for no key update',
      [organizationId],
    );
    if (!stored) throw new DomainError('NOT_FOUND', 'the organization no longer exists');
    assertTenantForSignIn(valid, stored);
    await tx.query(
      `update organization set name = coalesce($2, name), email_domains = coalesce($3::text[], email_domains),
         microsoft_sign_in = coalesce($4, microsoft_sign_in), entra_tenant_id = case when $5 then $6 else entra_tenant_id end, updated_at = now()
       where id = $1`,
      [organizationId, valid.name ?? null, valid.emailDomains ?? null, valid.microsoftSignIn ?? null, valid.entraTenantId !== undefined, valid.entraTenantId ?? null],
    );
    if (valid.seatLimit !== undefined) await resizeSeatPool(tx, organizationId, valid.seatLimit);
  });
}
