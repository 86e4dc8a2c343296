/** Internal: the answer under `/scim` when no plugin is mounted there (an unknown provider, a bare `/scim`). */
import type { Middleware } from 'koa';
import { scimErrorBody, SCIM_CONTENT_TYPE } from '../scim/index.js';

/**
 * Mounted after every plugin: a path under `/scim/` that no plugin claimed answers a SCIM 404 error body
 * (RFC 7644 §3.12) instead of falling through to the routes behind (whose 404 is plain text), so a directory
 * pointed at a wrong Tenant URL gets an error it can show. Nothing is recorded: no directory is known here.
 */
export function scimNotFound(): Middleware {
  return async (ctx, next) => {
    if (ctx.path !== '/scim' && !ctx.path.startsWith('/scim/')) return await next();
    ctx.status = 404;
    ctx.type = SCIM_CONTENT_TYPE;
    ctx.body = scimErrorBody(404, 'no SCIM endpoint at this path: a Tenant URL is /scim/<provider>/<directoryId> for an installed provider');
  };
}
