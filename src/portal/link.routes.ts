/**
 * Internal to the admin portal: opening a session from a single-use link (issue 13). A GET only looks at the
 * link and answers a page whose form POSTs it back, because mail and chat link previewers (Slack, Teams, Outlook
 * Safe Links) fetch every URL they see: were the GET to use the link up, the admin's own click would find it gone.
 * The POST uses it up (one statement), opens the session, sets its cookie and sends the browser on (303).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import type { Config } from '../config/config.js';
import { portalOrigin, portalLifetime } from '../auth/portal-session.js';
import { checkPortalLink, openSessionFromLink, portalLinkPath } from '../domain/portal-access/index.js';
import type { HostDeps } from '../host/host-deps.js';
import { noStore, onlyRead, setSessionCookie } from './portal-http.js';
import { LINK_CROSS_SITE, LINK_FORM_ID, LINK_GONE, LINK_UNKNOWN, sendLinkPage, sendPortalPage } from './portal-pages.js';
import { landingPath } from './session.routes.js';

/** Where the link page's script is served (`script-src 'self'`: no inline script). */
export const LINK_SCRIPT_PATH = '/portal/link.js';

/**
 * Submits the link page's form once the page is really shown: not while a browser prerenders it or keeps it in
 * a hidden tab, and only once (a click on the button meanwhile counts as the one submission).
 */
export const LINK_SCRIPT = `// cardbridge admin portal: continues from a portal link's page to the portal (POSTs its form once).
(function () {
  var form = document.getElementById(${JSON.stringify(LINK_FORM_ID)});
  if (!form) return;
  var sent = false;
  form.addEventListener('submit', function () { sent = true; });
  function whenShown() {
    if (sent) return;
    if (document.prerendering) return document.addEventListener('prerenderingchange', whenShown, { once: true });
    if (document.visibilityState !== 'visible') return document.addEventListener('visibilitychange', whenShown, { once: true });
    sent = true;
    form.submit();
    var button = form.querySelector('button');
    if (button) button.disabled = true;
  }
  whenShown();
})();
`;

const LINK_SCRIPT_ETAG = `"${createHash('sha256').update(LINK_SCRIPT).digest('base64url').slice(0, 22)}"`;

/**
 * True unless the browser says the POST came from another site (login CSRF: a page elsewhere posting a link of
 * its own organization). `Sec-Fetch-Site` decides when sent, and must be `same-origin`; an `Origin` other than the
 * public URL's is refused. The link page's `Referrer-Policy: no-referrer` makes browsers send `Origin: null` on its
 * form, so `null` counts only beside `Sec-Fetch-Site: same-origin`. Clients that send neither header (not a
 * browser) are let through: the link's token is itself the secret.
 */
export function postIsSameOrigin(ctx: Context, config: Config): boolean {
  const origin = ctx.get('origin');
  const site = ctx.get('sec-fetch-site');
  if (origin && origin !== 'null' && origin !== portalOrigin(config)) return false;
  if (site) return site === 'same-origin';
  return origin !== 'null';
}

/** `/portal/link/<token>`: GET and HEAD look at the link, POST uses it; anything else is 405. */
export async function linkRoute(ctx: Context, deps: Pick<HostDeps, 'pool' | 'config'>, token: string): Promise<void> {
  // The token is in the URL and in the page: nothing may cache these answers or pass the URL on as a Referer.
  noStore(ctx);
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return await showLink(ctx, deps, token);
  if (ctx.method === 'POST') return await useLink(ctx, deps, token);
  ctx.set('Allow', 'GET, HEAD, POST');
  ctx.status = 405;
}

/** GET: never uses the link. A usable one answers the page that POSTs it; others the plain-words 410/404. */
async function showLink(ctx: Context, deps: Pick<HostDeps, 'pool'>, token: string): Promise<void> {
  const state = await checkPortalLink(deps.pool, token);
  if (state === 'gone') return sendPortalPage(ctx, 410, 'This link no longer works', LINK_GONE);
  if (state === 'unknown') return sendPortalPage(ctx, 404, 'This link is not valid', LINK_UNKNOWN);
  ctx.set('X-Robots-Tag', 'noindex, nofollow');
  sendLinkPage(ctx, portalLinkPath(token), LINK_SCRIPT_PATH);
}

/** POST: refuses another site's form (403, the link stays usable), then uses the link up and opens the session. */
async function useLink(ctx: Context, deps: Pick<HostDeps, 'pool' | 'config'>, token: string): Promise<void> {
  if (!postIsSameOrigin(ctx, deps.config)) return sendPortalPage(ctx, 403, 'This link was sent from another site', LINK_CROSS_SITE);
  const opened = await openSessionFromLink(deps.pool, token, portalLifetime(deps.config));
  if (opened === 'gone') return sendPortalPage(ctx, 410, 'This link no longer works', LINK_GONE);
  if (opened === 'unknown') return sendPortalPage(ctx, 404, 'This link is not valid', LINK_UNKNOWN);
  setSessionCookie(ctx, deps.config, opened.token);
  ctx.status = 303;
  ctx.redirect(landingPath(opened.intent));
}

/** `GET /portal/link.js`: the link page's script (revalidated with its ETag, so a new release is picked up). */
export function linkScript(ctx: Context): void {
  if (!onlyRead(ctx)) return;
  ctx.set('Cache-Control', 'no-cache');
  ctx.set('ETag', LINK_SCRIPT_ETAG);
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.type = 'text/javascript; charset=utf-8';
  ctx.body = LINK_SCRIPT;
}
