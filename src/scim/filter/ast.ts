/** The typed filter AST (RFC 7644 §3.4.2.2) shared by the parser, the evaluator and storage compilers. */
import type { ResolvedPath } from '../path.js';

/** Comparison operators of RFC 7644 §3.4.2.2 (Table 3). @public */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A filter literal (`compValue`): JSON string, number, `true`, `false` or `null`. @public */
export type FilterValue = string | number | boolean | null;

/**
 * A parsed filter. Paths are resolved and canonical. Inside a `valuePath`, the paths of `filter` name the
 * sub-attributes of the value path's attribute (`path.subAttribute`).
 * @public
 */
export type FilterNode =
  | { readonly kind: 'compare'; readonly op: CompareOperator; readonly path: ResolvedPath; readonly value: FilterValue }
  | { readonly kind: 'present'; readonly path: ResolvedPath }
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly filter: FilterNode }
  | { readonly kind: 'valuePath'; readonly path: ResolvedPath; readonly filter: FilterNode };

/** Limits of the parser: the longest filter accepted and the deepest nesting of parentheses, `not` and `[…]`. @public */
export const FILTER_LIMITS = Object.freeze({ maxLength: 4096, maxDepth: 32 });
