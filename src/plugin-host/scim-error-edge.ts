/** Internal: the one place where errors of a SCIM plugin's request become SCIM error bodies (RFC 7644 §3.12). */
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { DomainError } from '../domain/errors.js';
import { ScimError, scimErrorBody, SCIM_CONTENT_TYPE, type ScimType } from '../scim/index.js';
import type { EventRecorder } from './event-recorder.js';
import { openRequest } from '../scim-service/request.js';
import { ERROR_STATUS } from '../scim-service/statuses.js';
import { loggedDirectory } from './directory-gate.js';

interface Mapped {
  status: number;
  scimType?: ScimType;
  detail: string;
  retryAfter?: number;
}

function mapError(error: unknown): Mapped | undefined {
  if (error instanceof DomainError) {
    const entry: { status: number; scimType?: ScimType } = ERROR_STATUS[error.code];
    return { status: entry.status, scimType: entry.scimType, detail: error.message, retryAfter: error.retryAfterSeconds };
  }
  if (error instanceof ScimError) return { status: error.status, scimType: error.scimType, detail: error.message };
  // Koa's convention: an error with a numeric `status` and `expose: true` carries a message safe to show.
  const http = error as { status?: unknown; expose?: unknown; scimType?: ScimType; message?: string };
  if (http && typeof http.status === 'number' && http.expose === true && http.status >= 400 && http.status < 500) {
    return { status: http.status, scimType: http.scimType, detail: String(http.message) };
  }
  return undefined;
}

/**
 * Wraps a plugin's router: opens the request's descriptor (on the Koa context: the routes hand it to the port),
 * turns every thrown error into a SCIM error body (never a stack, SQL or an unknown error's message), and logs the
 * request when it ends — unless the gate refused it (counted instead) or a write already recorded its event in its
 * own transaction (then the committed event is announced to the live log).
 */
export function scimErrorEdge(options: { recorder: EventRecorder; log: Logger; plugin: string }): Middleware {
  return async (ctx, next) => {
    const request = openRequest(ctx);
    let failure: Mapped | undefined;
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        failure = { status: 404, detail: `no SCIM endpoint at ${ctx.method} ${ctx.path}` };
      } else if (ctx.status === 405 || ctx.status === 501) {
        failure = { status: ctx.status, detail: `${ctx.method} is not supported on ${ctx.path}` };
      }
    } catch (error) {
      failure = mapError(error);
      if (!failure) {
        (ctx.state.log ?? options.log).error({ err: error, plugin: options.plugin }, 'unhandled error in plugin request');
        failure = { status: 500, detail: `internal error; quote request id ${request.id ?? 'unknown'} to the operator` };
      } else if (failure.status >= 500) {
        (ctx.state.log ?? options.log).warn({ err: error, plugin: options.plugin }, 'plugin request failed');
      }
    }
    if (failure) {
      ctx.status = failure.status;
      ctx.type = SCIM_CONTENT_TYPE;
      ctx.body = scimErrorBody(failure.status, failure.detail, failure.scimType);
      if (failure.retryAfter) ctx.set('Retry-After', String(failure.retryAfter));
      if (failure.status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="cardbridge"');
    }
    const directory = loggedDirectory(ctx);
    if (!directory) return;
    const outcome = request.outcome;
    // A write's event committed with the write (no NOTIFY in that transaction): announce it now, after commit.
    if (outcome?.recorded) {
      options.recorder.announce(directory.organizationId);
      return;
    }
    options.recorder.record({
      organizationId: directory.organizationId,
      directoryId: directory.id,
      occurredAt: new Date(),
      requestId: request.id,
      operation: outcome?.operation ?? ctx.method.toLowerCase(),
      method: ctx.method,
      path: ctx.path,
      resourceType: outcome?.resourceType,
      resourceId: outcome?.resourceId,
      outcome: ctx.status < 400 ? 'success' : 'failure',
      status: ctx.status,
      scimType: failure?.scimType,
      detail: failure?.detail,
      durationMs: performance.now() - request.startedAt,
    });
  };
}
