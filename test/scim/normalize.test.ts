import { describe, expect, it } from 'vitest';
import {
  defineDialect,
  defineExtensionSchema,
  groupResourceType,
  normalizeResource,
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_GROUP,
  SCHEMA_USER,
  userProfile,
  userResourceType,
  type ScimDialect,
} from '../../src/scim/index.js';
import { scimErrorOf } from './scim-helpers.js';

const users = userResourceType();
const ENT = SCHEMA_ENTERPRISE_USER;
const norm = (input: unknown, dialect?: ScimDialect) => normalizeResource(input, { resourceType: users, dialect, mode: 'create' });

describe('normalizeResource', () => {
  it('canonicalizes casing, keeps extensions under their URN and recomputes schemas', () => {
    const out = norm({
      schemas: [SCHEMA_USER, ENT],
      USERNAME: 'bjensen',
      Name: { GIVENNAME: 'Barbara' },
      emails: [{ VALUE: 'b@example.com', Type: 'work', primary: true }],
      [ENT.toUpperCase()]: { Department: 'Tours' },
      [`${ENT}:employeeNumber`]: '42',
    });
    expect(out).toEqual({
      schemas: [SCHEMA_USER, ENT],
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
      emails: [{ value: 'b@example.com', type: 'work', primary: true }],
      [ENT]: { department: 'Tours', employeeNumber: '42' },
    });
  });

  it('ignores readOnly attributes, drops the writeOnly password, nulls and empty arrays', () => {
    const out = norm({
      schemas: [SCHEMA_USER],
      id: 'client-chosen',
      meta: { resourceType: 'User' },
      groups: [],
      password: 'secret',
      userName: 'u',
      nickName: null,
      roles: [],
      [ENT]: { manager: { value: 'm', displayName: 'Boss' } },
    });
    expect(out).toEqual({ schemas: [SCHEMA_USER, ENT], userName: 'u', [ENT]: { manager: { value: 'm' } } });
  });

  it('drops the extension from schemas when it carries no data', () => {
    expect(norm({ schemas: [SCHEMA_USER, ENT], userName: 'u', [ENT]: {} }).schemas).toEqual([SCHEMA_USER]);
  });

  it('keeps only the first primary of a multi-valued attribute (RFC 7643 §2.4)', () => {
    const out = norm({ schemas: [SCHEMA_USER], userName: 'u', emails: [{ value: 'a', primary: true }, { value: 'b', primary: true }] });
    expect(out.emails).toEqual([{ value: 'a', primary: true }, { value: 'b', primary: false }]);
  });

  it.each([
    ['not an object', [1], 'invalidSyntax'],
    ['schemas missing', { userName: 'u' }, 'invalidValue'],
    ['schemas without the core schema', { schemas: [ENT], userName: 'u' }, 'invalidValue'],
    ['unknown schema URN', { schemas: [SCHEMA_USER, 'urn:example:unknown'], userName: 'u' }, 'invalidValue'],
    ['userName missing', { schemas: [SCHEMA_USER], name: { givenName: 'x' } }, 'invalidValue'],
    ['userName empty', { schemas: [SCHEMA_USER], userName: '' }, 'invalidValue'],
    ['unknown attribute', { schemas: [SCHEMA_USER], userName: 'u', shoeSize: 42 }, 'invalidSyntax'],
    ['unknown sub-attribute', { schemas: [SCHEMA_USER], userName: 'u', name: { nick: 'x' } }, 'invalidSyntax'],
    ['unknown extension attribute', { schemas: [SCHEMA_USER, ENT], userName: 'u', [ENT]: { shoeSize: '1' } }, 'invalidSyntax'],
    ['attribute twice in two casings', { schemas: [SCHEMA_USER], userName: 'u', title: 'a', TITLE: 'b' }, 'invalidSyntax'],
    ['boolean as string', { schemas: [SCHEMA_USER], userName: 'u', active: 'True' }, 'invalidValue'],
    ['string as number', { schemas: [SCHEMA_USER], userName: 'u', title: 7 }, 'invalidValue'],
    ['multi-valued not an array', { schemas: [SCHEMA_USER], userName: 'u', emails: { value: 'a' } }, 'invalidValue'],
    ['complex not an object', { schemas: [SCHEMA_USER], userName: 'u', name: 'Barbara' }, 'invalidValue'],
    ['manager as string', { schemas: [SCHEMA_USER, ENT], userName: 'u', [ENT]: { manager: 'm' } }, 'invalidValue'],
    ['extension not an object', { schemas: [SCHEMA_USER, ENT], userName: 'u', [ENT]: 'x' }, 'invalidValue'],
    ['dotted key', { schemas: [SCHEMA_USER], userName: 'u', 'name.givenName': 'x' }, 'invalidSyntax'],
  ])('%s → 400 %s', (_, input, scimType) => {
    const error = scimErrorOf(() => norm(input), 400, scimType as never);
    expect(error.detail).not.toBe('');
  });

  it('names the attribute in type errors', () => {
    expect(scimErrorOf(() => norm({ schemas: [SCHEMA_USER], userName: 'u', emails: [{ value: 'a', primary: 'yes' }] }), 400, 'invalidValue').detail).toContain('emails.primary');
  });

  it('accepts directory quirks under a dialect', () => {
    const dialect = defineDialect({ booleanStrings: true, managerAsString: true, ignoreUnknownAttributes: true, ignoreUnknownSchemas: true });
    const out = norm({ schemas: [SCHEMA_USER, 'urn:example:private', ENT], userName: 'u', active: 'False', shoeSize: 42, [ENT]: { manager: 'm1' } }, dialect);
    expect(out).toEqual({ schemas: [SCHEMA_USER, ENT], userName: 'u', active: false, [ENT]: { manager: { value: 'm1' } } });
  });

  it('refuses null under nullMeansAbsent false', () => {
    scimErrorOf(() => norm({ schemas: [SCHEMA_USER], userName: 'u', title: null }, defineDialect({ nullMeansAbsent: false })), 400, 'invalidValue');
  });

  it('normalizes groups: displayName required, members kept with their sub-attributes', () => {
    const groups = groupResourceType();
    expect(normalizeResource({ schemas: [SCHEMA_GROUP], displayName: 'G', members: [{ value: 'u1', display: 'One', $ref: null }] }, { resourceType: groups, mode: 'create' })).toEqual({
      schemas: [SCHEMA_GROUP],
      displayName: 'G',
      members: [{ value: 'u1', display: 'One' }],
    });
    scimErrorOf(() => normalizeResource({ schemas: [SCHEMA_GROUP], members: [] }, { resourceType: groups, mode: 'create' }), 400, 'invalidValue');
  });

  it('checks immutable attributes against the stored resource on replace', () => {
    const acme = defineExtensionSchema({ id: 'urn:acme:User', name: 'Acme', attributes: [{ name: 'badge', mutability: 'immutable' }] });
    const rt = userResourceType([acme]);
    const current = { schemas: [SCHEMA_USER, acme.id], userName: 'u', [acme.id]: { badge: '1' } };
    const input = { schemas: [SCHEMA_USER, acme.id], userName: 'u', [acme.id]: { badge: '2' } };
    scimErrorOf(() => normalizeResource(input, { resourceType: rt, mode: 'replace', current }), 400, 'mutability');
    expect(normalizeResource(current, { resourceType: rt, mode: 'replace', current })).toEqual(current);
  });
});

describe('userProfile', () => {
  it('extracts the card-relevant profile: primary contacts, work address, enterprise fields, manager', () => {
    const profile = userProfile({
      schemas: [SCHEMA_USER, ENT],
      userName: 'bjensen',
      externalId: 'x1',
      displayName: 'Babs Jensen',
      title: 'Tour Guide',
      name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Ms. Barbara J Jensen' },
      emails: [{ value: 'b@example.com', type: 'work', primary: true }, { value: 'x' }],
      phoneNumbers: [{ value: '555', type: 'mobile' }],
      addresses: [
        { type: 'home', locality: 'Home Town' },
        { type: 'work', streetAddress: '100 Plaza', locality: 'Hollywood', country: 'US' },
      ],
      photos: [{ value: 'https://photos.example.com/b.jpg', type: 'photo' }],
      active: false,
      [ENT]: { department: 'Tours', organization: 'Universal', employeeNumber: '701984', manager: { value: 'm1' } },
    });
    expect(profile).toEqual({
      userName: 'bjensen',
      externalId: 'x1',
      active: false,
      displayName: 'Babs Jensen',
      givenName: 'Barbara',
      familyName: 'Jensen',
      formattedName: 'Ms. Barbara J Jensen',
      title: 'Tour Guide',
      department: 'Tours',
      organization: 'Universal',
      employeeNumber: '701984',
      emails: [{ value: 'b@example.com', type: 'work', primary: true }, { value: 'x' }],
      phoneNumbers: [{ value: '555', type: 'mobile' }],
      address: { streetAddress: '100 Plaza', locality: 'Hollywood', country: 'US' },
      photoUrl: 'https://photos.example.com/b.jpg',
      managerId: 'm1',
    });
  });

  it('is active by default and tolerates a minimal document', () => {
    expect(userProfile({ userName: 'u' })).toEqual({ userName: 'u', active: true, emails: [], phoneNumbers: [] });
  });
});
