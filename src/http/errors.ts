/** An HTTP-level fault raised before a request reaches a domain service (body, content type, size). */
export class HttpError extends Error {
  /** Koa's convention: the message is safe to show to the client. */
  readonly expose: boolean;
  constructor(
    readonly status: number,
    message: string,
    /** SCIM `scimType` that fits this fault, for SCIM edges. */
    readonly scimType?: 'invalidSyntax' | 'invalidValue',
  ) {
    super(message);
    this.name = 'HttpError';
    this.expose = true;
  }
}
