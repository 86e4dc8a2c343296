/** List and search requests (RFC 7644 §3.4.2, §3.4.3) and ListResponse bodies. */
import { SCHEMA_LIST_RESPONSE, SCHEMA_SEARCH_REQUEST } from './constants.js';
import { rfcDialect, type ScimDialect } from './dialect.js';
import { badRequest } from './errors.js';
import type { FilterNode } from './filter/ast.js';
import { parseFilter } from './filter/parser.js';
import { resolvePath, type ResolvedPath } from './path.js';
import { queryValue, type ScimQuery } from './projection.js';
import type { ResourceType } from './schema/resource-type.js';
import { checkSortPath } from './sort.js';
import { isObject } from './values.js';

/** A parsed list request. @public */
export interface ListQuery {
  filter?: FilterNode;
  /** 1-based (RFC 7644 §3.4.2.4: values below 1 are read as 1). */
  startIndex: number;
  /** Page size: 0 allowed (count only), capped at the maximum page size. */
  count: number;
  /** A leaf to sort by: `emails` arrives as `emails.value` (RFC 7644 §3.4.2.3). */
  sortBy?: ResolvedPath;
  sortOrder: 'ascending' | 'descending';
  attributes?: ResolvedPath[];
  excludedAttributes?: ResolvedPath[];
}

/** Options of {@link parseListQuery}. @public */
export interface ListQueryOptions {
  resourceType: ResourceType;
  dialect?: ScimDialect;
  /** Defaults to the dialect's `maxPageSize`. */
  maxPageSize?: number;
}

/**
 * The parameters of a list request, typed but not yet resolved against a resource type — what a query string
 * (`GET /Users?…`) and a SearchRequest body (`POST /.search`) both come down to, so both are validated alike.
 * @public
 */
export interface ListParameters {
  filter?: string;
  startIndex?: number;
  count?: number;
  sortBy?: string;
  sortOrder?: string;
  attributes?: readonly string[];
  excludedAttributes?: readonly string[];
}

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\s*[+-]?\d{1,15}\s*$/.test(raw)) throw badRequest('invalidValue', `"${name}" must be an integer, got "${raw}"`);
  return Number(raw);
}

function names(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  return list.length ? list : undefined;
}

/**
 * {@link queryValue} for several names of one query: the names are lower-cased once, not once per name asked for
 * (a list request asks for seven, most of them absent).
 */
function caseInsensitive(query: ScimQuery): (query: ScimQuery, name: string) => string | undefined {
  let lower: Map<string, string> | undefined;
  return (_query, name) => {
    if (query[name] !== undefined) return queryValue(query, name);
    if (!lower) {
      lower = new Map();
      for (const key of Object.keys(query)) if (!lower.has(key.toLowerCase())) lower.set(key.toLowerCase(), key);
    }
    const key = lower.get(name.toLowerCase());
    return key === undefined ? undefined : queryValue(query, key);
  };
}

/**
 * Reads the list parameters of a query string; names are matched case-insensitively, `attributes` and
 * `excludedAttributes` are comma-separated.
 * @throws ScimError 400 invalidValue when `startIndex` or `count` is not an integer
 * @public
 */
export function readListQuery(query: ScimQuery): ListParameters {
  const params: { -readonly [K in keyof ListParameters]: ListParameters[K] } = {};
  const queryValue = caseInsensitive(query);
  const filter = queryValue(query, 'filter');
  if (filter !== undefined) params.filter = filter;
  const startIndex = integer('startIndex', queryValue(query, 'startIndex'));
  if (startIndex !== undefined) params.startIndex = startIndex;
  const count = integer('count', queryValue(query, 'count'));
  if (count !== undefined) params.count = count;
  const sortBy = queryValue(query, 'sortBy');
  if (sortBy !== undefined) params.sortBy = sortBy;
  const sortOrder = queryValue(query, 'sortOrder');
  if (sortOrder !== undefined) params.sortOrder = sortOrder;
  const attributes = names(queryValue(query, 'attributes'));
  if (attributes) params.attributes = attributes;
  const excluded = names(queryValue(query, 'excludedAttributes'));
  if (excluded) params.excludedAttributes = excluded;
  return params;
}

const SEARCH_MEMBERS = new Map(['schemas', 'filter', 'startIndex', 'count', 'sortBy', 'sortOrder', 'attributes', 'excludedAttributes'].map((m) => [m.toLowerCase(), m]));

/**
 * Reads a SearchRequest body (RFC 7644 §3.4.3). Member names are case-insensitive (RFC 7643 §2.1) and `null` is
 * the same as absent (RFC 7643 §2.5). `filter`, `sortBy` and `sortOrder` are strings, `startIndex` and `count`
 * JSON integers, `attributes` and `excludedAttributes` arrays of strings.
 * @throws ScimError 400 invalidSyntax when the body is not an object, lacks the SearchRequest schema, repeats a
 *   member or has one the message does not define; 400 invalidValue naming the member when one has the wrong type
 * @public
 */
export function readSearchRequest(body: unknown): ListParameters {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'the search request must be a JSON object');
  const members = new Map<string, unknown>();
  for (const [key, value] of Object.entries(body)) {
    const name = SEARCH_MEMBERS.get(key.toLowerCase());
    if (!name) throw badRequest('invalidSyntax', `"${key}" is not a member of a SearchRequest (RFC 7644 §3.4.3)`);
    if (members.has(name)) throw badRequest('invalidSyntax', `"${name}" is given twice`);
    if (value !== null && value !== undefined) members.set(name, value);
  }
  const schemas = members.get('schemas');
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SCHEMA_SEARCH_REQUEST.toLowerCase())) {
    throw badRequest('invalidSyntax', `"schemas" must contain "${SCHEMA_SEARCH_REQUEST}"`);
  }
  const params: { -readonly [K in keyof ListParameters]: ListParameters[K] } = {};
  for (const key of ['filter', 'sortBy', 'sortOrder'] as const) {
    const value = members.get(key);
    if (value === undefined) continue;
    if (typeof value !== 'string') throw badRequest('invalidValue', `"${key}" must be a string`);
    params[key] = value;
  }
  for (const key of ['startIndex', 'count'] as const) {
    const value = members.get(key);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) >= 1e15) throw badRequest('invalidValue', `"${key}" must be an integer, got ${JSON.stringify(value)}`);
    params[key] = value;
  }
  for (const key of ['attributes', 'excludedAttributes'] as const) {
    const value = members.get(key);
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badRequest('invalidValue', `"${key}" must be an array of attribute names`);
    const list = (value as string[]).map((v) => v.trim()).filter(Boolean);
    if (list.length) params[key] = list;
  }
  return params;
}

/**
 * `sortOrder`, case-insensitively; undefined when absent or empty.
 * @throws ScimError 400 invalidValue for anything but ascending/descending
 */
export function readSortOrder(raw: string | undefined): 'ascending' | 'descending' | undefined {
  if (raw === undefined || raw === '') return undefined;
  const lower = raw.toLowerCase();
  if (lower !== 'ascending' && lower !== 'descending') throw badRequest('invalidValue', `"sortOrder" must be "ascending" or "descending", got "${raw}"`);
  return lower;
}

/** startIndex and count as a list answers them: 1-based (below 1 reads as 1), count in [0, max] (RFC 7644 §3.4.2.4). */
export function pageOf(params: ListParameters, max: number): { startIndex: number; count: number } {
  return {
    startIndex: params.startIndex === undefined ? 1 : Math.max(1, params.startIndex),
    count: params.count === undefined ? max : Math.min(max, Math.max(0, params.count)),
  };
}

/**
 * Resolves list parameters against a resource type: filter (RFC 7644 §3.4.2.2), paging (§3.4.2.4), sorting
 * (§3.4.2.3) and attribute projection (§3.4.2.5).
 * @throws ScimError 400 invalidFilter (filter), invalidValue (sortOrder, an attribute that cannot be sorted by —
 *   see {@link checkSortPath}), invalidPath (unknown attribute in sortBy, attributes or excludedAttributes)
 * @public
 */
export function resolveListParameters(params: ListParameters, options: ListQueryOptions): ListQuery {
  const dialect = options.dialect ?? rfcDialect;
  const rt = options.resourceType;
  const result: ListQuery = { ...pageOf(params, options.maxPageSize ?? dialect.maxPageSize), sortOrder: readSortOrder(params.sortOrder) ?? 'ascending' };
  if (params.filter !== undefined) result.filter = parseFilter(params.filter, rt, { dialect });
  const sortBy = params.sortBy?.trim();
  if (sortBy) result.sortBy = checkSortPath(resolvePath(sortBy, rt, 'invalidPath'), rt);
  if (params.attributes?.length) result.attributes = params.attributes.map((a) => resolvePath(a, rt, 'invalidPath'));
  if (params.excludedAttributes?.length) result.excludedAttributes = params.excludedAttributes.map((a) => resolvePath(a, rt, 'invalidPath'));
  return result;
}

/**
 * Parses the query of `GET /Users` or `GET /Groups` ({@link readListQuery}, then {@link resolveListParameters}).
 * @throws ScimError 400 invalidFilter, invalidValue or invalidPath (see there)
 * @public
 */
export function parseListQuery(query: ScimQuery, options: ListQueryOptions): ListQuery {
  return resolveListParameters(readListQuery(query), options);
}

/**
 * Parses the body of `POST /Users/.search` or `POST /Groups/.search` (RFC 7644 §3.4.3) into the same
 * {@link ListQuery} as a GET ({@link readSearchRequest}, then {@link resolveListParameters}).
 * @throws ScimError 400 invalidSyntax (not a SearchRequest), invalidValue (a member of the wrong type), and what
 *   {@link resolveListParameters} throws
 * @public
 */
export function parseSearchRequest(body: unknown, options: ListQueryOptions): ListQuery {
  return resolveListParameters(readSearchRequest(body), options);
}

/** A ListResponse body (RFC 7644 §3.4.2). @public */
export interface ListResponse<T> {
  schemas: [typeof SCHEMA_LIST_RESPONSE];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

/**
 * Builds a ListResponse; `itemsPerPage` is the number of resources on this page. `Resources` is always present
 * (empty for no match), which every directory client accepts.
 * @public
 */
export function listResponse<T>(input: { totalResults: number; startIndex: number; resources: T[] }): ListResponse<T> {
  return {
    schemas: [SCHEMA_LIST_RESPONSE],
    totalResults: input.totalResults,
    startIndex: input.startIndex,
    itemsPerPage: input.resources.length,
    Resources: input.resources,
  };
}
