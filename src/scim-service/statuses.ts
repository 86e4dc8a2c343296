/**
 * Every HTTP status the SCIM service answers, in one table: the status of a successful request per method
 * (RFC 7644 §3.3–§3.6), and the status and scimType of every refusal the port reports (its `DomainError` codes).
 * The routes answer from it, the provisioning port records a write's status from it, and the error edge maps errors
 * with it: no status is chosen anywhere else.
 */
import type { ErrorCode } from '../plugin-api/index.js';
import type { ScimType } from '../scim/index.js';

/** A successful request, by method. */
export const SUCCESS_STATUS = {
  /** A resource, a list, a schema document. */
  GET: 200,
  /** A created resource (RFC 7644 §3.3); a query by POST (`/.search`) is answered {@link SEARCH_STATUS}. */
  POST: 201,
  /** The replaced resource (§3.5.1). */
  PUT: 200,
  /**
   * The patched resource (§3.5.2): 200 with it, or {@link NO_CONTENT} when the answer carries no resource (a group
   * PATCH that names no `attributes`: Entra and Okta accept it, and it spares reading a large group back).
   */
  PATCH: 200,
  /** Nothing left to show (§3.6). */
  DELETE: 204,
} as const;

export type ScimMethod = keyof typeof SUCCESS_STATUS;

/** A query sent as POST (`/.search`, RFC 7644 §3.4.3): a list, not a creation. */
export const SEARCH_STATUS = 200;
/** A success answered without a body. */
export const NO_CONTENT = 204;
/** A GET whose If-None-Match matched (RFC 9110 §15.4.5). */
export const NOT_MODIFIED = 304;

/**
 * The status of a successful request with this method; `body: false` when the answer carries no resource (PATCH
 * then answers 204). A method outside the table (a plugin's own route) answers 200.
 */
export function successStatus(method: string, options: { body?: boolean } = {}): number {
  if (method === 'PATCH' && options.body === false) return NO_CONTENT;
  return (SUCCESS_STATUS as Record<string, number>)[method] ?? 200;
}

/** DomainError code → SCIM status and scimType. `satisfies` makes a new ErrorCode without a mapping a compile error. */
export const ERROR_STATUS = {
  INVALID_INPUT: { status: 400, scimType: 'invalidValue' },
  NOT_FOUND: { status: 404 },
  CONFLICT: { status: 409, scimType: 'uniqueness' },
  VERSION_MISMATCH: { status: 412 },
  // Product decision: 403 tells Entra the request was refused, and the detail names limit and usage.
  SEAT_LIMIT_REACHED: { status: 403 },
  FORBIDDEN: { status: 403 },
  UNAUTHENTICATED: { status: 401 },
  RATE_LIMITED: { status: 429 },
  UNAVAILABLE: { status: 503 },
} as const satisfies Record<ErrorCode, { status: number; scimType?: ScimType }>;
