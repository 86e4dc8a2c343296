import { describe, expect, it } from 'vitest';
import { defineDialect, defineExtensionSchema, groupResourceType, parseFilter, printFilter, SCHEMA_ENTERPRISE_USER, userResourceType } from '../../src/scim/index.js';
import { scimErrorOf, shape } from './scim-helpers.js';

const users = userResourceType();
const groups = groupResourceType();
const p = (attribute: string, subAttribute?: string) => (subAttribute ? { attribute, subAttribute } : { attribute });

describe('parseFilter: attribute expressions', () => {
  it.each([
    ['userName eq "bjensen"', { kind: 'compare', op: 'eq', path: p('userName'), value: 'bjensen' }],
    ['userName ne "x"', { kind: 'compare', op: 'ne', path: p('userName'), value: 'x' }],
    ['name.familyName co "O\'Malley"', { kind: 'compare', op: 'co', path: p('name', 'familyName'), value: "O'Malley" }],
    ['userName sw "J"', { kind: 'compare', op: 'sw', path: p('userName'), value: 'J' }],
    ['userName ew "son"', { kind: 'compare', op: 'ew', path: p('userName'), value: 'son' }],
    ['title pr', { kind: 'present', path: p('title') }],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', { kind: 'compare', op: 'gt', path: p('meta', 'lastModified'), value: '2011-05-13T04:42:34Z' }],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', { kind: 'compare', op: 'ge', path: p('meta', 'lastModified'), value: '2011-05-13T04:42:34Z' }],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', { kind: 'compare', op: 'lt', path: p('meta', 'lastModified'), value: '2011-05-13T04:42:34Z' }],
    ['meta.lastModified le "2011-05-13T04:42:34.5+02:00"', { kind: 'compare', op: 'le', path: p('meta', 'lastModified'), value: '2011-05-13T04:42:34.5+02:00' }],
    ['active eq true', { kind: 'compare', op: 'eq', path: p('active'), value: true }],
    ['active ne false', { kind: 'compare', op: 'ne', path: p('active'), value: false }],
    ['title eq null', { kind: 'compare', op: 'eq', path: p('title'), value: null }],
    ['emails.value ew "@example.com"', { kind: 'compare', op: 'ew', path: p('emails', 'value'), value: '@example.com' }],
    // RFC 7643 §2.4: a complex attribute compares through its "value" sub-attribute.
    ['emails co "example.com"', { kind: 'compare', op: 'co', path: p('emails', 'value'), value: 'example.com' }],
    ['id eq "2819c223"', { kind: 'compare', op: 'eq', path: p('id'), value: '2819c223' }],
    ['externalId eq "x"', { kind: 'compare', op: 'eq', path: p('externalId'), value: 'x' }],
  ])('%s', (text, expected) => {
    expect(shape(parseFilter(text, users))).toEqual(expected);
  });

  it('resolves extension attributes by full URN path to their schema', () => {
    expect(shape(parseFilter(`${SCHEMA_ENTERPRISE_USER}:employeeNumber eq "701984"`, users))).toEqual({
      kind: 'compare',
      op: 'eq',
      path: { schema: SCHEMA_ENTERPRISE_USER, attribute: 'employeeNumber' },
      value: '701984',
    });
    expect(shape(parseFilter(`${SCHEMA_ENTERPRISE_USER}:manager.value eq "26118915"`, users))).toMatchObject({ path: { attribute: 'manager', subAttribute: 'value' } });
  });

  it('accepts the core URN prefix on core attributes', () => {
    expect(shape(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"', users))).toMatchObject({ path: { attribute: 'userName' } });
  });

  it('includes the definitions a storage compiler needs', () => {
    const node = parseFilter('emails[type eq "work"]', users);
    expect(node.kind).toBe('valuePath');
    if (node.kind !== 'valuePath' || node.filter.kind !== 'compare') throw new Error('unexpected shape');
    expect(node.path.definition).toMatchObject({ name: 'emails', multiValued: true, type: 'complex' });
    expect(node.filter.path.leaf).toMatchObject({ name: 'type', type: 'string', caseExact: false });
    const id = parseFilter('id eq "x"', users);
    if (id.kind !== 'compare') throw new Error('unexpected shape');
    expect(id.path.leaf).toMatchObject({ caseExact: true, mutability: 'readOnly' });
  });

  it('resolves custom extension attributes of a directory', () => {
    const acme = defineExtensionSchema({ id: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User', name: 'Acme', attributes: [{ name: 'badge', type: 'string' }] });
    const node = parseFilter('urn:ietf:params:scim:schemas:extension:acme:2.0:User:BADGE eq "7"', userResourceType([acme]));
    expect(shape(node)).toMatchObject({ path: { schema: acme.id, attribute: 'badge' } });
  });
});

describe('parseFilter: literals', () => {
  it.each([
    ['title eq "a\\"b"', 'a"b'],
    ['title eq "back\\\\slash"', 'back\\slash'],
    ['title eq "tab\\there"', 'tab\there'],
    ['title eq "\\u00e9t\\u00E9"', 'été'],
    ['title eq "slash\\/"', 'slash/'],
    ['title eq "with ] and ) and \\" inside"', 'with ] and ) and " inside'],
    ['title eq ""', ''],
  ])('%s', (text, value) => {
    expect(parseFilter(text, users)).toMatchObject({ kind: 'compare', value });
  });

  it('reads JSON numbers', () => {
    const acme = defineExtensionSchema({
      id: 'urn:acme:User',
      name: 'Acme',
      attributes: [
        { name: 'level', type: 'integer' },
        { name: 'score', type: 'decimal' },
      ],
    });
    const rt = userResourceType([acme]);
    expect(parseFilter('urn:acme:User:level ge -3', rt)).toMatchObject({ value: -3 });
    expect(parseFilter('urn:acme:User:score lt 1.5e3', rt)).toMatchObject({ value: 1500 });
    scimErrorOf(() => parseFilter('urn:acme:User:level eq 1.5', rt), 400, 'invalidFilter');
    scimErrorOf(() => parseFilter('urn:acme:User:level eq "1"', rt), 400, 'invalidFilter');
    scimErrorOf(() => parseFilter('urn:acme:User:level co 1', rt), 400, 'invalidFilter');
  });

  it('accepts true/false/null in any case', () => {
    expect(parseFilter('active eq TRUE', users)).toMatchObject({ value: true });
    expect(parseFilter('title ne NULL', users)).toMatchObject({ value: null });
  });

  it('accepts "True"/"False" strings for booleans only under a dialect with booleanStrings', () => {
    scimErrorOf(() => parseFilter('active eq "True"', users), 400, 'invalidFilter');
    expect(parseFilter('active eq "True"', users, { dialect: defineDialect({ booleanStrings: true }) })).toMatchObject({ value: true });
  });
});

describe('parseFilter: logic and precedence', () => {
  const a = { kind: 'compare', op: 'eq', path: p('userName'), value: 'a' };
  const b = { kind: 'compare', op: 'eq', path: p('title'), value: 'b' };
  const c = { kind: 'present', path: p('displayName') };

  it.each([
    ['userName eq "a" and title eq "b"', { kind: 'and', left: a, right: b }],
    ['userName eq "a" or title eq "b" and displayName pr', { kind: 'or', left: a, right: { kind: 'and', left: b, right: c } }],
    ['userName eq "a" and title eq "b" or displayName pr', { kind: 'or', left: { kind: 'and', left: a, right: b }, right: c }],
    ['(userName eq "a" or title eq "b") and displayName pr', { kind: 'and', left: { kind: 'or', left: a, right: b }, right: c }],
    ['userName eq "a" or title eq "b" or displayName pr', { kind: 'or', left: { kind: 'or', left: a, right: b }, right: c }],
    ['not (userName eq "a")', { kind: 'not', filter: a }],
    ['not(userName eq "a") and displayName pr', { kind: 'and', left: { kind: 'not', filter: a }, right: c }],
    ['((userName eq "a"))', a],
    ['  userName   eq   "a"  ', a],
  ])('%s', (text, expected) => {
    expect(shape(parseFilter(text, users))).toEqual(expected);
  });

  it('treats operators, keywords and attribute names case-insensitively', () => {
    expect(shape(parseFilter('USERNAME EQ "a" AND Title Eq "b" Or DISPLAYNAME PR', users))).toEqual({ kind: 'or', left: { kind: 'and', left: a, right: b }, right: c });
    expect(shape(parseFilter('NOT (userName eq "a")', users))).toEqual({ kind: 'not', filter: a });
  });
});

describe('parseFilter: value paths', () => {
  it('parses emails[type eq "work" and primary eq true]', () => {
    expect(shape(parseFilter('emails[type eq "work" and primary eq true]', users))).toEqual({
      kind: 'valuePath',
      path: p('emails'),
      filter: {
        kind: 'and',
        left: { kind: 'compare', op: 'eq', path: p('emails', 'type'), value: 'work' },
        right: { kind: 'compare', op: 'eq', path: p('emails', 'primary'), value: true },
      },
    });
  });

  it('parses members[value eq "x"] on groups and combines value paths with logic', () => {
    expect(shape(parseFilter('members[value eq "x"]', groups))).toEqual({ kind: 'valuePath', path: p('members'), filter: { kind: 'compare', op: 'eq', path: p('members', 'value'), value: 'x' } });
    const node = parseFilter('userType eq "Employee" and (emails co "example.com" or emails[type eq "work" and value co "example.org"])', users);
    expect(shape(node)).toMatchObject({ kind: 'and', right: { kind: 'or', right: { kind: 'valuePath' } } });
  });

  it('reads a value path with a following sub-attribute (as Entra sends it) as one element satisfying both', () => {
    expect(shape(parseFilter('emails[type eq "work"].value eq "a@x"', users))).toEqual(shape(parseFilter('emails[type eq "work" and value eq "a@x"]', users)));
    expect(shape(parseFilter('emails[type eq "work" or primary eq true].VALUE pr', users))).toEqual({
      kind: 'valuePath',
      path: p('emails'),
      filter: { kind: 'and', left: { kind: 'or', left: { kind: 'compare', op: 'eq', path: p('emails', 'type'), value: 'work' }, right: { kind: 'compare', op: 'eq', path: p('emails', 'primary'), value: true } }, right: { kind: 'present', path: p('emails', 'value') } },
    });
    expect(printFilter(parseFilter('emails[type eq "work" or primary eq true].value eq "a"', users), users)).toBe('emails[(type eq "work" or primary eq true) and value eq "a"]');
    expect(shape(parseFilter('emails[type eq "work"].value eq "a" and active eq true', users))).toMatchObject({ kind: 'and', left: { kind: 'valuePath' } });
  });

  it('parses not and parentheses inside a value path', () => {
    expect(shape(parseFilter('emails[not (type eq "home") and (value pr)]', users))).toMatchObject({ kind: 'valuePath', filter: { kind: 'and', left: { kind: 'not' } } });
  });
});

describe('parseFilter: errors are 400 invalidFilter', () => {
  it.each([
    [''],
    ['   '],
    ['userName'],
    ['userName eq'],
    ['userName eq bjensen'],
    ['userName eq "unterminated'],
    ['userName eq "bad \\x escape"'],
    ['userName eq "raw\ncontrol"'],
    ['userName xx "a"'],
    ['userName eq "a" and'],
    ['userName eq "a" or or title pr'],
    ['(userName eq "a"'],
    ['userName eq "a")'],
    ['not userName eq "a"'],
    ['nosuch eq "a"'],
    ['name.nosuch eq "a"'],
    ['urn:unknown:schema:attr eq "a"'],
    ['emails[type eq "work"'],
    ['emails[nosuch eq "x"]'],
    ['emails[type eq "work"].value'],
    ['emails[type eq "work"].nosuch eq "x"'],
    ['emails[type eq "work"]. value eq "x"'],
    ['emails[type eq "work"].value gt true'],
    ['password eq "x"'],
    ['meta.location eq "x"'],
    ['groups.$ref pr'],
    ['groups[$ref eq "x"]'],
    ['emails[type[value eq "a"] pr]'],
    ['userName[value eq "a"]'],
    ['name[givenName eq "a"]'],
    ['active gt true'],
    ['active eq "yes"'],
    ['active co "t"'],
    ['title gt null'],
    ['title eq 5'],
    ['meta.created gt "yesterday"'],
    ['meta.created co "2011"'],
    ['name eq "x"'],
    ['x509Certificates.value gt "AA=="'],
    ['userName eq "a" title eq "b"'],
    ['1 eq 1'],
  ])('%j', (text) => {
    const error = scimErrorOf(() => parseFilter(text, users), 400, 'invalidFilter');
    expect(error.detail.length).toBeGreaterThan(5);
  });

  it('names the position and the unknown attribute', () => {
    expect(scimErrorOf(() => parseFilter('userName eq "a" and nosuch pr', users), 400, 'invalidFilter').detail).toMatch(/nosuch.*position 21/);
  });

  it('refuses filters over the length and nesting limits', () => {
    scimErrorOf(() => parseFilter(`userName eq "${'a'.repeat(5000)}"`, users), 400, 'invalidFilter');
    scimErrorOf(() => parseFilter(`${'('.repeat(40)}userName pr${')'.repeat(40)}`, users), 400, 'invalidFilter');
    scimErrorOf(() => parseFilter(`${'not ('.repeat(40)}userName pr${')'.repeat(40)}`, users), 400, 'invalidFilter');
    expect(shape(parseFilter(`${'('.repeat(20)}userName pr${')'.repeat(20)}`, users))).toEqual({ kind: 'present', path: p('userName') });
  });
});

describe('printFilter', () => {
  it.each([
    ['userName Eq "a" OR (title eq "b" AND displayName pr)', 'userName eq "a" or title eq "b" and displayName pr'],
    ['(userName eq "a" or title eq "b") and displayName pr', '(userName eq "a" or title eq "b") and displayName pr'],
    ['userName eq "a" or (title eq "b" or displayName pr)', 'userName eq "a" or (title eq "b" or displayName pr)'],
    ['EMAILS[TYPE eq "work"]', 'emails[type eq "work"]'],
    ['emails co "x"', 'emails.value co "x"'],
    [`${SCHEMA_ENTERPRISE_USER}:department eq "R\\"D"`, `${SCHEMA_ENTERPRISE_USER}:department eq "R\\"D"`],
    ['not (active eq false)', 'not (active eq false)'],
  ])('%s → %s', (text, printed) => {
    expect(printFilter(parseFilter(text, users), users)).toBe(printed);
  });
});
