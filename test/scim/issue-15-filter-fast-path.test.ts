import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineDialect, defineExtensionSchema, groupResourceType, parseFilter, rfcDialect, userResourceType, type ResourceType, type ScimDialect } from '../../src/scim/index.js';
import { checkFilterable } from '../../src/scim/filter/check.js';
import { FilterParser } from '../../src/scim/filter/parser.js';

// Issue 15: `attrPath op "string"` is read by one regular expression before the parser. Whatever it accepts must
// come out exactly as the parser's walk makes it, and whatever fails must fail with the parser's own message.

/** The parser's walk alone (what parseFilter did before the shortcut). */
function walk(text: string, type: ResourceType, dialect: ScimDialect): unknown {
  const parser = new FilterParser(text, type, dialect);
  parser.skipSpace();
  const node = parser.parseOr();
  parser.end();
  checkFilterable(node, type);
  return node;
}

const outcome = (fn: () => unknown) => {
  try {
    return { node: fn() };
  } catch (error) {
    return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
};

const booleanDialect = defineDialect({ booleanStrings: true });
const custom = defineExtensionSchema({ id: 'urn:example:params:scim:schemas:extension:Acme:2.0:User', name: 'Acme', attributes: [{ name: 'badge', type: 'string' }, { name: 'level', type: 'integer' }] });
const types = [userResourceType(), userResourceType([custom]), groupResourceType()];
const attributes = [
  'userName', 'USERNAME', 'externalId', 'displayName', 'id', 'emails', 'emails.value', 'emails.type', 'name.givenName', 'active', 'title',
  'meta.created', 'meta.lastModified', 'meta.location', 'password', 'groups', 'groups.value', 'members', 'members.value', 'not', 'NOT', 'and', 'or',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
  'urn:example:params:scim:schemas:extension:Acme:2.0:User:badge', 'urn:example:params:scim:schemas:extension:Acme:2.0:User:level', 'nosuch', 'x.y.z', '$ref',
];
const operators = ['eq', 'EQ', 'Eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'xx', 'eq.x', 'e'];
const spaces = ['', ' ', '  ', '\t', '\n', '\r\n', ' \t'];
const literals = fc.oneof(
  fc.string().map((s) => JSON.stringify(s)),
  fc.constantFrom('"plain"', '"a\\"b"', '"\\u00e9"', '"\\u00"', '"bad\\x"', '"\u0001"', '"tab\there"', '"end\\"', '"true"', '"False"', '"2011-05-13T04:42:34Z"', '"12"', '""', '"a" and userName eq "b"', '"x"]', '"x" or', '"\\\\"'),
);
const filters = fc.record({
  lead: fc.constantFrom(...spaces),
  attribute: fc.constantFrom(...attributes),
  gap: fc.constantFrom(...spaces),
  operator: fc.constantFrom(...operators),
  gap2: fc.constantFrom(...spaces),
  literal: literals,
  tail: fc.constantFrom(...spaces, ' and', ' x', ')'),
}).map((f) => `${f.lead}${f.attribute}${f.gap}${f.operator}${f.gap2}${f.literal}${f.tail}`);

describe('parseFilter shortcut for attrPath op "string" (issue 15)', () => {
  it('gives what the parser gives, node or error, for any such filter', () => {
    fc.assert(
      fc.property(filters, fc.constantFrom(...types), fc.constantFrom(rfcDialect, booleanDialect), (text, type, dialect) => {
        expect(outcome(() => parseFilter(text, type, { dialect }))).toEqual(outcome(() => walk(text, type, dialect)));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the lookups directories send', () => {
    const users = userResourceType();
    for (const text of ['userName eq "bjensen@example.com"', 'externalId eq "00u1"', 'userName eq "O\'Brien \\"the\\" \\u00e9"']) {
      expect(parseFilter(text, users)).toEqual(walk(text, users, rfcDialect));
    }
    expect(parseFilter('displayName eq "Sales"', groupResourceType())).toEqual(walk('displayName eq "Sales"', groupResourceType(), rfcDialect));
  });
});
