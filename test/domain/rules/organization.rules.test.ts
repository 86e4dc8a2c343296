import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { assertSlug, assertTenantForSignIn, checkSeatLimit, organizationChange, validateOrganizationChange } from '../../../src/domain/organizations/organization.rules.js';

const TENANT = '0f0e0d0c-0b0a-0908-0706-050403020100';

function refusal(fn: () => unknown): { code: string; field?: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, field: (error as DomainError).field };
  }
  throw new Error('accepted');
}

describe('organization rules', () => {
  it('takes slugs of lowercase letters, digits and dashes', () => {
    expect(() => assertSlug('acme-2')).not.toThrow();
    expect(refusal(() => assertSlug('Acme'))).toEqual({ code: 'INVALID_INPUT', field: 'org' });
    expect(refusal(() => assertSlug('-acme'))).toEqual({ code: 'INVALID_INPUT', field: 'org' });
  });

  it('takes seat limits from 0 to 1,000,000', () => {
    expect(() => checkSeatLimit(0, 'seats')).not.toThrow();
    expect(refusal(() => checkSeatLimit(1_000_001, 'seatLimit'))).toEqual({ code: 'INVALID_INPUT', field: 'seatLimit' });
    expect(refusal(() => checkSeatLimit(2.5, 'seats'))).toEqual({ code: 'INVALID_INPUT', field: 'seats' });
  });

  it('leaves null and omitted fields as they are, except the tenant, which null removes', () => {
    expect(organizationChange({ name: null, seatLimit: 3, entraTenantId: null })).toEqual({ seatLimit: 3, entraTenantId: null });
    expect(organizationChange({})).toEqual({});
  });

  it('normalizes a change: trimmed name, lower-cased unique domains and tenant', () => {
    expect(validateOrganizationChange({ name: ' Acme ', emailDomains: ['Example.COM', 'example.com ', 'acme.io'], entraTenantId: TENANT.toUpperCase() })).toEqual({
      name: 'Acme',
      emailDomains: ['example.com', 'acme.io'],
      entraTenantId: TENANT,
    });
    expect(refusal(() => validateOrganizationChange({ emailDomains: ['localhost'] }))).toEqual({ code: 'INVALID_INPUT', field: 'emailDomains' });
    expect(refusal(() => validateOrganizationChange({ entraTenantId: 'contoso' }))).toEqual({ code: 'INVALID_INPUT', field: 'entraTenantId' });
    expect(refusal(() => validateOrganizationChange({ name: '' }))).toEqual({ code: 'INVALID_INPUT', field: 'name' });
  });

  it('keeps Sign in with Microsoft only with a tenant', () => {
    expect(refusal(() => assertTenantForSignIn({ microsoftSignIn: true }, { entraTenantId: null, microsoftSignIn: false }))).toEqual({ code: 'INVALID_INPUT', field: 'entraTenantId' });
    expect(refusal(() => assertTenantForSignIn({ entraTenantId: null }, { entraTenantId: TENANT, microsoftSignIn: true }))).toEqual({ code: 'INVALID_INPUT', field: 'entraTenantId' });
    expect(() => assertTenantForSignIn({ entraTenantId: null, microsoftSignIn: false }, { entraTenantId: TENANT, microsoftSignIn: true })).not.toThrow();
    expect(() => assertTenantForSignIn({ microsoftSignIn: true }, { entraTenantId: TENANT, microsoftSignIn: false })).not.toThrow();
  });
});
