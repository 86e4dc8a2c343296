/**
 * The organization's rules, as pure functions: its slug, seat limit, e-mail domains and Entra tenant, what a
 * settings change keeps, and the one answer to a tenant claim that is not granted.
 */
import { DomainError } from '../errors.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function assertSlug(slug: string): void {
  if (!SLUG.test(slug)) {
    throw new DomainError('INVALID_INPUT', 'organization slug must be 1–63 lowercase letters, digits or dashes, starting with a letter or digit', { field: 'org' });
  }
}

/** A seat limit: a whole number from 0 to 1,000,000 (INVALID_INPUT naming `field` otherwise). */
export function checkSeatLimit(limit: number, field: 'seats' | 'seatLimit', message = 'seat limit must be a whole number between 0 and 1000000'): void {
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_SEAT_LIMIT) throw new DomainError('INVALID_INPUT', message, { field });
}

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
  if (change.seatLimit !== undefined) checkSeatLimit(change.seatLimit, 'seatLimit', `seatLimit must be a whole number between 0 and ${MAX_SEAT_LIMIT}`);
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
export function assertTenantForSignIn(change: OrganizationChange, stored: { entraTenantId?: string | null; microsoftSignIn: boolean }): void {
  if (change.microsoftSignIn === undefined && change.entraTenantId === undefined) return;
  const signIn = change.microsoftSignIn ?? stored.microsoftSignIn;
  const tenant = change.entraTenantId === undefined ? stored.entraTenantId : change.entraTenantId;
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
