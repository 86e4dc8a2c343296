/**
 * Data and filter generators of the differential filter test: a random directory (users with every kind of
 * attribute, groups with members) written through SCIM, and random list queries whose literals are drawn from
 * what was stored (so filters match something), varied in case and cut into pieces, plus random ones.
 */
import fc from 'fast-check';
import { SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER } from '../../src/scim/index.js';

export const CUSTOM = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
export const CUSTOM_ATTRIBUTES = ['costCode', 'building'];

/** Mixed case, LIKE metacharacters, quotes, non-ASCII letters, an astral and a U+FB00 character, empty text. */
const ASCII_WORDS = ['alpha', 'Alpha', 'ALPHA', 'beta', 'Beta', 'zed', 'Zed', 'a%b', 'a_b', 'a\\b', 'x"y', 'o\'hara', '', ' lead', 'tail '];
const UNICODE_WORDS = ['Émile', 'émile', 'ÉMILE', 'Ωmega', 'ωmega', 'Straße', 'ЖУК', 'жук', '😀smile', 'ﬀ-lig', 'ÅSA', 'İSTANBUL', 'istanbul', 'ΟΔΟΣ', 'οδοσ'];

export function words(unicode: boolean): string[] {
  return unicode ? [...ASCII_WORDS, ...UNICODE_WORDS] : ASCII_WORDS;
}

export interface Dataset {
  users: Record<string, unknown>[];
  groups: { displayName: string; externalId?: string; members: number[] }[];
  /** Indexes of users changed after creation (meta.lastModified and meta.version move). */
  touched: number[];
}

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops undefined members so the JSON sent is what the generator meant. */
const clean = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function datasetArbitrary(unicode: boolean, userCount: number, groupCount: number): fc.Arbitrary<Dataset> {
  const word = fc.constantFrom(...words(unicode));
  const text = fc.oneof({ weight: 3, arbitrary: word }, fc.tuple(word, word).map(([a, b]) => `${a} ${b}`));
  const multi = (sub: Record<string, fc.Arbitrary<unknown>>, maxLength = 3) => fc.array(fc.record(sub, { requiredKeys: [] }), { maxLength });
  const user = fc.record(
    {
      displayName: text,
      nickName: text,
      title: text,
      userType: fc.constantFrom('Employee', 'employee', 'Contractor'),
      preferredLanguage: fc.constantFrom('en-US', 'EN-us', 'de-DE'),
      locale: fc.constantFrom('en-US', 'fr-FR'),
      profileUrl: fc.constantFrom('https://Example.com/p/a', 'https://example.com/p/A', 'https://example.com/%7Ez'),
      active: fc.boolean(),
      name: fc.record({ givenName: text, familyName: text, formatted: text }, { requiredKeys: [] }),
      emails: multi({ value: text.map((t) => `${t}@Example.com`), type: fc.constantFrom('work', 'home', 'Work', 'other'), primary: fc.boolean(), display: text }),
      phoneNumbers: multi({ value: fc.constantFrom('+1 555 0100', '+49 30 1234', '0100'), type: fc.constantFrom('work', 'mobile'), primary: fc.boolean() }, 2),
      addresses: multi({ locality: text, country: fc.constantFrom('DE', 'de', 'US'), type: fc.constantFrom('work', 'home'), primary: fc.boolean(), postalCode: fc.constantFrom('10115', '94043') }, 2),
      roles: multi({ value: text, primary: fc.boolean() }, 2),
      x509Certificates: multi({ value: fc.constantFrom('QUJD', 'qujd', 'QUJDRA==') }, 1),
      [SCHEMA_ENTERPRISE_USER]: fc.record(
        {
          employeeNumber: fc.constantFrom('701984', '701985', 'E-1'),
          department: text,
          costCenter: text,
          manager: fc.record({ value: fc.constantFrom('m-1', 'M-1', 'm-2'), $ref: fc.constantFrom('https://example.com/Users/m-1', 'https://Example.com/Users/M-1') }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      [CUSTOM]: fc.record({ costCode: text, building: text }, { requiredKeys: [] }),
    },
    { requiredKeys: ['active'] },
  );
  return fc
    .record({
      users: fc.array(fc.tuple(user, word, opt(fc.constantFrom('ext', 'EXT', 'Ext'))), { minLength: userCount, maxLength: userCount }),
      groups: fc.array(fc.tuple(word, opt(fc.constantFrom('gx', 'GX')), fc.subarray([...Array(userCount).keys()])), { minLength: groupCount, maxLength: groupCount }),
      touched: fc.subarray([...Array(userCount).keys()], { maxLength: Math.ceil(userCount / 4) }),
    })
    .map(({ users, groups, touched }) => ({
      users: users.map(([attributes, base, ext], i) =>
        clean({
          schemas: [SCHEMA_USER, SCHEMA_ENTERPRISE_USER, CUSTOM],
          ...attributes,
          userName: `${base || 'u'}-${i}@Example.com`,
          // One user has an empty externalId: `pr` is false for it, `eq ""` true.
          ...(i === 1 ? { externalId: '' } : ext ? { externalId: `${ext}-${i}` } : {}),
        }),
      ),
      groups: groups.map(([name, ext, members], i) => ({ displayName: `${name || 'g'} ${i}`, ...(ext ? { externalId: `${ext}-${i}` } : {}), members })),
      touched,
    }));
}

export const groupBody = (g: Dataset['groups'][number], ids: string[]) => ({
  schemas: [SCHEMA_GROUP],
  displayName: g.displayName,
  ...(g.externalId ? { externalId: g.externalId } : {}),
  members: g.members.map((i) => ({ value: ids[i] })),
});

/** Every leaf value at `path` (`emails.value`, `urn:…:department`) in the documents, as published. */
export function valuesAt(documents: Record<string, unknown>[], path: string): unknown[] {
  const urn = path.startsWith('urn:') ? path.slice(0, path.lastIndexOf(':')) : undefined;
  const local = urn ? path.slice(urn.length + 1) : path;
  const [attribute, sub] = local.split('.') as [string, string | undefined];
  const out: unknown[] = [];
  for (const doc of documents) {
    const container = (urn ? doc[urn] : doc) as Record<string, unknown> | undefined;
    const value = container?.[attribute];
    for (const item of Array.isArray(value) ? value : [value]) {
      const leaf = sub ? (item as Record<string, unknown> | undefined)?.[sub] : item;
      if (leaf !== undefined && leaf !== null && typeof leaf !== 'object') out.push(leaf);
    }
  }
  return out;
}

const randomCase = (s: string) => fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((flags) => [...s].map((c, i) => (flags[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

/** A literal for text: a stored value as is, re-cased, or cut (for co/sw/ew), or another word. */
export function textLiteral(pool: unknown[], unicode: boolean): fc.Arbitrary<string> {
  const stored = pool.filter((v): v is string => typeof v === 'string');
  const others = fc.constantFrom(...words(unicode), 'Example.com', 'work', 'WORK');
  if (stored.length === 0) return others;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...stored) },
    { weight: 2, arbitrary: fc.constantFrom(...stored).chain(randomCase) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...stored), fc.nat(), fc.nat()).map(([s, a, b]) => [...s].slice(Math.min(a, b) % (s.length + 1), Math.max(a, b) % (s.length + 1) + 1).join('')) },
    { weight: 1, arbitrary: others },
  );
}

/** A dateTime literal near a stored one: equal, a millisecond or a second off, or the same instant in +02:00. */
export function dateLiteral(pool: unknown[]): fc.Arbitrary<string> {
  const stored = pool.filter((v): v is string => typeof v === 'string');
  return fc.tuple(fc.constantFrom(...stored), fc.constantFrom(0, 0, 0, 1, -1, 1000, -1000), fc.boolean()).map(([iso, delta, offset]) => {
    const ms = Date.parse(iso) + delta;
    if (!offset) return new Date(ms).toISOString();
    const shifted = new Date(ms + 2 * 3600_000).toISOString();
    return `${shifted.slice(0, -1)}+02:00`;
  });
}

export const OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;
export const operator = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...OPERATORS) }, fc.constantFrom('EQ', 'Co', 'pr'));
