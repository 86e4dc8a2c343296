import Koa, { type Middleware } from 'koa';
import type { MikroORM } from '@mikro-orm/postgresql';
import { RequestContext } from '@mikro-orm/core';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { healthRouter } from './health.js';
import { requestIdMiddleware } from './middleware/request-id.middleware.js';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  pool: Pool;
  log: Logger;
  /** Plugin mounts (each with its own SCIM error edge and body parsing inside it). */
  pluginMiddleware: Middleware[];
  /** Routes after the plugins: GraphQL, public cards. */
  routes: Middleware[];
  isShuttingDown: () => boolean;
}

/** The Koa application: request ids and logs, health, body limits, one unit of work per request, mounts. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: true });
  app.silent = true;
  app.on('error', (error, ctx) => (ctx?.state?.log ?? deps.log).error({ err: error }, 'unhandled Koa error'));
  const health = healthRouter(deps.pool, deps.isShuttingDown);
  app.use(requestIdMiddleware(deps.log));
  app.use(health.routes());
  app.use(async (ctx, next) => {
    if (deps.isShuttingDown()) ctx.set('Connection', 'close');
    await next();
  });
  // One identity map per request (STYLE.md "Unit of work"); SCIM hot paths use lean SQL on the same pool.
  app.use((_ctx, next) => RequestContext.create(deps.orm.em, next));
  for (const middleware of deps.pluginMiddleware) app.use(middleware);
  for (const middleware of deps.routes) app.use(middleware);
  return app;
}

