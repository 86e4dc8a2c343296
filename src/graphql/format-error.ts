/**
 * Internal: GraphQL's error edge (the second of the two error mappings; the SCIM edge is the first). DomainError → `extensions.code`, mapped once;
 * GraphQL's own errors (syntax, validation, variables) pass through without stack; anything else is masked.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isDomainError, type DomainError, type ErrorCode } from '../domain/errors.js';

export const GRAPHQL_CODES = {
  INVALID_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  VERSION_MISMATCH: 'CONFLICT',
  SEAT_LIMIT_REACHED: 'SEAT_LIMIT_REACHED',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  RATE_LIMITED: 'RATE_LIMITED',
  UNAVAILABLE: 'UNAVAILABLE',
} as const satisfies Record<ErrorCode, string>;

export const INTERNAL_MESSAGE = 'Internal server error';

/** The error a client sees for a domain error. */
export function domainErrorBody(error: DomainError): { message: string; extensions: Record<string, unknown> } {
  const extensions: Record<string, unknown> = { code: GRAPHQL_CODES[error.code] };
  if (error.field) extensions.field = error.field;
  if (error.retryAfterSeconds) extensions.retryAfterSeconds = error.retryAfterSeconds;
  return { message: error.message, extensions };
}

/** True when an error is neither a domain error nor GraphQL's own: a bug or an outage, logged and masked. */
export function isUnexpected(error: unknown): boolean {
  const original = unwrapResolverError(error);
  return !isDomainError(original) && !(original instanceof GraphQLError);
}

/** Apollo's `formatError` (also used for graphql-ws): never a stack, SQL or unknown message in a response. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const where = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (isDomainError(original)) return { ...domainErrorBody(original), ...where };
  if (original instanceof GraphQLError) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { message: formatted.message, ...where, extensions: { code: 'INTERNAL_SERVER_ERROR', ...extensions } };
  }
  return { message: INTERNAL_MESSAGE, ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
