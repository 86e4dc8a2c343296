/** Internal (not for plugins): Helpers of the PATCH engine for multi-valued attributes (RFC 7643 §2.4) and cleanup of unassigned values. */
import type { FilterNode } from '../filter/ast.js';
import { enforceSinglePrimary, isObject } from '../values.js';

export type Doc = Record<string, unknown>;

/** The elements of a multi-valued attribute as an array (empty when unassigned). */
export function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** Sets (or, for undefined, deletes) a key. */
export function assign(target: Doc, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** RFC 7643 §2.4: the element just marked primary keeps it, the others lose it. */
export function keepPrimary(list: unknown[], touched: readonly unknown[]): void {
  const primary = touched.findLast((t) => isObject(t) && t.primary === true);
  if (primary !== undefined) enforceSinglePrimary(list, primary);
}

/**
 * The sub-attribute values a value filter pins down with `eq` (`type eq "work" and primary eq true` →
 * `{ type: "work", primary: true }`), or undefined when the filter is not such a conjunction.
 */
export function eqAssignments(filter: FilterNode): Doc | undefined {
  const out: Doc = {};
  const collect = (node: FilterNode): boolean => {
    if (node.kind === 'compare' && node.op === 'eq' && node.value !== null && node.path.subAttribute) {
      out[node.path.subAttribute] = node.value;
      return true;
    }
    return node.kind === 'and' && collect(node.left) && collect(node.right);
  };
  return collect(filter) ? out : undefined;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/** Drops unassigned values under an attribute (RFC 7643 §2.5: empty arrays and objects are unassigned). */
export function pruneAttribute(container: Doc, attribute: string): void {
  const value = container[attribute];
  if (Array.isArray(value)) {
    const kept = value.filter((element) => !isEmpty(element));
    if (kept.length === 0) delete container[attribute];
    else if (kept.length !== value.length) container[attribute] = kept;
  } else if (isEmpty(value)) {
    delete container[attribute];
  }
}
