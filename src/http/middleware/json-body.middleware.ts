import type { Context, Middleware, Next } from 'koa';
import type { BodyReader } from '../body-reader.js';
import { HttpError } from '../errors.js';

const JSON_TYPES = ['application/json', 'application/scim+json', '+json'];
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Reads and parses a JSON body into `ctx.request.body` through the shared reader (size limit, body budget, body
 * timeout). Bodies on methods that carry one must be JSON (415 otherwise, refused before a byte is read);
 * malformed JSON is a 400 — raised as HttpError (or the reader's DomainError) for the SCIM edge to shape.
 */
export function jsonBodyMiddleware(reader: BodyReader): Middleware {
  // Requests without a body (every GET, every lookup) pass straight through, without an async frame of their own.
  return (ctx, next) =>
    !WITH_BODY.has(ctx.method) || ctx.request.length === 0 || (!ctx.request.length && !ctx.get('transfer-encoding')) ? next() : readJson(reader, ctx, next);
}

async function readJson(reader: BodyReader, ctx: Context, next: Next): Promise<void> {
  const type = ctx.get('content-type').split(';')[0]!.trim().toLowerCase();
  if (!JSON_TYPES.some((t) => (t.startsWith('+') ? type.endsWith(t) : type === t))) {
    throw new HttpError(415, `unsupported content type "${type || 'none'}": send application/scim+json or application/json`, 'invalidSyntax');
  }
  const text = await reader.readText(ctx);
  try {
    (ctx.request as { body?: unknown }).body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON', 'invalidSyntax');
  }
  await next();
}
