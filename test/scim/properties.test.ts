import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  defineDialect,
  evaluateFilter,
  extractMemberChanges,
  normalizeResource,
  parseFilter,
  printFilter,
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_PATCH_OP,
  SCHEMA_USER,
  ScimError,
  userResourceType,
} from '../../src/scim/index.js';

const users = userResourceType();
const lenient = defineDialect({ operationNamesCaseInsensitive: true, booleanStrings: true, replaceUnmatchedValuePathAdds: true, managerAsString: true });

/** Runs fn; a ScimError is an acceptable answer, anything else fails the property. */
function scimOrValue<T>(fn: () => T): T | ScimError {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ScimError) {
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(500);
      return error;
    }
    throw error;
  }
}

const stringAttr = fc.constantFrom('userName', 'title', 'displayName', 'name.givenName', 'emails.value', 'emails.type', `${SCHEMA_ENTERPRISE_USER}:department`, 'externalId');
const caseVariant = (s: string) => fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((flags) => [...s].map((c, i) => (flags[i] ? c.toUpperCase() : c)).join(''));
const jsonString = fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s));

/** Valid filters generated from the grammar of RFC 7644 §3.4.2.2. */
const validFilter: fc.Arbitrary<string> = fc.letrec<{ filter: string; atom: string; inner: string }>((tie) => ({
  atom: fc.oneof(
    fc.tuple(stringAttr.chain(caseVariant), fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le').chain(caseVariant), jsonString).map(([a, o, v]) => `${a} ${o} ${v}`),
    fc.tuple(stringAttr, fc.constantFrom('eq', 'ne')).map(([a, o]) => `${a} ${o} null`),
    stringAttr.map((a) => `${a} pr`),
    fc.tuple(fc.constantFrom('eq', 'ne'), fc.boolean()).map(([o, b]) => `active ${o} ${b}`),
    fc.tuple(fc.constantFrom('gt', 'lt', 'ge', 'le', 'eq'), fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })).map(([o, d]) => `meta.lastModified ${o} "${d.toISOString()}"`),
    tie('inner').map((f) => `emails[${f}]`),
  ),
  inner: fc.oneof(
    fc.tuple(fc.constantFrom('type', 'value', 'display'), fc.constantFrom('eq', 'co', 'sw'), jsonString).map(([a, o, v]) => `${a} ${o} ${v}`),
    fc.boolean().map((b) => `primary eq ${b}`),
    fc.constantFrom('type pr', 'value pr'),
  ),
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('atom'),
    fc.tuple(tie('filter'), fc.constantFrom('and', 'or', 'AND', 'Or'), tie('filter')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('filter').map((f) => `not (${f})`),
    tie('filter').map((f) => `(${f})`),
  ),
})).filter;

const filterTokens = fc.constantFrom('userName', 'emails', '[', ']', '(', ')', 'eq', 'co', 'pr', 'and', 'or', 'not', '"x"', '"', '\\', 'true', 'null', '1', '-', '.', 'type', ' ', 'urn:', ':', 'value');

describe('filter properties', () => {
  it('every grammar-generated filter parses, and printing then parsing yields the same AST', () => {
    fc.assert(
      fc.property(validFilter, (text) => {
        const ast = parseFilter(text, users);
        const printed = printFilter(ast, users);
        expect(parseFilter(printed, users)).toEqual(ast);
        expect(printFilter(parseFilter(printed, users), users)).toBe(printed);
      }),
      { numRuns: 400 },
    );
  });

  it('random garbage either parses or answers a ScimError 400 invalidFilter, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.array(filterTokens, { maxLength: 25 }).map((t) => t.join(' ')), fc.array(filterTokens, { maxLength: 25 }).map((t) => t.join(''))), (text) => {
        const result = scimOrValue(() => parseFilter(text, users));
        if (result instanceof ScimError) expect(result.scimType).toBe('invalidFilter');
      }),
      { numRuns: 1000 },
    );
  });

  it('evaluation of a parsed filter on a random user never throws, and not(f) is its complement', () => {
    const user = fc.record({
      userName: fc.string({ minLength: 1, maxLength: 8 }),
      title: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      active: fc.boolean(),
      emails: fc.array(fc.record({ value: fc.string({ maxLength: 8 }), type: fc.constantFrom('work', 'home'), primary: fc.boolean() }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(validFilter, user, (text, doc) => {
        const ast = parseFilter(text, users);
        const input = { schemas: [SCHEMA_USER], ...JSON.parse(JSON.stringify(doc)) };
        expect(evaluateFilter({ kind: 'not', filter: ast }, input)).toBe(!evaluateFilter(ast, input));
      }),
      { numRuns: 300 },
    );
  });
});

const jsonValue = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('True', 'False'));
const patchPath = fc.oneof(
  fc.constantFrom('userName', 'title', 'active', 'name', 'name.givenName', 'emails', 'emails.value', 'id', 'meta', 'groups', 'nosuch', 'members', `${SCHEMA_ENTERPRISE_USER}:manager`, `${SCHEMA_ENTERPRISE_USER}:department`, SCHEMA_ENTERPRISE_USER, 'emails[type eq "work"].value', 'emails[type eq "work"]', 'addresses[type eq "home"].locality', 'emails[bad', 'phoneNumbers[primary eq true]'),
  fc.string({ maxLength: 20 }),
);
const operation = fc.record(
  {
    op: fc.constantFrom('add', 'remove', 'replace', 'Add', 'REPLACE', 'move', 7),
    path: patchPath,
    value: fc.oneof(jsonValue, fc.dictionary(fc.constantFrom('value', 'type', 'primary', 'givenName', 'title', 'name.givenName', 'active', 'x'), jsonValue, { maxKeys: 3 }), fc.array(fc.dictionary(fc.constantFrom('value', 'type', 'primary'), jsonValue, { maxKeys: 3 }), { maxLength: 3 })),
  },
  { requiredKeys: ['op'] },
);
const body = fc.oneof(
  { weight: 5, arbitrary: fc.array(operation, { minLength: 1, maxLength: 4 }).map((Operations) => ({ schemas: [SCHEMA_PATCH_OP], Operations })) },
  { weight: 1, arbitrary: fc.anything() },
);
const start = {
  schemas: [SCHEMA_USER],
  id: 'u1',
  userName: 'bjensen',
  name: { givenName: 'Barbara' },
  emails: [{ value: 'b@example.com', type: 'work', primary: true }],
  meta: { resourceType: 'User' },
};

describe('PATCH properties', () => {
  it('random PATCH bodies either apply or answer a ScimError; the input is never mutated', () => {
    fc.assert(
      fc.property(body, fc.boolean(), (patch, useLenient) => {
        const before = structuredClone(start);
        const result = scimOrValue(() => applyPatch(start, patch, { resourceType: users, dialect: useLenient ? lenient : undefined }));
        expect(start).toEqual(before);
        if (!(result instanceof ScimError)) {
          // A successful PATCH yields a document that still normalizes (or is refused with a SCIM error).
          scimOrValue(() => normalizeResource(result.document, { resourceType: users, dialect: lenient, mode: 'replace' }));
          expect(result.document.userName).toBeTypeOf('string');
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('random Group PATCH bodies either split into member changes or answer a ScimError', () => {
    fc.assert(
      fc.property(body, (patch) => {
        const result = scimOrValue(() => extractMemberChanges(patch, { dialect: lenient }));
        if (!(result instanceof ScimError)) {
          for (const id of [...result.add, ...result.remove, ...(result.replace ?? [])]) expect(id).toBeTypeOf('string');
          expect(result.add.filter((id) => result.remove.includes(id))).toEqual([]);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('applying the same add twice equals applying it once (idempotent retries)', () => {
    const email = fc.record({ value: fc.string({ minLength: 1, maxLength: 8 }), type: fc.constantFrom('work', 'home', 'other') });
    fc.assert(
      fc.property(fc.array(email, { minLength: 1, maxLength: 3 }), (emails) => {
        const op = { op: 'add', path: 'emails', value: emails };
        const once = applyPatch(start, { schemas: [SCHEMA_PATCH_OP], Operations: [op] }, { resourceType: users });
        const twice = applyPatch(once.document, { schemas: [SCHEMA_PATCH_OP], Operations: [op] }, { resourceType: users });
        expect(twice.document).toEqual(once.document);
        expect(twice.changed).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
