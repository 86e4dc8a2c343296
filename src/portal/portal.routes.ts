/**
 * The admin portal's server side (issue 13), mounted under /portal by the host: links (their page, its script and
 * the POST that uses them), the session, sign-out, Sign in with Microsoft, and the built front end. Every answer
 * carries the portal's CSP.
 */
import type { Context, Middleware, Next } from 'koa';
import type { HostDeps } from '../host/host-deps.js';
import { microsoftRoutes } from './microsoft.routes.js';
import { portalCsp, setPortalHeaders } from './portal-http.js';
import { linkRoute, linkScript, LINK_SCRIPT_PATH } from './link.routes.js';
import { readSession, signOut } from './session.routes.js';
import { defaultPortalDir, staticPortal } from './static-files.js';

export const PORTAL_PATH = '/portal';

export async function portalRoutes(deps: HostDeps): Promise<Middleware[]> {
  const csp = portalCsp(deps.config);
  const files = staticPortal(deps.config.portal.distDir ?? defaultPortalDir());
  const microsoft = microsoftRoutes(deps);
  const route: Middleware = async (ctx: Context, next: Next) => {
    const path = ctx.path;
    if (path !== PORTAL_PATH && !path.startsWith(`${PORTAL_PATH}/`)) return await next();
    setPortalHeaders(ctx, csp);
    if (path === PORTAL_PATH) {
      ctx.status = 308;
      return ctx.redirect(`${PORTAL_PATH}/${ctx.querystring ? `?${ctx.querystring}` : ''}`);
    }
    const rest = path.slice(PORTAL_PATH.length + 1);
    const link = /^link\/([^/]*)\/?$/.exec(rest);
    if (link) return await linkRoute(ctx, deps, link[1]!);
    if (path === LINK_SCRIPT_PATH) return linkScript(ctx);
    if (rest === 'session') return await readSession(ctx, deps);
    if (rest === 'sign-out') return await signOut(ctx, deps);
    if (rest === 'auth/microsoft') return await microsoft.start(ctx);
    if (rest === 'auth/microsoft/callback') return await microsoft.callback(ctx);
    return await files.serve(ctx, rest);
  };
  return [route];
}
