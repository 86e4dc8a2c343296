import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Request id (taken from `x-request-id` when well-formed), a child logger on `ctx.state.log`, one access-log line. */
export function requestIdMiddleware(log: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = SAFE_ID.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    ctx.state.requestId = requestId;
    ctx.state.log = log.child({ reqId: requestId });
    ctx.set('x-request-id', requestId);
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const line = { method: ctx.method, path: ctx.path, status: ctx.status, ms };
      if (ctx.status >= 500) ctx.state.log.error(line, 'request failed');
      else ctx.state.log.debug(line, 'request');
    }
  };
}
