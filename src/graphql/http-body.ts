/** Internal: reads the JSON body of POST /graphql with the configured size limit. */
import type { Context } from 'koa';
import getRawBody from 'raw-body';

/** Answers a request with GraphQL's error shape (used before Apollo sees the request). */
export function replyWithError(ctx: Context, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = { errors: [{ message, extensions: { code } }] };
}

/**
 * Sets `ctx.request.body` for Apollo: the parsed object for JSON, the raw text otherwise (Apollo then answers 400
 * about the content type). Returns false after answering 400/413 itself.
 */
export async function readGraphQLBody(ctx: Context, limit: string): Promise<boolean> {
  const request = ctx.request as Context['request'] & { body?: unknown };
  if (ctx.method !== 'POST') return true;
  let text: string;
  try {
    text = await getRawBody(ctx.req, { limit, length: ctx.request.length, encoding: 'utf8' });
  } catch (error) {
    const tooLarge = (error as { type?: string }).type === 'entity.too.large';
    replyWithError(ctx, tooLarge ? 413 : 400, 'BAD_REQUEST', tooLarge ? `request body is larger than ${limit}` : 'request body could not be read');
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
