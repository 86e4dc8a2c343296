/** SCIM protocol errors as values with an HTTP status and an RFC 7644 §3.12 `scimType`. */
import { SCHEMA_ERROR } from './constants.js';

/**
 * The `scimType` detail error keywords of RFC 7644 §3.12 (Table 9), spelled as in the RFC.
 * @public
 */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/**
 * A protocol fault raised by the SCIM toolkit (or by a plugin). The host's error edge turns it into an RFC 7644 §3.12
 * error body with {@link scimErrorBody}. `detail` is shown to the client, so it never carries secrets or internals.
 * @public
 */
export class ScimError extends Error {
  /** Koa convention: the message is safe to expose to the client. */
  readonly expose = true;

  /**
   * @param status - HTTP status (400, 404, 409, 412, 413, 501, …)
   * @param scimType - RFC 7644 §3.12 keyword, for 400 (and 409 `uniqueness`) errors
   * @param detail - human-readable explanation for the client
   */
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  /** The client-facing explanation (same as `message`). */
  get detail(): string {
    return this.message;
  }
}

/** The JSON body of a SCIM error response (RFC 7644 §3.12). @public */
export interface ScimErrorBody {
  schemas: [typeof SCHEMA_ERROR];
  /** The HTTP status as a string, as RFC 7644 §3.12 requires. */
  status: string;
  scimType?: ScimType;
  detail: string;
}

/**
 * Builds an RFC 7644 §3.12 error body: `status` is a string, `scimType` only when given.
 * @public
 */
export function scimErrorBody(status: number, detail: string, scimType?: ScimType): ScimErrorBody {
  const body: ScimErrorBody = { schemas: [SCHEMA_ERROR], status: String(status), detail };
  if (scimType) body.scimType = scimType;
  return body;
}

/** Shorthand used across the toolkit: a 400 with a scimType. */
export function badRequest(scimType: ScimType, detail: string): ScimError {
  return new ScimError(400, scimType, detail);
}
