import { describe, expect, it } from 'vitest';
import {
  checkAssignmentTargets,
  checkRotationOverlap,
  customSchemasOf,
  initialSettings,
  newDirectoryName,
  normalizeCustomSchemas,
  normalizeOAuth,
  settingsPatch,
  tenantUrl,
  validateSettingsChange,
} from '../../../src/domain/directories/directory.rules.js';
import { DomainError } from '../../../src/domain/errors.js';

const A = '11111111-1111-1111-1111-111111111111';
const B = '22222222-2222-2222-2222-222222222222';
const URN = 'urn:ietf:params:scim:schemas:extension:Acme:2.0:User';

function refusal(fn: () => unknown): { code: string; field?: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, field: (error as DomainError).field };
  }
  throw new Error('accepted');
}

describe('directory rules', () => {
  it('names a directory 1–200 characters, trimmed, with a plugin name as provider', () => {
    expect(newDirectoryName('  Entra  ', 'entra')).toBe('Entra');
    expect(refusal(() => newDirectoryName('   ', 'entra'))).toEqual({ code: 'INVALID_INPUT', field: 'name' });
    expect(refusal(() => newDirectoryName('x'.repeat(201), 'entra'))).toEqual({ code: 'INVALID_INPUT', field: 'name' });
    expect(refusal(() => newDirectoryName('Entra', 'Entra ID'))).toEqual({ code: 'INVALID_INPUT', field: 'provider' });
  });

  it('starts a directory matched by userName, without invites or domain assignment, then what the caller gives', () => {
    expect(initialSettings(undefined)).toEqual({ matchingAttribute: 'userName', invitesEnabled: false, domainAssignment: false });
    expect(initialSettings({ matchingAttribute: 'externalId' })).toEqual({ matchingAttribute: 'externalId', invitesEnabled: false, domainAssignment: false });
    expect(initialSettings(undefined)).not.toHaveProperty('deprovisionPolicy');
  });

  it('builds the Tenant URL from the public URL, the provider and the id', () => {
    expect(tenantUrl('https://cards.example.com', 'entra', A)).toBe(`https://cards.example.com/scim/entra/${A}`);
  });

  it('allows a rotation overlap of 0 seconds to 7 days', () => {
    expect(() => checkRotationOverlap(undefined)).not.toThrow();
    expect(() => checkRotationOverlap(604_800)).not.toThrow();
    expect(refusal(() => checkRotationOverlap(604_801))).toEqual({ code: 'INVALID_INPUT', field: 'overlapSeconds' });
    expect(refusal(() => checkRotationOverlap(1.5))).toEqual({ code: 'INVALID_INPUT', field: 'overlapSeconds' });
  });

  it('stores only the settings a change names, normalized', () => {
    expect(settingsPatch({ name: 'x', invitesEnabled: true, retentionDays: null })).toEqual({ invitesEnabled: true, retentionDays: null });
    expect(settingsPatch({ photoSync: { enabled: true, tenantId: ' t ', clientId: ' c ', clientSecret: 'secret-value' } })).toEqual({ photoSync: { enabled: true, tenantId: 't', clientId: 'c' } });
    expect(settingsPatch({ oauth: { tenantId: A.toUpperCase(), audience: ' api://x ' } })).toEqual({ oauth: { tenantId: A, audience: 'api://x', refuseStaticToken: false } });
  });

  it('refuses a change before anything is read, naming the field', () => {
    expect(refusal(() => validateSettingsChange({ deprovisionPolicy: 'keep' as never }))).toEqual({ code: 'INVALID_INPUT', field: 'deprovisionPolicy' });
    expect(refusal(() => validateSettingsChange({ retentionDays: 36_501 }))).toEqual({ code: 'INVALID_INPUT', field: 'retentionDays' });
    expect(refusal(() => validateSettingsChange({ rateLimitPerSecond: -1 }))).toEqual({ code: 'INVALID_INPUT', field: 'rateLimitPerSecond' });
    expect(refusal(() => validateSettingsChange({ photoSync: { enabled: true, tenantId: 't', clientId: 'c', clientSecret: 'short' } }))).toEqual({ code: 'INVALID_INPUT', field: 'photoSync.clientSecret' });
    expect(() => validateSettingsChange({ retentionDays: 0, tokenOverlapSeconds: null })).not.toThrow();
  });

  it('declares custom schemas: URN, attributes, card fields fed once', () => {
    const stored = normalizeCustomSchemas([{ urn: URN, attributes: [{ name: 'costCenter', cardField: 'department' }] }]);
    expect(stored).toEqual({ [URN]: { name: 'Acme', attributes: [{ name: 'costCenter', type: 'string', multiValued: false, caseExact: false, cardField: 'department' }] } });
    expect(refusal(() => normalizeCustomSchemas([{ urn: 'urn:ietf:params:scim:schemas:core:2.0:User', attributes: [{ name: 'x' }] }])).field).toBe('customSchemas[0].urn');
    expect(refusal(() => normalizeCustomSchemas([{ urn: URN, attributes: [{ name: 'a' }, { name: 'A' }] }])).field).toBe('customSchemas[0].attributes[1].name');
    expect(customSchemasOf({ customSchemas: { [URN]: ['legacy'] } })).toEqual([{ urn: URN, name: 'Acme', attributes: [{ name: 'legacy', type: 'string', multiValued: false, caseExact: false }] }]);
  });

  it('takes OAuth tenants as GUIDs', () => {
    expect(refusal(() => normalizeOAuth({ tenantId: 'contoso.onmicrosoft.com', audience: 'x' })).field).toBe('oauth.tenantId');
  });

  it('adds a domain-assignment target only with an owner’s proof, keeps the ones already there', () => {
    expect(checkAssignmentTargets(A, [], [B], { ownerOf: new Set([B]) })).toEqual([B]);
    expect(checkAssignmentTargets(A, [B], [B.toUpperCase()], { ownerOf: new Set() })).toEqual([B]);
    expect(refusal(() => checkAssignmentTargets(A, [], [B], { ownerOf: new Set() }))).toEqual({ code: 'FORBIDDEN', field: 'domainAssignmentTargets' });
    expect(refusal(() => checkAssignmentTargets(A, [], [A], 'operator'))).toEqual({ code: 'INVALID_INPUT', field: 'domainAssignmentTargets' });
    expect(checkAssignmentTargets(A, [], [B], 'operator')).toEqual([B]);
  });
});
