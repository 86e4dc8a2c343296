/** Internal: reads the JSON body of POST /graphql through the host's body reader (limit, budget, timeout). */
import type { Context } from 'koa';
import { isDomainError } from '../domain/errors.js';
import type { BodyReader } from '../http/body-reader.js';
import { GRAPHQL_CODES } from './format-error.js';

/** Answers a request with GraphQL's error shape (used before Apollo sees the request). */
export function replyWithError(ctx: Context, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = { errors: [{ message, extensions: { code } }] };
}

/**
 * Sets `ctx.request.body` for Apollo: the parsed object for JSON, the raw text otherwise (Apollo then answers 400
 * about the content type). Runs after authentication (`ctx.state.viewer`). Returns false after answering itself:
 * 400/408/413 for the body, 503 + Retry-After when the process-wide body budget is full.
 */
export async function readGraphQLBody(ctx: Context, reader: BodyReader): Promise<boolean> {
  const request = ctx.request as Context['request'] & { body?: unknown };
  if (ctx.method !== 'POST') return true;
  let text: string;
  try {
    // Without a token every field answers UNAUTHENTICATED: such a body gets the small anonymous allowance.
    text = await reader.readText(ctx, { anonymous: !ctx.state.viewer });
  } catch (error) {
    if (isDomainError(error)) {
      if (error.retryAfterSeconds) ctx.set('Retry-After', String(error.retryAfterSeconds));
      replyWithError(ctx, 503, GRAPHQL_CODES[error.code], error.message);
      return false;
    }
    const { status, message } = error as { status?: number; message?: string };
    if (typeof status !== 'number') throw error;
    replyWithError(ctx, status, 'BAD_REQUEST', String(message));
    return false;
  }
  if (!ctx.is('application/json', 'application/graphql-response+json', '+json')) {
    request.body = text || {};
    return true;
  }
  try {
    request.body = JSON.parse(text);
    return true;
  } catch {
    replyWithError(ctx, 400, 'BAD_REQUEST', 'request body is not valid JSON');
    return false;
  }
}
