import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * `ctx.state` of a request: its id, and its child logger made the first time something logs through it. Most
 * requests log nothing at the default level, and a pino child per request (bindings serialised, redaction set up)
 * was a measurable share of a SCIM lookup's CPU (BENCHMARKS.md "Lookup path against the floor"). A class rather than
 * a property defined per request: the getter lives on the prototype.
 */
class RequestState {
  [key: string]: unknown;
  #child: Logger | undefined;
  readonly #parent: Logger;

  constructor(
    readonly requestId: string,
    parent: Logger,
  ) {
    this.#parent = parent;
  }

  get log(): Logger {
    return (this.#child ??= this.#parent.child({ reqId: this.requestId }));
  }

  set log(value: Logger) {
    this.#child = value;
  }
}

/** Whether the state holds anything yet (without the array `Object.keys` makes on every request). */
function hasKeys(state: object): boolean {
  for (const _key in state) return true;
  return false;
}

/** Request id (taken from `x-request-id` when well-formed), a child logger on `ctx.state.log`, one access-log line. */
export function requestIdMiddleware(log: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = SAFE_ID.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    // Keeps what middleware mounted before this one (metrics, tracing) put on the state.
    const state = new RequestState(requestId, log);
    ctx.state = hasKeys(ctx.state) ? Object.assign(state, ctx.state) : state;
    ctx.set('x-request-id', requestId);
    try {
      await next();
    } finally {
      const failed = ctx.status >= 500;
      if (failed || log.isLevelEnabled('debug')) {
        const line = { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round((performance.now() - started) * 10) / 10 };
        if (failed) state.log.error(line, 'request failed');
        else state.log.debug(line, 'request');
      }
    }
  };
}
