/** Internal: query depth and cost limits (GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_COST), for HTTP and WebSocket alike. */
import { getOperationAST, getVariableValues, GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { assertStatementLimit } from './statement-limit.js';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxStatements: number;
}

/** A list field costs its children once per item it may return (`first`), so big pages of deep nodes cost more. */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) => (typeof args.first === 'number' ? 1 + childComplexity * Math.max(args.first, 1) : undefined);

function rejection(message: string, limit: { kind: 'depth' | 'cost'; max: number; actual: number }): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, http: { status: 400 } } });
}

function depthOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      // Introspection (__schema, __type) is limited by the introspection switch, not by depth.
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      deepest = Math.max(deepest, depthOf(fragments.get(name)?.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** The nesting depth of the operation that runs (fields inside fields; `users { edges { node { id } } }` is 4). */
export function queryDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => !operationName || o.name?.value === operationName) ?? operations[0];
  return operation ? depthOf(operation.selectionSet, fragments, new Set()) : 0;
}

/** True when the request's variables coerce to the types the operation that runs declares. */
function variablesCoerce(schema: GraphQLSchema, request: { document: DocumentNode; variables?: Record<string, unknown>; operationName?: string | null }): boolean {
  const operation = getOperationAST(request.document, request.operationName);
  if (!operation) return true;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
  return !coerced.errors;
}

/** Throws a GraphQLError (GRAPHQL_VALIDATION_FAILED, `extensions.limit`) when the operation is too deep, too costly, or may send too many SQL statements. */
export function assertWithinLimits(
  schema: GraphQLSchema,
  request: { document: DocumentNode; variables?: Record<string, unknown>; operationName?: string | null },
  limits: QueryLimits,
): void {
  const depth = queryDepth(request.document, request.operationName);
  if (depth > limits.maxDepth) {
    throw rejection(`query is nested ${depth} levels deep; the limit is ${limits.maxDepth}. Ask for fewer nested fields.`, { kind: 'depth', max: limits.maxDepth, actual: depth });
  }
  // The cost estimate coerces the variables, and its coercion error would leave this hook as an error Apollo
  // answers with 500. Variables that do not coerce are the client's mistake: execution refuses them before any
  // resolver runs, with Apollo's 400 BAD_USER_INPUT naming the variable, so there is no cost to limit.
  if (!variablesCoerce(schema, request)) return;
  const cost = getComplexity({
    schema,
    query: request.document,
    variables: request.variables ?? {},
    operationName: request.operationName ?? undefined,
    estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
  if (cost > limits.maxCost) {
    throw rejection(`query cost ${cost} exceeds the limit of ${limits.maxCost}; lower "first" on lists or ask for fewer fields.`, { kind: 'cost', max: limits.maxCost, actual: cost });
  }
  assertStatementLimit(schema, request, limits.maxStatements);
}
