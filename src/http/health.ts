import Router from '@koa/router';
import type { Pool } from 'pg';

/** `/healthz`: the process is up. `/readyz`: the database answers within a second. */
export function healthRouter(pool: Pool, isShuttingDown: () => boolean): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    if (isShuttingDown()) {
      ctx.status = 503;
      ctx.body = { status: 'shutting-down' };
      return;
    }
    try {
      await Promise.race([
        pool.query('select 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
      ]);
      ctx.body = { status: 'ready', database: 'up' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', database: 'down' };
    }
  });
  return router;
}
