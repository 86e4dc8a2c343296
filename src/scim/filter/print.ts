/** Prints a filter AST back to canonical filter text; `parseFilter(printFilter(ast))` yields `ast` again. */
import type { ResolvedPath } from '../path.js';
import { printPath } from '../path.js';
import type { ResourceType } from '../schema/resource-type.js';
import type { FilterNode } from './ast.js';

const PRECEDENCE = { or: 1, and: 2 } as const;

function precedence(node: FilterNode): number {
  return node.kind === 'or' || node.kind === 'and' ? PRECEDENCE[node.kind] : 3;
}

function print(node: FilterNode, rt: ResourceType | undefined, inValuePath: boolean): string {
  const path = (p: ResolvedPath) => (inValuePath ? (p.subAttribute ?? p.attribute) : printPath(p, rt));
  switch (node.kind) {
    case 'compare':
      return `${path(node.path)} ${node.op} ${JSON.stringify(node.value)}`;
    case 'present':
      return `${path(node.path)} pr`;
    case 'not':
      return `not (${print(node.filter, rt, inValuePath)})`;
    case 'valuePath':
      return `${printPath(node.path, rt)}[${print(node.filter, rt, true)}]`;
    case 'and':
    case 'or': {
      // Left-associative: a right operand of equal precedence keeps its parentheses.
      const own = PRECEDENCE[node.kind];
      const left = print(node.left, rt, inValuePath);
      const right = print(node.right, rt, inValuePath);
      return `${precedence(node.left) < own ? `(${left})` : left} ${node.kind} ${precedence(node.right) <= own ? `(${right})` : right}`;
    }
  }
}

/**
 * Canonical filter text of an AST: canonical attribute names, lower-case operators, JSON literals.
 * @public
 */
export function printFilter(node: FilterNode, resourceType?: ResourceType): string {
  return print(node, resourceType, false);
}
