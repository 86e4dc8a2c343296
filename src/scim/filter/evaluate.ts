/**
 * In-memory evaluation of a filter against a canonical resource document, following RFC 7644 §3.4.2.2: string
 * comparisons honour `caseExact`, a multi-valued attribute matches when any of its values matches, dateTimes compare
 * as instants. Used for PATCH value-path selection and tests; list filtering is compiled to SQL instead.
 */
import type { ResolvedPath } from '../path.js';
import { isObject, parseDateTime } from '../values.js';
import type { CompareOperator, FilterNode, FilterValue } from './ast.js';

type Doc = Record<string, unknown>;

/** The attribute's value in a document: core attributes at the top level, extension attributes under their URN. */
function attributeValue(document: Doc, path: ResolvedPath, coreSchema: string | undefined): unknown {
  const container = isCore(path.schema, coreSchema) ? document : document[path.schema];
  return isObject(container) ? container[path.attribute] : undefined;
}

function isCore(schema: string, coreSchema: string | undefined): boolean {
  return coreSchema ? schema === coreSchema : schema.includes(':core:');
}

/** Every assigned value the path names (multi-valued attributes flattened). */
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

function isPresent(values: unknown[]): boolean {
  return values.some((v) => v !== '' && !(Array.isArray(v) && v.length === 0) && !(isObject(v) && Object.keys(v).length === 0));
}

function compareOne(actual: unknown, op: CompareOperator, expected: Exclude<FilterValue, null>, path: ResolvedPath): boolean {
  const type = path.leaf.type;
  let a: string | number | boolean;
  let e: string | number | boolean = expected;
  if (type === 'boolean') {
    if (typeof actual !== 'boolean') return false;
    a = actual;
  } else if (type === 'integer' || type === 'decimal') {
    if (typeof actual !== 'number') return false;
    a = actual;
  } else if (type === 'dateTime') {
    const at = typeof actual === 'string' ? parseDateTime(actual) : undefined;
    const et = parseDateTime(String(expected));
    if (at === undefined || et === undefined) return false;
    a = at;
    e = et;
  } else {
    if (typeof actual !== 'string') return false;
    const exact = path.leaf.caseExact;
    a = exact ? actual : actual.toLowerCase();
    e = exact ? String(expected) : String(expected).toLowerCase();
  }
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'co':
      return (a as string).includes(e as string);
    case 'sw':
      return (a as string).startsWith(e as string);
    case 'ew':
      return (a as string).endsWith(e as string);
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    case 'le':
      return a <= e;
  }
}

function compare(values: unknown[], op: CompareOperator, expected: FilterValue, path: ResolvedPath): boolean {
  // `eq null` matches an unassigned attribute, `ne null` an assigned one (RFC 7643 §2.5: null is unassigned).
  if (expected === null) return op === 'eq' ? !isPresent(values) : isPresent(values);
  if (values.length === 0) return op === 'ne';
  return values.some((v) => compareOne(v, op, expected, path));
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
      return node.kind === 'present' ? isPresent(values) : compare(values, node.op, node.value, node.path);
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
