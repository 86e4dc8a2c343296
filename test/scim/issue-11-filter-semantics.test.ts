/**
 * Regression tests for the comparison and sort rules the in-memory evaluator shares with the SQL compiler
 * (issue 12, item 1): case folding, code point order, binary case, sort keys and what cannot be sorted by.
 */
import { describe, expect, it } from 'vitest';
import { compareText, evaluateFilter, foldCase, parseFilter, parseListQuery, SCHEMA_USER, sortResources, userResourceType } from '../../src/scim/index.js';
import { scimErrorOf, shape } from './scim-helpers.js';

const users = userResourceType();
const matches = (filter: string, doc: Record<string, unknown>) => evaluateFilter(parseFilter(filter, users), { schemas: [SCHEMA_USER], ...doc }, SCHEMA_USER);

describe('text rules', () => {
  it('folds with the simple lower-case mapping, as PostgreSQL lower() does', () => {
    expect(foldCase('ABC')).toBe('abc');
    expect(foldCase('İstanbul')).toBe('istanbul');
    // A final capital sigma folds to σ, not the contextual ς of toLowerCase().
    expect(foldCase('ΟΔΟΣ')).toBe('οδοσ');
    expect('ΟΔΟΣ'.toLowerCase()).toBe('οδος');
    expect(matches('title eq "οδοσ"', { title: 'ΟΔΟΣ' })).toBe(true);
  });

  it('orders by code point, so an astral character sorts after U+FB00 (COLLATE "C")', () => {
    expect(compareText('😀', 'ﬀ')).toBeGreaterThan(0);
    expect('😀' < 'ﬀ').toBe(true);
    expect(compareText('a', 'ab')).toBeLessThan(0);
    expect(matches('title gt "ﬀ"', { title: '😀' })).toBe(true);
  });

  it('compares binary values case-exactly (RFC 7643 §2.3.6)', () => {
    expect(users.index.core.get('x509certificates')!.subAttributes!.find((s) => s.name === 'value')).toMatchObject({ type: 'binary', caseExact: true });
    expect(matches('x509Certificates.value eq "qujd"', { x509Certificates: [{ value: 'QUJD' }] })).toBe(false);
    expect(matches('x509Certificates.value eq "QUJD"', { x509Certificates: [{ value: 'QUJD' }] })).toBe(true);
  });
});

describe('sorting (RFC 7644 §3.4.2.3)', () => {
  const sortBy = (text: string) => parseListQuery({ sortBy: text }, { resourceType: users }).sortBy!;
  const ids = (docs: Record<string, unknown>[]) => docs.map((d) => d.id);
  const docs = [
    { id: '1', title: 'beta', emails: [{ value: 'zz@x' }, { value: 'aa@x', primary: true }] },
    { id: '2', title: '', emails: [{ value: 'mm@x' }, { value: 'bb@x' }] },
    { id: '3', title: 'Alpha', emails: [{ type: 'work', primary: true }, { value: 'aa@x' }] },
    { id: '4', title: 'alpha' },
  ];

  it('reads a multi-valued attribute through its primary element, else its first', () => {
    expect(shape(sortBy('emails'))).toEqual({ attribute: 'emails', subAttribute: 'value' });
    // 3's primary element has no value: it has no sort value (no falling back to another element).
    expect(ids(sortResources(docs, sortBy('emails'), 'ascending', SCHEMA_USER))).toEqual(['1', '2', '3', '4']);
    expect(ids(sortResources(docs, sortBy('emails.value'), 'descending', SCHEMA_USER))).toEqual(['3', '4', '2', '1']);
  });

  it('folds case-insensitive text, puts no value ("" included) last ascending and first descending, ties by id', () => {
    expect(ids(sortResources(docs, sortBy('title'), 'ascending', SCHEMA_USER))).toEqual(['3', '4', '1', '2']);
    expect(ids(sortResources(docs, sortBy('title'), 'descending', SCHEMA_USER))).toEqual(['2', '1', '3', '4']);
  });

  it.each(['name', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', 'addresses', 'x509Certificates.value', 'groups.display', 'groups', 'password', 'meta.location'])(
    'refuses sortBy=%s with 400 invalidValue',
    (path) => {
      scimErrorOf(() => parseListQuery({ sortBy: path }, { resourceType: users }), 400, 'invalidValue');
    },
  );
});
