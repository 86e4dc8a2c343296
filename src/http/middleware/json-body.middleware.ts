import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import { HttpError } from '../errors.js';

const JSON_TYPES = ['application/json', 'application/scim+json', '+json'];

/**
 * Reads and parses a JSON body with a size limit into `ctx.request.body`. Bodies on methods that carry one must be
 * JSON (415 otherwise); malformed JSON is a 400; an oversized body a 413 — raised as HttpError for the edge to shape.
 */
export function jsonBodyMiddleware(limit: string): Middleware {
  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(ctx.method) || ctx.request.length === 0 || (!ctx.request.length && !ctx.get('transfer-encoding'))) {
      return await next();
    }
    const type = ctx.get('content-type').split(';')[0]!.trim().toLowerCase();
    if (!JSON_TYPES.some((t) => (t.startsWith('+') ? type.endsWith(t) : type === t))) {
      throw new HttpError(415, `unsupported content type "${type || 'none'}": send application/scim+json or application/json`, 'invalidSyntax');
    }
    let text: string;
    try {
      text = await getRawBody(ctx.req, { limit, length: ctx.request.length, encoding: 'utf8' });
    } catch (error) {
      const e = error as { type?: string; status?: number };
      if (e.type === 'entity.too.large') throw new HttpError(413, `request body is larger than ${limit}`, 'invalidValue');
      throw new HttpError(400, 'request body could not be read', 'invalidSyntax');
    }
    try {
      (ctx.request as { body?: unknown }).body = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'request body is not valid JSON', 'invalidSyntax');
    }
    await next();
  };
}
