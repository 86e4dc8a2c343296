/**
 * In-memory evaluation of a filter against a resource document, following RFC 7644 §3.4.2.2: string comparisons
 * honour `caseExact` (case-insensitive text folds with the simple Unicode lower-case mapping and orders by code
 * point), a multi-valued attribute matches when any of its values matches, dateTimes compare as instants at
 * millisecond precision. PATCH uses it to select elements; list filters are compiled to SQL by the host, which
 * follows the same rules (./semantics.ts) — a differential test holds the two to the same answers.
 */
import type { ResolvedPath } from '../path.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import { isObject, parseDateTime } from '../values.js';
import type { CompareOperator, FilterNode, FilterValue } from './ast.js';
import { compareText, foldCase, isCaseExact, valueKind } from './semantics.js';

type Doc = Record<string, unknown>;

/** The attribute's value in a document: core attributes at the top level, extension attributes under their URN. */
export function attributeValue(document: Doc, path: ResolvedPath, coreSchema: string | undefined): unknown {
  const container = isCore(path.schema, coreSchema) ? document : document[path.schema];
  return isObject(container) ? container[path.attribute] : undefined;
}

function isCore(schema: string, coreSchema: string | undefined): boolean {
  return coreSchema ? schema === coreSchema : schema.includes(':core:');
}

/** Every assigned value the path names (multi-valued attributes flattened); null and absent values are not values. */
function valuesAt(source: unknown, path: ResolvedPath, element: boolean): unknown[] {
  const out: unknown[] = [];
  const push = (v: unknown) => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) for (const x of v) push(x);
    else out.push(v);
  };
  if (element) {
    // Inside a value path the source is one element of the multi-valued attribute.
    if (isObject(source)) push(source[path.subAttribute ?? 'value']);
    return out;
  }
  if (!path.subAttribute) {
    push(source);
    return out;
  }
  const items = Array.isArray(source) ? source : [source];
  for (const item of items) if (isObject(item)) push(item[path.subAttribute]);
  return out;
}

/** RFC 7644 §3.4.2.2 `pr`: a non-empty value, or a non-empty node for complex attributes. */
export function isPresentValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0) && !(isObject(v) && Object.keys(v).length === 0);
}

function ordered(order: number, op: CompareOperator): boolean {
  switch (op) {
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    default:
      return order <= 0;
  }
}

/** One stored value against the literal. A value of another JSON type than the attribute's never matches. */
function compareOne(actual: unknown, op: CompareOperator, expected: Exclude<FilterValue, null>, leaf: AttributeDefinition): boolean {
  switch (valueKind(leaf)) {
    case 'boolean':
      if (typeof actual !== 'boolean') return false;
      return op === 'eq' ? actual === expected : op === 'ne' ? actual !== expected : false;
    case 'number': {
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      return op === 'eq' ? actual === expected : op === 'ne' ? actual !== expected : ordered(actual - expected, op);
    }
    case 'dateTime': {
      const a = typeof actual === 'string' ? parseDateTime(actual) : undefined;
      const e = parseDateTime(String(expected));
      if (a === undefined || e === undefined) return false;
      return op === 'eq' ? a === e : op === 'ne' ? a !== e : ordered(a - e, op);
    }
    case 'string': {
      if (typeof actual !== 'string') return false;
      const exact = isCaseExact(leaf);
      const a = exact ? actual : foldCase(actual);
      const e = exact ? String(expected) : foldCase(String(expected));
      switch (op) {
        case 'eq':
          return a === e;
        case 'ne':
          return a !== e;
        case 'co':
          return a.includes(e);
        case 'sw':
          return a.startsWith(e);
        case 'ew':
          return a.endsWith(e);
        default:
          return ordered(compareText(a, e), op);
      }
    }
  }
}

function compare(values: unknown[], op: CompareOperator, expected: FilterValue, leaf: AttributeDefinition): boolean {
  // `eq null` matches an unassigned attribute, `ne null` an assigned one (RFC 7643 §2.5: null is unassigned).
  if (expected === null) return op === 'eq' ? !values.some(isPresentValue) : values.some(isPresentValue);
  // `ne` on an attribute without values matches: nothing equals the literal.
  if (values.length === 0) return op === 'ne';
  return values.some((v) => compareOne(v, op, expected, leaf));
}

function evaluate(node: FilterNode, source: unknown, element: boolean, coreSchema: string | undefined): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, source, element, coreSchema) && evaluate(node.right, source, element, coreSchema);
    case 'or':
      return evaluate(node.left, source, element, coreSchema) || evaluate(node.right, source, element, coreSchema);
    case 'not':
      return !evaluate(node.filter, source, element, coreSchema);
    case 'present':
    case 'compare': {
      const raw = element ? source : attributeValue(source as Doc, node.path, coreSchema);
      const values = valuesAt(raw, node.path, element);
      return node.kind === 'present' ? values.some(isPresentValue) : compare(values, node.op, node.value, node.path.leaf);
    }
    case 'valuePath': {
      const raw = attributeValue(source as Doc, node.path, coreSchema);
      const items = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
      return items.some((item) => evaluate(node.filter, item, true, coreSchema));
    }
  }
}

/**
 * Does the resource document match the filter?
 * @param coreSchema - the resource type's core schema URN (defaults to "a URN containing `:core:`")
 * @public
 */
export function evaluateFilter(node: FilterNode, document: Record<string, unknown>, coreSchema?: string): boolean {
  return evaluate(node, document, false, coreSchema);
}

/**
 * Does one element of a multi-valued complex attribute match a value-path filter (`type eq "work"`)?
 * @public
 */
export function matchesElement(filter: FilterNode, element: unknown): boolean {
  return evaluate(filter, element, true, undefined);
}
