/** The one error type of cardbridge's domain; mapped once to SCIM (plugin-host) and once to GraphQL. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VERSION_MISMATCH'
  | 'SEAT_LIMIT_REACHED'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE';

export const ERROR_CODES: readonly ErrorCode[] = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_MISMATCH',
  'SEAT_LIMIT_REACHED',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'UNAVAILABLE',
];

export interface DomainErrorOptions {
  /** The input field at fault, when there is one. */
  field?: string;
  /** Seconds after which a retry may succeed (RATE_LIMITED, UNAVAILABLE). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * A business-rule failure whose message is safe to show to the caller.
 * @public
 */
export class DomainError extends Error {
  readonly field?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
