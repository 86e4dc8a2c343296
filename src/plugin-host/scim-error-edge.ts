/** Internal: the one place where errors of a SCIM plugin's request become SCIM error bodies (RFC 7644 §3.12). */
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { DomainError, type ErrorCode } from '../domain/errors.js';
import { ScimError, scimErrorBody, SCIM_CONTENT_TYPE, type ScimType } from '../scim/index.js';
import type { EventRecorder } from './event-recorder.js';
import { requestAudit, type RequestAudit } from './request-audit.js';

/** DomainError → SCIM status and scimType. `satisfies` makes a new ErrorCode without a mapping a compile error. */
export const SCIM_ERROR_MAP = {
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

interface Mapped {
  status: number;
  scimType?: ScimType;
  detail: string;
  retryAfter?: number;
}

function mapError(error: unknown): Mapped | undefined {
  if (error instanceof DomainError) {
    const entry: { status: number; scimType?: ScimType } = SCIM_ERROR_MAP[error.code];
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
 * Wraps a plugin's router: runs the request inside its audit context, turns every thrown error into a SCIM error
 * body (never a stack, SQL or an unknown error's message), and records the provisioning event of requests whose
 * domain write did not already record one (or announces the write's committed event to the live log).
 */
export function scimErrorEdge(options: { recorder: EventRecorder; log: Logger; plugin: string }): Middleware {
  return async (ctx, next) => {
    const store: RequestAudit = {
      requestId: ctx.state.requestId,
      method: ctx.method,
      path: ctx.path,
      query: ctx.querystring,
      startedAt: performance.now(),
      recorded: false,
    };
    let failure: Mapped | undefined;
    await requestAudit.run(store, async () => {
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
          failure = { status: 500, detail: `internal error; quote request id ${store.requestId ?? 'unknown'} to the operator` };
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
    });
    const directory = store.directory;
    // A write's event committed with the write (no NOTIFY in that transaction): announce it now, after commit.
    if (directory && store.recorded) options.recorder.announce(directory.organizationId);
    else if (directory) {
      options.recorder.record({
        organizationId: directory.organizationId,
        directoryId: directory.id,
        occurredAt: new Date(),
        requestId: store.requestId,
        operation: store.operation ?? ctx.method.toLowerCase(),
        method: ctx.method,
        path: ctx.path,
        resourceType: store.resourceType,
        resourceId: store.resourceId,
        outcome: ctx.status < 400 ? 'success' : 'failure',
        status: ctx.status,
        scimType: failure?.scimType,
        detail: failure?.detail,
        durationMs: performance.now() - store.startedAt,
      });
    }
  };
}
