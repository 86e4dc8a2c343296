/** Internal helpers of the SCIM service: responses, preconditions, query access. Not for plugins directly. */
import type { Context } from 'koa';
import { ScimError, SCIM_CONTENT_TYPE } from '../../scim/index.js';

/** Writes a SCIM JSON response. */
export function send(ctx: Context, status: number, body: unknown, headers: Record<string, string> = {}): void {
  ctx.status = status;
  for (const [key, value] of Object.entries(headers)) ctx.set(key, value);
  if (body !== undefined) {
    ctx.type = SCIM_CONTENT_TYPE;
    ctx.body = body;
  }
}

/** The version number inside a weak or strong ETag (`W/"3"` → 3); undefined for `*` or absent. */
export function versionFromEtag(header: string | undefined): number | undefined {
  if (!header || header.trim() === '*') return undefined;
  const first = header.split(',')[0]!.trim();
  const match = /^(?:W\/)?"(\d+)"$/.exec(first);
  if (!match) throw new ScimError(400, 'invalidValue', `If-Match "${first}" is not an ETag this server issued`);
  return Number(match[1]);
}

/** The request's JSON body, or a 400 invalidSyntax when there is none. */
export function bodyOf(ctx: Context): Record<string, unknown> {
  const body = (ctx.request as { body?: unknown }).body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ScimError(400, 'invalidSyntax', 'the request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Flattens Koa's query (string | string[]) into the shape the toolkit expects. */
export function queryOf(ctx: Context): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(ctx.query)) out[key] = Array.isArray(value) ? value[value.length - 1] : value;
  return out;
}
