import { describe, expect, it } from 'vitest';
import { applyPatch, defineDialect, defineExtensionSchema, groupResourceType, SCHEMA_ENTERPRISE_USER, SCHEMA_PATCH_OP, SCHEMA_USER, userResourceType, type ScimDialect } from '../../src/scim/index.js';
import { scimErrorOf } from './scim-helpers.js';

const users = userResourceType();
const ENT = SCHEMA_ENTERPRISE_USER;
const patch = (...Operations: unknown[]) => ({ schemas: [SCHEMA_PATCH_OP], Operations });
const base = () => ({
  schemas: [SCHEMA_USER],
  id: 'u1',
  userName: 'bjensen',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood' }],
  active: true,
  meta: { resourceType: 'User', version: 'W/"1"' },
});
const run = (doc: Record<string, unknown>, dialect?: ScimDialect, ...ops: unknown[]) => applyPatch(doc, patch(...ops), { resourceType: users, dialect });
const entra = defineDialect({ operationNamesCaseInsensitive: true, booleanStrings: true, replaceUnmatchedValuePathAdds: true, managerAsString: true });

describe('applyPatch: envelope (RFC 7644 §3.5.2)', () => {
  it.each([
    ['no object', 'x'],
    ['no schemas', { Operations: [{ op: 'add', path: 'title', value: 'x' }] }],
    ['wrong schemas', { schemas: [SCHEMA_USER], Operations: [{ op: 'add', path: 'title', value: 'x' }] }],
    ['Operations missing', { schemas: [SCHEMA_PATCH_OP] }],
    ['Operations empty', { schemas: [SCHEMA_PATCH_OP], Operations: [] }],
    ['Operations not an array', { schemas: [SCHEMA_PATCH_OP], Operations: 'nope' }],
    ['operation not an object', patch('add')],
    ['unknown op', patch({ op: 'move', path: 'title', value: 'x' })],
    ['op in other case under the RFC dialect', patch({ op: 'Replace', path: 'title', value: 'x' })],
    ['add without value', patch({ op: 'add', path: 'title' })],
  ])('%s → 400 invalidSyntax', (_, body) => {
    scimErrorOf(() => applyPatch(base(), body, { resourceType: users }), 400, 'invalidSyntax');
  });

  it('never mutates its input', () => {
    const doc = base();
    const before = structuredClone(doc);
    run(doc, undefined, { op: 'replace', path: 'emails[type eq "work"].value', value: 'x@y' }, { op: 'remove', path: 'name.givenName' }, { op: 'add', path: 'emails', value: [{ value: 'n@y', primary: true }] });
    expect(doc).toEqual(before);
  });

  it('reports changed only when something differs', () => {
    expect(run(base(), undefined, { op: 'replace', path: 'userName', value: 'bjensen' }).changed).toBe(false);
    expect(run(base(), undefined, { op: 'replace', path: 'userName', value: 'bj' }).changed).toBe(true);
    expect(run(base(), undefined, { op: 'remove', path: 'nickName' }).changed).toBe(false);
  });
});

describe('applyPatch: add (RFC 7644 §3.5.2.1)', () => {
  it('adds members of a value object without path, appending to multi-valued attributes', () => {
    const { document } = run(base(), undefined, { op: 'add', value: { emails: [{ value: 'babs@example.org', type: 'other' }], nickName: 'Babs' } });
    expect(document.nickName).toBe('Babs');
    expect(document.emails).toHaveLength(3);
  });

  it('de-duplicates on value (case-insensitively for emails) and updates the existing element', () => {
    const { document } = run(base(), undefined, { op: 'add', path: 'emails', value: [{ value: 'BABS@jensen.org', display: 'Babs' }] });
    expect(document.emails).toEqual([base().emails[0], { value: 'BABS@jensen.org', type: 'home', display: 'Babs' }]);
  });

  it('keeps a single primary: the added primary wins (RFC 7643 §2.4)', () => {
    const { document } = run(base(), undefined, { op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'work', primary: true }] });
    expect((document.emails as { primary?: boolean }[]).filter((e) => e.primary === true)).toEqual([{ value: 'new@example.com', type: 'work', primary: true }]);
  });

  it('merges sub-attributes into a complex attribute and sets dotted sub-attributes', () => {
    const { document } = run(base(), undefined, { op: 'add', path: 'name', value: { middleName: 'J' } }, { op: 'add', path: 'name.honorificPrefix', value: 'Ms.' });
    expect(document.name).toEqual({ givenName: 'Barbara', familyName: 'Jensen', middleName: 'J', honorificPrefix: 'Ms.' });
  });

  it('adds extension attributes by full URN path and through a URN-keyed object', () => {
    const a = run(base(), undefined, { op: 'add', path: `${ENT}:employeeNumber`, value: '701984' });
    expect(a.document[ENT]).toEqual({ employeeNumber: '701984' });
    expect(a.document.schemas).toEqual([SCHEMA_USER, ENT]);
    const b = run(base(), undefined, { op: 'add', value: { [ENT]: { department: 'Tours', manager: { value: 'm1' } } } });
    expect(b.document[ENT]).toEqual({ department: 'Tours', manager: { value: 'm1' } });
    const c = run(base(), undefined, { op: 'add', path: ENT, value: { costCenter: '4130' } });
    expect(c.document[ENT]).toEqual({ costCenter: '4130' });
  });

  it('wraps a single value for a multi-valued attribute', () => {
    const { document } = run(base(), undefined, { op: 'add', path: 'phoneNumbers', value: { value: '555-1234', type: 'work' } });
    expect(document.phoneNumbers).toEqual([{ value: '555-1234', type: 'work' }]);
  });
});

describe('applyPatch: replace (RFC 7644 §3.5.2.3)', () => {
  it('replaces single-valued attributes and whole multi-valued attributes', () => {
    const { document } = run(base(), undefined, { op: 'replace', path: 'emails', value: [{ value: 'only@example.com', type: 'work' }] }, { op: 'replace', path: 'active', value: false });
    expect(document.emails).toEqual([{ value: 'only@example.com', type: 'work' }]);
    expect(document.active).toBe(false);
  });

  it('replaces the sub-attribute of matching elements: emails[type eq "work"].value', () => {
    const { document } = run(base(), undefined, { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@example.com' });
    expect(document.emails).toEqual([
      { value: 'new@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ]);
  });

  it('replaces addresses[type eq "work"].streetAddress', () => {
    const { document } = run(base(), undefined, { op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' });
    expect(document.addresses).toEqual([{ type: 'work', streetAddress: '1 Main St', locality: 'Hollywood' }]);
  });

  it('replaces matching records as a whole when the value path has no sub-attribute', () => {
    const { document } = run(base(), undefined, { op: 'replace', path: 'emails[type eq "home"]', value: { value: 'b@home.org', type: 'home' } });
    expect(document.emails).toEqual([base().emails[0], { value: 'b@home.org', type: 'home' }]);
  });

  it('answers noTarget for an unmatched value path under the RFC dialect', () => {
    scimErrorOf(() => run(base(), undefined, { op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: '1' }), 400, 'noTarget');
  });

  it('adds an element built from the filter under replaceUnmatchedValuePathAdds', () => {
    const doc = { ...base(), emails: [{ value: 'babs@jensen.org', type: 'home' }] };
    const { document } = run(doc, entra, { op: 'Replace', path: 'emails[type eq "work"].value', value: 'a@b' });
    expect(document.emails).toEqual([{ value: 'babs@jensen.org', type: 'home' }, { type: 'work', value: 'a@b' }]);
    const addr = run(base(), entra, { op: 'Add', path: 'addresses[type eq "home"].locality', value: 'Springfield' });
    expect(addr.document.addresses).toEqual([...base().addresses, { type: 'home', locality: 'Springfield' }]);
  });

  it('still answers noTarget when the filter pins no values down', () => {
    scimErrorOf(() => run(base(), entra, { op: 'replace', path: 'phoneNumbers[type eq "work" or type eq "mobile"].value', value: '1' }), 400, 'noTarget');
  });

  it('moves primary: setting primary true on one element clears it on the others', () => {
    const { document } = run(base(), undefined, { op: 'replace', path: 'emails[type eq "home"].primary', value: true });
    expect(document.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home', primary: true },
    ]);
  });

  it('merges a complex value and removes sub-attributes given as null', () => {
    const { document } = run(base(), undefined, { op: 'replace', path: 'name', value: { givenName: 'Babs', familyName: null } });
    expect(document.name).toEqual({ givenName: 'Babs' });
  });

  it('treats null as unassigned: the attribute is removed', () => {
    const { document } = run(base(), undefined, { op: 'replace', path: 'name', value: null }, { op: 'replace', value: { active: null } });
    expect(document.name).toBeUndefined();
    expect(document.active).toBeUndefined();
  });

  it('refuses null under a dialect whose nullMeansAbsent is false', () => {
    scimErrorOf(() => run(base(), defineDialect({ nullMeansAbsent: false }), { op: 'replace', path: 'title', value: null }), 400, 'invalidValue');
  });
});

describe('applyPatch: no-path replace with dotted and URN keys (directory style)', () => {
  it('applies displayName, name.givenName and urn:…:User:attr keys', () => {
    const { document } = run(base(), entra, {
      op: 'Replace',
      value: {
        displayName: 'Updated Display',
        'name.givenName': 'Updated',
        title: 'Principal Engineer',
        [`${ENT}:department`]: 'Research',
        [`${ENT}:employeeNumber`]: '100009',
      },
    });
    expect(document).toMatchObject({ displayName: 'Updated Display', name: { givenName: 'Updated', familyName: 'Jensen' }, title: 'Principal Engineer', [ENT]: { department: 'Research', employeeNumber: '100009' } });
    expect(document.schemas).toEqual([SCHEMA_USER, ENT]);
  });

  it('accepts "True"/"False" under booleanStrings and refuses them otherwise', () => {
    expect(run(base(), entra, { op: 'Replace', path: 'active', value: 'False' }).document.active).toBe(false);
    expect(run({ ...base(), active: false }, entra, { op: 'replace', value: { active: 'True' } }).document.active).toBe(true);
    expect(run(base(), entra, { op: 'Add', path: 'emails[type eq "work"].primary', value: 'false' }).document.emails).toMatchObject([{ primary: false }, {}]);
    scimErrorOf(() => run(base(), undefined, { op: 'replace', path: 'active', value: 'False' }), 400, 'invalidValue');
  });

  it('accepts the manager as a plain id under managerAsString', () => {
    expect(run(base(), entra, { op: 'Add', path: `${ENT}:manager`, value: 'boss-1' }).document[ENT]).toEqual({ manager: { value: 'boss-1' } });
    expect(run(base(), entra, { op: 'replace', path: `${ENT}:manager`, value: { value: 'boss-2' } }).document[ENT]).toEqual({ manager: { value: 'boss-2' } });
    scimErrorOf(() => run(base(), undefined, { op: 'add', path: `${ENT}:manager`, value: 'boss-1' }), 400, 'invalidValue');
  });

  it('accepts an unchanged readOnly id in a no-path value (group rename with id)', () => {
    const groups = groupResourceType();
    const group = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g1', displayName: 'Old' };
    const { document } = applyPatch(group, patch({ op: 'replace', value: { id: 'g1', displayName: 'New' } }), { resourceType: groups });
    expect(document).toEqual({ ...group, displayName: 'New' });
  });
});

describe('applyPatch: remove (RFC 7644 §3.5.2.2)', () => {
  it('removes single attributes, sub-attributes and matching elements', () => {
    const { document } = run(base(), undefined, { op: 'remove', path: 'name.givenName' }, { op: 'remove', path: 'emails[type eq "home"]' }, { op: 'remove', path: 'addresses' });
    expect(document.name).toEqual({ familyName: 'Jensen' });
    expect(document.emails).toEqual([base().emails[0]]);
    expect(document.addresses).toBeUndefined();
  });

  it('leaves a multi-valued attribute unassigned when its last value goes', () => {
    const { document } = run(base(), undefined, { op: 'remove', path: 'emails[value co "@"]' });
    expect('emails' in document).toBe(false);
  });

  it('removes a sub-attribute of matching elements', () => {
    const { document } = run(base(), undefined, { op: 'remove', path: 'emails[type eq "work"].primary' });
    expect(document.emails).toEqual([{ value: 'bjensen@example.com', type: 'work' }, base().emails[1]]);
  });

  it('removes exactly the listed values when a value is given', () => {
    const { document } = run(base(), undefined, { op: 'remove', path: 'emails', value: [{ value: 'babs@jensen.org' }] });
    expect(document.emails).toEqual([base().emails[0]]);
  });

  it('removes an extension attribute by URN path and drops the empty extension from schemas', () => {
    const doc = { ...base(), schemas: [SCHEMA_USER, ENT], [ENT]: { department: 'Tours' } };
    const { document } = run(doc, undefined, { op: 'remove', path: `${ENT}:department` });
    expect(document[ENT]).toBeUndefined();
    expect(document.schemas).toEqual([SCHEMA_USER]);
  });

  it('is a no-op for unmatched filters and absent attributes', () => {
    const { changed } = run(base(), undefined, { op: 'remove', path: 'emails[type eq "other"]' }, { op: 'remove', path: 'nickName' });
    expect(changed).toBe(false);
  });

  it('answers noTarget without a path', () => {
    scimErrorOf(() => run(base(), undefined, { op: 'remove' }), 400, 'noTarget');
  });

  it('refuses to remove a required attribute', () => {
    scimErrorOf(() => run(base(), undefined, { op: 'remove', path: 'userName' }), 400, 'mutability');
  });
});

describe('applyPatch: errors', () => {
  it.each([
    [{ op: 'replace', path: 'id', value: 'other' }, 'mutability'],
    [{ op: 'replace', path: 'meta.version', value: 'W/"9"' }, 'mutability'],
    [{ op: 'add', path: 'groups', value: [{ value: 'g1' }] }, 'mutability'],
    [{ op: 'remove', path: 'id' }, 'mutability'],
    [{ op: 'replace', value: { id: 'other' } }, 'mutability'],
    [{ op: 'replace', path: 'nosuch', value: 'x' }, 'invalidPath'],
    [{ op: 'replace', path: 'name.nosuch', value: 'x' }, 'invalidPath'],
    [{ op: 'replace', path: 'urn:unknown:User:x', value: 'x' }, 'invalidPath'],
    [{ op: 'replace', value: { nosuch: 'x' } }, 'invalidPath'],
    [{ op: 'replace', path: 'emails[type eq]', value: 'x' }, 'invalidFilter'],
    [{ op: 'replace', path: 'emails[type eq "work"]x', value: 'x' }, 'invalidPath'],
    [{ op: 'replace', path: 'active', value: 'yes' }, 'invalidValue'],
    [{ op: 'replace', path: 'title', value: 42 }, 'invalidValue'],
    [{ op: 'replace', path: 'name', value: 'x' }, 'invalidValue'],
    [{ op: 'replace', value: 'not an object' }, 'invalidValue'],
    [{ op: 'replace', path: 'emails', value: [{ value: 'a', nosuch: 1 }] }, 'invalidSyntax'],
  ])('%j → 400 %s', (operation, scimType) => {
    scimErrorOf(() => run(base(), undefined, operation), 400, scimType as never);
  });

  it('ignores unknown no-path keys under ignoreUnknownAttributes', () => {
    const { document } = run(base(), defineDialect({ ignoreUnknownAttributes: true }), { op: 'replace', value: { nosuch: 'x', title: 'T' } });
    expect(document.title).toBe('T');
  });

  it('patches custom extension attributes of a directory', () => {
    const acme = defineExtensionSchema({ id: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User', name: 'Acme', attributes: [{ name: 'badge' }] });
    const { document } = applyPatch(base(), patch({ op: 'add', path: `${acme.id}:BADGE`, value: '7' }), { resourceType: userResourceType([acme]) });
    expect(document[acme.id]).toEqual({ badge: '7' });
  });
});

describe('applyPatch: Microsoft documented requests (case-insensitive op names)', () => {
  it('updates multi-valued and single-valued properties', () => {
    const { document } = run(
      base(),
      entra,
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      { op: 'Remove', path: 'emails[type eq "home"]' },
    );
    expect(document.emails).toEqual([{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }]);
    expect(document.name).toEqual({ givenName: 'Barbara', familyName: 'updatedFamilyName' });
  });
});

describe('applyPatch: a whole extension as one value (issue 12)', () => {
  it('ignores a schemas member inside the extension’s value, with the URN as path or as a key', () => {
    const withPath = run(base(), undefined, { op: 'replace', path: ENT, value: { schemas: [ENT], department: 'D' } }).document;
    const asKey = run(base(), undefined, { op: 'add', value: { [ENT]: { schemas: [ENT], department: 'D' } } }).document;
    expect(withPath[ENT]).toEqual({ department: 'D' });
    expect(asKey[ENT]).toEqual({ department: 'D' });
    expect(withPath.schemas).toEqual([SCHEMA_USER, ENT]);
  });

  it('keeps a schemas member an extension defines as its own attribute', () => {
    const id = 'urn:example:params:scim:schemas:extension:odd:1.0:User';
    const odd = userResourceType([defineExtensionSchema({ id, name: 'Odd', attributes: [{ name: 'schemas', type: 'string' }] })]);
    const { document } = applyPatch(base(), patch({ op: 'add', path: id, value: { schemas: 'kept' } }), { resourceType: odd });
    expect(document[id]).toEqual({ schemas: 'kept' });
  });

  it('removes the extension for a null value with the URN as path', () => {
    const doc = { ...base(), schemas: [SCHEMA_USER, ENT], [ENT]: { department: 'D' } };
    const { document } = run(doc, undefined, { op: 'replace', path: ENT, value: null });
    expect(document).not.toHaveProperty(ENT);
    expect(document.schemas).toEqual([SCHEMA_USER]);
  });
});
