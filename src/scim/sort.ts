/**
 * Sorting list results (RFC 7644 §3.4.2.3): which attributes a list can be sorted by, and the in-memory order
 * that the host's SQL order reproduces.
 *
 * - A singular attribute sorts by its value; a multi-valued one by the value of its primary element if any, or
 *   else of its first element (`sortBy=emails` reads the element's `value`).
 * - Case-insensitive text sorts folded (./filter/semantics.ts), all text by code point ("Unicode alphabetic sort
 *   order with no specific locale implied"); dateTimes by instant (millisecond precision); false before true.
 * - A resource without a value (absent, null or "") sorts last when ascending and first when descending.
 * - Ties keep the order of `id`, in both directions, so pages never overlap.
 */
import { badRequest } from './errors.js';
import { attributeValue } from './filter/evaluate.js';
import { compareText, foldCase, isCaseExact, valueKind } from './filter/semantics.js';
import { withSubAttribute, type ResolvedPath } from './path.js';
import { isCoreSchema, type ResourceType } from './schema/resource-type.js';
import { isObject, parseDateTime } from './values.js';
import { unfilterableReason } from './filter/check.js';

/**
 * The path a list sorts by, checked: `emails` becomes `emails.value`; complex attributes without a `value`,
 * binary values (RFC 7644 §3.4.2.2 defines no order on them), what cannot be filtered either, and `groups` /
 * `members` (no primary element and no stored order, so "the first value" would be arbitrary) are refused.
 * @throws ScimError 400 invalidValue
 */
export function checkSortPath(path: ResolvedPath, resourceType: ResourceType): ResolvedPath {
  const label = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  let target = path;
  if (target.leaf.type === 'complex') {
    if (!target.definition.multiValued || !target.definition.subAttributes?.some((s) => s.name === 'value')) {
      throw badRequest('invalidValue', `cannot sort by the complex attribute "${label}"; name one of its sub-attributes (RFC 7644 §3.4.2.3)`);
    }
    target = withSubAttribute(target, 'value', 'invalidValue');
  }
  const reason = unfilterableReason(target, resourceType);
  if (reason) throw badRequest('invalidValue', `cannot sort by "${label}": ${reason}`);
  if (target.leaf.type === 'binary') throw badRequest('invalidValue', `cannot sort by the binary "${label}"`);
  if (isCoreSchema(resourceType, target.schema) && (target.attribute === 'groups' || target.attribute === 'members')) {
    throw badRequest('invalidValue', `cannot sort by "${label}": ${target.attribute} have no primary value and no stored order`);
  }
  return target;
}

type SortKey = string | number | boolean | undefined;

/**
 * The value a resource sorts by (undefined: no value), already folded for case-insensitive text.
 * @param path - a path checked by the list query parser
 * @public
 */
export function sortValue(document: Record<string, unknown>, path: ResolvedPath, coreSchema?: string): SortKey {
  const raw = attributeValue(document, path, coreSchema);
  let value: unknown;
  if (path.definition.multiValued) {
    const elements = Array.isArray(raw) ? raw : [];
    const picked: unknown = elements.find((e) => isObject(e) && e.primary === true) ?? elements[0];
    value = path.subAttribute ? (isObject(picked) ? picked[path.subAttribute] : undefined) : picked;
  } else {
    value = path.subAttribute ? (isObject(raw) ? raw[path.subAttribute] : undefined) : raw;
  }
  switch (valueKind(path.leaf)) {
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'number':
      return typeof value === 'number' ? value : undefined;
    case 'dateTime':
      return typeof value === 'string' ? parseDateTime(value) : undefined;
    case 'string':
      if (typeof value !== 'string' || value === '') return undefined;
      return isCaseExact(path.leaf) ? value : foldCase(value);
  }
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Resources in list order by `path` — what a service provider's storage must reproduce. Returns a new array.
 * @public
 */
export function sortResources<T extends Record<string, unknown>>(resources: readonly T[], path: ResolvedPath, order: 'ascending' | 'descending', coreSchema?: string): T[] {
  const keyed = resources.map((resource) => ({ resource, key: sortValue(resource, path, coreSchema), id: String(resource.id ?? '') }));
  const sign = order === 'descending' ? -1 : 1;
  keyed.sort((x, y) => sign * compareKeys(x.key, y.key) || compareText(x.id, y.id));
  return keyed.map((k) => k.resource);
}
