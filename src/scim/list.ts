/** List and search requests (RFC 7644 §3.4.2, §3.4.3) and ListResponse bodies. */
import { SCHEMA_LIST_RESPONSE, SCHEMA_SEARCH_REQUEST } from './constants.js';
import { rfcDialect, type ScimDialect } from './dialect.js';
import { badRequest } from './errors.js';
import type { FilterNode } from './filter/ast.js';
import { parseFilter } from './filter/parser.js';
import { resolvePath, type ResolvedPath } from './path.js';
import { parseProjection, queryValue, type ScimQuery } from './projection.js';
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

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\s*[+-]?\d{1,15}\s*$/.test(raw)) throw badRequest('invalidValue', `"${name}" must be an integer, got "${raw}"`);
  return Number(raw);
}

/**
 * Parses the query of `GET /Users` or `GET /Groups`: filter, paging (RFC 7644 §3.4.2.4), sorting (§3.4.2.3) and
 * attribute projection (§3.4.2.5). Parameter names are matched case-insensitively.
 * @throws ScimError 400 invalidFilter (filter), invalidValue (startIndex, count, sortOrder, an attribute that cannot
 *   be sorted by — see {@link checkSortPath}), invalidPath (unknown attribute in sortBy, attributes or excludedAttributes)
 * @public
 */
export function parseListQuery(query: ScimQuery, options: ListQueryOptions): ListQuery {
  const dialect = options.dialect ?? rfcDialect;
  const rt = options.resourceType;
  const max = options.maxPageSize ?? dialect.maxPageSize;
  const result: ListQuery = { startIndex: 1, count: max, sortOrder: 'ascending' };
  const filter = queryValue(query, 'filter');
  if (filter !== undefined) result.filter = parseFilter(filter, rt, { dialect });
  const startIndex = integer('startIndex', queryValue(query, 'startIndex'));
  if (startIndex !== undefined) result.startIndex = Math.max(1, startIndex);
  const count = integer('count', queryValue(query, 'count'));
  if (count !== undefined) result.count = Math.min(max, Math.max(0, count));
  const sortBy = queryValue(query, 'sortBy');
  if (sortBy !== undefined && sortBy.trim() !== '') result.sortBy = checkSortPath(resolvePath(sortBy.trim(), rt, 'invalidPath'), rt);
  const sortOrder = queryValue(query, 'sortOrder');
  if (sortOrder !== undefined && sortOrder !== '') {
    const lower = sortOrder.toLowerCase();
    if (lower !== 'ascending' && lower !== 'descending') throw badRequest('invalidValue', `"sortOrder" must be "ascending" or "descending", got "${sortOrder}"`);
    result.sortOrder = lower;
  }
  const projection = parseProjection(query, rt);
  if (projection.attributes) result.attributes = projection.attributes;
  if (projection.excludedAttributes) result.excludedAttributes = projection.excludedAttributes;
  return result;
}

/**
 * Parses the body of `POST /.search` (RFC 7644 §3.4.3) into the same {@link ListQuery} as a GET.
 * @throws ScimError 400 invalidSyntax (not a SearchRequest), and whatever {@link parseListQuery} throws
 * @public
 */
export function parseSearchRequest(body: unknown, options: ListQueryOptions): ListQuery {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'the search request must be a JSON object');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SCHEMA_SEARCH_REQUEST.toLowerCase())) {
    throw badRequest('invalidSyntax', `"schemas" must contain "${SCHEMA_SEARCH_REQUEST}"`);
  }
  const query: Record<string, string | undefined> = {};
  for (const key of ['filter', 'sortBy', 'sortOrder', 'startIndex', 'count'] as const) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'number') throw badRequest('invalidValue', `"${key}" must be a string or number`);
    query[key] = String(value);
  }
  for (const key of ['attributes', 'excludedAttributes'] as const) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badRequest('invalidValue', `"${key}" must be an array of attribute names`);
    query[key] = value.join(',');
  }
  return parseListQuery(query, options);
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
