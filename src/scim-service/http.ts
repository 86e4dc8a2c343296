/** Internal helpers of the SCIM service: responses, preconditions, query access. Not for plugins directly. */
import type { Context } from 'koa';
import { evaluatePreconditions, readPreconditions, ScimError, SCIM_CONTENT_TYPE, type Preconditions } from '../scim/index.js';
import type { RequestDescriptor, WriteOptions } from '../plugin-api/port.js';
import { requestOf } from './request.js';

/** Writes a SCIM JSON response. */
export function send(ctx: Context, status: number, body: unknown, headers: Record<string, string> = {}): void {
  ctx.status = status;
  for (const [key, value] of Object.entries(headers)) ctx.set(key, value);
  if (body !== undefined) {
    ctx.type = SCIM_CONTENT_TYPE;
    ctx.body = body;
  }
}

function preconditionsOf(ctx: Context): Preconditions | undefined {
  return readPreconditions({ ifMatch: ctx.get('if-match'), ifNoneMatch: ctx.get('if-none-match') });
}

/**
 * The request's descriptor for a write the route answers with `status` on success (from the status table): the port
 * records that status with the write's event, so the log says what the client received.
 */
export function answeredWith(ctx: Context, status: number): RequestDescriptor {
  const request = requestOf(ctx);
  request.status = status;
  return request;
}

/**
 * The port options of every PUT, PATCH and DELETE of one resource: the request (answered `status` on success), and
 * If-Match / If-None-Match (RFC 9110 §13.1, RFC 7644 §3.14), parsed now — a malformed header is a 400 before anything
 * is read — and evaluated by the port against the stored version inside the write (under its row lock, or on each
 * optimistic attempt): 412 and nothing written when they fail, and no other write can land between the check and
 * this one.
 */
export function writeOptions(ctx: Context, status: number): WriteOptions {
  const preconditions = preconditionsOf(ctx);
  const request = answeredWith(ctx, status);
  if (!preconditions) return { request };
  const method = ctx.method;
  return { request, precondition: (currentVersion) => void evaluatePreconditions(preconditions, { currentVersion, method }) };
}

/** POST to /Users or /Groups: the target is the collection, which exists and has no entity tag (RFC 9110 §13.1). */
export function checkCreatePreconditions(ctx: Context): void {
  evaluatePreconditions(preconditionsOf(ctx), { currentVersion: undefined, exists: true, method: ctx.method });
}

/** GET of one resource: true when it is to be answered 304 Not Modified; 412 when If-Match fails. */
export function notModified(ctx: Context, version: number): boolean {
  return evaluatePreconditions(preconditionsOf(ctx), { currentVersion: version, method: ctx.method }) === 'not-modified';
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
