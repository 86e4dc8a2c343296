import Koa, { type Middleware } from 'koa';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { healthRouter } from './health.js';
import { requestIdMiddleware } from './middleware/request-id.middleware.js';

export interface AppDeps {
  config: Config;
  pool: Pool;
  log: Logger;
  /** Tracing and metrics middleware, mounted before everything else (they see every request's final status). */
  observe?: Middleware[];
  /** Plugin mounts (each with its own SCIM error edge and body parsing inside it). */
  pluginMiddleware: Middleware[];
  /** Routes after the plugins: GraphQL, public cards. */
  routes: Middleware[];
  isShuttingDown: () => boolean;
}

/** `/healthz` and `/readyz`, in any case and with the trailing slash, as @koa/router matches them. */
const HEALTH_PATHS = /^\/(?:healthz|readyz)\/?$/i;

/**
 * The Koa application: request ids and logs, health, body limits, mounts. No request opens an ORM context: the admin
 * writes that use the ORM fork their own unit of work (db/sql/unit-of-work.ts), and every other path runs typed
 * statements on the pool.
 */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: true });
  app.silent = true;
  app.on('error', (error, ctx) => (ctx?.state?.log ?? deps.log).error({ err: error }, 'unhandled Koa error'));
  const health = healthRouter(deps.pool, deps.isShuttingDown);
  for (const middleware of deps.observe ?? []) app.use(middleware);
  app.use(requestIdMiddleware(deps.log));
  const connection: Middleware = (ctx, next) => {
    if (deps.isShuttingDown()) ctx.set('Connection', 'close');
    // Answered before its body arrived (refused, over budget, timed out): close the connection after the answer
    // rather than let Node drain a body nobody asked for, which a stalled client never finishes (issue 11). A request
    // already complete stays so: no continuation to allocate.
    if (ctx.req.complete) return next();
    return next().then(() => {
      if (!ctx.req.complete) ctx.set('Connection', 'close');
    });
  };
  // The health router only for its own paths: every other request would pay its matching (and Koa's host lookup).
  // One hop for both (each middleware is a dispatch and a promise on every request); a health path the router does
  // not answer goes on through the connection rule as before.
  const healthRoutes = health.routes() as Middleware;
  app.use((ctx, next) => (HEALTH_PATHS.test(ctx.path) ? healthRoutes(ctx, () => connection(ctx, next)) : connection(ctx, next)));
  for (const middleware of deps.pluginMiddleware) app.use(middleware);
  for (const middleware of deps.routes) app.use(middleware);
  return app;
}

