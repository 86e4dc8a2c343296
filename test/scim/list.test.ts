import { describe, expect, it } from 'vitest';
import {
  defineDialect,
  groupResourceType,
  listResponse,
  parseListQuery,
  parseSearchRequest,
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_LIST_RESPONSE,
  SCHEMA_SEARCH_REQUEST,
  userResourceType,
} from '../../src/scim/index.js';
import { scimErrorOf, shape } from './scim-helpers.js';

const users = userResourceType();
const parse = (query: Record<string, string | string[] | undefined>, maxPageSize?: number) => parseListQuery(query, { resourceType: users, maxPageSize });

describe('parseListQuery', () => {
  it('defaults to the first page of the dialect maximum, ascending', () => {
    expect(parse({})).toEqual({ startIndex: 1, count: 100, sortOrder: 'ascending' });
    expect(parseListQuery({}, { resourceType: users, dialect: defineDialect({ maxPageSize: 1000 }) }).count).toBe(1000);
  });

  it.each([
    [{ startIndex: '0' }, { startIndex: 1 }],
    [{ startIndex: '-5' }, { startIndex: 1 }],
    [{ startIndex: '51' }, { startIndex: 51 }],
    [{ count: '0' }, { count: 0 }],
    [{ count: '-1' }, { count: 0 }],
    [{ count: '5000' }, { count: 100 }],
    [{ count: '10', startIndex: '3' }, { count: 10, startIndex: 3 }],
    [{ sortOrder: 'Descending' }, { sortOrder: 'descending' }],
    [{ count: ['5', '7'] }, { count: 7 }],
    [{ STARTINDEX: '4' }, { startIndex: 4 }],
  ])('%j', (query, expected) => {
    expect(parse(query)).toMatchObject(expected);
  });

  it('parses the filter into the AST and resolves sortBy and projections', () => {
    const q = parse({ filter: 'userName eq "bjensen"', sortBy: 'NAME.familyName', attributes: 'userName, emails.value', excludedAttributes: '' });
    expect(shape(q.filter)).toEqual({ kind: 'compare', op: 'eq', path: { attribute: 'userName' }, value: 'bjensen' });
    expect(shape(q.sortBy)).toEqual({ attribute: 'name', subAttribute: 'familyName' });
    expect(shape(q.attributes)).toEqual([{ attribute: 'userName' }, { attribute: 'emails', subAttribute: 'value' }]);
    expect(q.excludedAttributes).toBeUndefined();
    expect(shape(parse({ excludedAttributes: `${SCHEMA_ENTERPRISE_USER}:manager` }).excludedAttributes)).toEqual([{ schema: SCHEMA_ENTERPRISE_USER, attribute: 'manager' }]);
  });

  it('applies the booleanStrings dialect inside filters', () => {
    const q = parseListQuery({ filter: 'active eq "False"' }, { resourceType: users, dialect: defineDialect({ booleanStrings: true }) });
    expect(q.filter).toMatchObject({ value: false });
  });

  it.each([
    [{ filter: 'userName eq' }, 'invalidFilter'],
    [{ startIndex: 'one' }, 'invalidValue'],
    [{ count: '1.5' }, 'invalidValue'],
    [{ sortOrder: 'up' }, 'invalidValue'],
    [{ sortBy: 'nosuch' }, 'invalidPath'],
    [{ attributes: 'userName,nosuch' }, 'invalidPath'],
    [{ excludedAttributes: 'members' }, 'invalidPath'],
  ])('%j → 400 %s', (query, scimType) => {
    scimErrorOf(() => parse(query), 400, scimType as never);
  });

  it('resolves members on groups', () => {
    expect(shape(parseListQuery({ excludedAttributes: 'members' }, { resourceType: groupResourceType() }).excludedAttributes)).toEqual([{ attribute: 'members' }]);
  });
});

describe('parseSearchRequest (POST /.search, RFC 7644 §3.4.3)', () => {
  it('reads the body like a query', () => {
    const q = parseSearchRequest({ schemas: [SCHEMA_SEARCH_REQUEST], filter: 'title pr', startIndex: 2, count: 10, attributes: ['userName'] }, { resourceType: users });
    expect(q).toMatchObject({ startIndex: 2, count: 10, filter: { kind: 'present' } });
    expect(shape(q.attributes)).toEqual([{ attribute: 'userName' }]);
  });

  it('requires the SearchRequest schema and well-typed members', () => {
    scimErrorOf(() => parseSearchRequest({ filter: 'title pr' }, { resourceType: users }), 400, 'invalidSyntax');
    scimErrorOf(() => parseSearchRequest({ schemas: [SCHEMA_SEARCH_REQUEST], attributes: 'userName' }, { resourceType: users }), 400, 'invalidValue');
  });
});

describe('listResponse', () => {
  it('builds a ListResponse with itemsPerPage and an always-present Resources', () => {
    expect(listResponse({ totalResults: 0, startIndex: 1, resources: [] })).toEqual({ schemas: [SCHEMA_LIST_RESPONSE], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    expect(listResponse({ totalResults: 5, startIndex: 5, resources: [{ id: 'a' }] })).toMatchObject({ totalResults: 5, startIndex: 5, itemsPerPage: 1 });
  });
});
