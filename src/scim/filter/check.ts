/** Internal (not for plugins): Type rules of filter comparisons (RFC 7644 §3.4.2.2), applied at parse time so storage compilers get a sound AST. */
import type { ScimDialect } from '../dialect.js';
import { badRequest } from '../errors.js';
import { withSubAttribute, type ResolvedPath } from '../path.js';
import { isCoreSchema, type ResourceType } from '../schema/resource-type.js';
import { parseDateTime } from '../values.js';
import type { CompareOperator, FilterNode, FilterValue } from './ast.js';

const ORDERING = new Set<CompareOperator>(['gt', 'ge', 'lt', 'le']);
const SUBSTRING = new Set<CompareOperator>(['co', 'sw', 'ew']);

const label = (path: ResolvedPath) => (path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute);

/**
 * Checks `path op value` and returns the canonical comparison: a complex attribute compares through its `value`
 * sub-attribute (RFC 7643 §2.4), boolean strings become booleans under the dialect.
 */
export function checkComparison(path: ResolvedPath, op: CompareOperator, value: FilterValue, dialect: ScimDialect): { path: ResolvedPath; value: FilterValue } {
  let target = path;
  if (target.leaf.type === 'complex') {
    if (!target.definition.subAttributes?.some((s) => s.name === 'value')) {
      throw badRequest('invalidFilter', `"${label(path)}" is complex; compare one of its sub-attributes`);
    }
    target = withSubAttribute(target, 'value', 'invalidFilter');
  }
  const type = target.leaf.type;
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') throw badRequest('invalidFilter', `"${op}" cannot compare with null`);
    return { path: target, value };
  }
  switch (type) {
    case 'boolean': {
      let bool: unknown = value;
      if (typeof value === 'string' && dialect.booleanStrings) {
        const lower = value.toLowerCase();
        if (lower === 'true' || lower === 'false') bool = lower === 'true';
      }
      if (typeof bool !== 'boolean') throw badRequest('invalidFilter', `"${label(target)}" is a boolean and compares with true or false`);
      // RFC 7644 §3.4.2.2: gt/ge/lt/le on boolean attributes SHALL fail with invalidFilter.
      if (op !== 'eq' && op !== 'ne') throw badRequest('invalidFilter', `"${op}" is not supported on the boolean "${label(target)}"`);
      return { path: target, value: bool };
    }
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number') throw badRequest('invalidFilter', `"${label(target)}" is a number and compares with a number`);
      if (type === 'integer' && !Number.isInteger(value)) throw badRequest('invalidFilter', `"${label(target)}" is an integer`);
      if (SUBSTRING.has(op)) throw badRequest('invalidFilter', `"${op}" is not supported on the number "${label(target)}"`);
      return { path: target, value };
    case 'dateTime':
      if (typeof value !== 'string' || parseDateTime(value) === undefined) {
        throw badRequest('invalidFilter', `"${label(target)}" is a dateTime and compares with an xsd:dateTime string`);
      }
      if (SUBSTRING.has(op)) throw badRequest('invalidFilter', `"${op}" is not supported on the dateTime "${label(target)}"`);
      return { path: target, value };
    case 'binary':
      if (typeof value !== 'string') throw badRequest('invalidFilter', `"${label(target)}" compares with a string`);
      // RFC 7644 §3.4.2.2: gt/ge/lt/le on binary attributes SHALL fail with invalidFilter.
      if (ORDERING.has(op)) throw badRequest('invalidFilter', `"${op}" is not supported on the binary "${label(target)}"`);
      return { path: target, value };
    default:
      if (typeof value !== 'string') throw badRequest('invalidFilter', `"${label(target)}" is a string and compares with a quoted string`);
      return { path: target, value };
  }
}

/**
 * Core paths whose value the SCIM service builds from its own base URL while answering: nothing stored holds
 * them, so no storage can compare them. (A client filters on `id`, `groups.value` or `members.value` instead.)
 */
const URL_BUILT = new Set(['meta.location', 'groups.$ref', 'members.$ref']);

/** Why a list filter (or sort) cannot use this path, or undefined when it can. */
export function unfilterableReason(path: ResolvedPath, resourceType: ResourceType): string | undefined {
  // RFC 7643 §7: a service provider MAY allow `returned: never` attributes in filters; this one never keeps them.
  if (path.leaf.returned === 'never' || path.definition.returned === 'never') return `"${label(path)}" is never stored or returned`;
  if (isCoreSchema(resourceType, path.schema) && path.subAttribute && URL_BUILT.has(`${path.attribute}.${path.subAttribute}`)) {
    return `"${label(path)}" is built from the service's URL when a resource is returned and cannot be filtered`;
  }
  return undefined;
}

/**
 * Refuses, with 400 invalidFilter, a list filter that names an attribute no storage can answer, so that every
 * engine (in memory or SQL) either answers a filter or refuses it the same way — never an empty list instead.
 */
export function checkFilterable(node: FilterNode, resourceType: ResourceType): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      checkFilterable(node.left, resourceType);
      checkFilterable(node.right, resourceType);
      return;
    case 'not':
      checkFilterable(node.filter, resourceType);
      return;
    case 'valuePath':
      checkFilterable(node.filter, resourceType);
      return;
    default: {
      const reason = unfilterableReason(node.path, resourceType);
      if (reason) throw badRequest('invalidFilter', reason);
    }
  }
}
