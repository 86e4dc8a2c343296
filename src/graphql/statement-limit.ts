/**
 * Internal: the limit on SQL statements per GraphQL operation (GRAPHQL_MAX_STATEMENTS). The cost limit bounds rows
 * (`first` × nested fields), not statements: 2,400 aliases of `users(first: 1) { totalCount }` cost 4,800 and would
 * send 2,400 statements, each counting the whole organization. This counts statements before anything runs and
 * refuses the operation, and guards the count while it runs.
 */
import { getNamedType, GraphQLError, isObjectType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/** Connection plumbing: objects built from their parent's rows, never loaded. */
const PLUMBING = new Set(['edges', 'node', 'pageInfo']);

/**
 * Every root field sends its own statement (aliases are separate fields), and so may every object-typed field
 * below it; a field under a list counts once, not once per item, because nested fields load through DataLoaders
 * that batch a whole level into one statement. Scalars (`totalCount` included) come with their parent's row. A field
 * whose resolver always sends more declares its count with `@Extensions({ statements: n })`.
 */
function statementEstimator(schema: GraphQLSchema): ComplexityEstimator {
  const roots = new Set<unknown>([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  return ({ type, field, childComplexity }) => {
    // Introspection reads the schema in memory.
    if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
    // A field that always sends more than one says so: `@Extensions({ statements: n })` on its resolver.
    const declared = (field.extensions as { statements?: unknown } | undefined)?.statements;
    if (typeof declared === 'number') return declared + childComplexity;
    const own = roots.has(type) || (isObjectType(getNamedType(field.type)) && !PLUMBING.has(field.name)) ? 1 : 0;
    return own + childComplexity;
  };
}

/** How many SQL statements the operation may send, at most (see {@link statementEstimator}). */
export function statementEstimate(schema: GraphQLSchema, request: { document: DocumentNode; variables?: Record<string, unknown>; operationName?: string | null }): number {
  return getComplexity({
    schema,
    query: request.document,
    variables: request.variables ?? {},
    operationName: request.operationName ?? undefined,
    estimators: [statementEstimator(schema)],
  });
}

/** The refusal before execution: 400, GRAPHQL_VALIDATION_FAILED, `extensions.limit` like the depth and cost limits. */
export function assertStatementLimit(
  schema: GraphQLSchema,
  request: { document: DocumentNode; variables?: Record<string, unknown>; operationName?: string | null },
  maxStatements: number,
): void {
  const statements = statementEstimate(schema, request);
  if (statements <= maxStatements) return;
  throw new GraphQLError(
    `query may send ${statements} SQL statements; the limit is ${maxStatements}. Every root field or alias and every nested object field may send one: ask for fewer, or split the query.`,
    { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: { kind: 'statements', max: maxStatements, actual: statements }, http: { status: 400 } } },
  );
}

/**
 * What a resolver gets once its operation has sent `max` statements: the guard behind the estimate, for a resolver
 * that sends more than one (a page past the end counts its total again).
 */
export function statementLimitError(max: number): GraphQLError {
  return new GraphQLError(`this operation needs more than ${max} SQL statements, the limit per request; ask for fewer fields or aliases, or split it.`, {
    extensions: { code: 'STATEMENT_LIMIT_REACHED', limit: { kind: 'statements', max } },
  });
}
