/** Internal to the admin portal: where a new session lands, reading the session, signing out (issue 13). */
import type { Context } from 'koa';
import { cookieValue, createPortalAuthenticator, CSRF_HEADER, csrfTokenMatches, PORTAL_COOKIE } from '../auth/portal-session.js';
import { isDomainError } from '../domain/errors.js';
import { csrfTokenOf, revokePortalSession } from '../domain/portal-access/index.js';
import type { HostDeps } from '../host/host-deps.js';
import { clearSessionCookie, jsonError, noStore, onlyRead } from './portal-http.js';

/** Where a new session lands: the portal's page for the intent. */
export function landingPath(intent: string): string {
  return `/portal/?intent=${encodeURIComponent(intent)}`;
}

/** `GET /portal/session`: who the session is, for the portal's front end (with the CSRF token it must send). */
export async function readSession(ctx: Context, deps: Pick<HostDeps, 'pool' | 'config'>): Promise<void> {
  noStore(ctx);
  if (!onlyRead(ctx)) return;
  const portal = createPortalAuthenticator(deps);
  let found;
  try {
    found = await portal.authenticate(ctx.get('cookie') || undefined);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    clearSessionCookie(ctx, deps.config);
    return jsonError(ctx, 401, 'UNAUTHENTICATED', error.message);
  }
  if (!found) return jsonError(ctx, 401, 'UNAUTHENTICATED', 'no portal session: open a portal link, or sign in with Microsoft at /portal/auth/microsoft');
  const { session, token } = found;
  ctx.type = 'application/json';
  ctx.body = {
    organization: { id: session.organizationId, name: session.organizationName, slug: session.organizationSlug },
    role: session.role,
    method: session.method,
    userId: session.userId ?? null,
    intent: session.intent,
    returnUrl: session.returnUrl,
    csrfToken: csrfTokenOf(token),
    expiresAt: session.expiresAt.toISOString(),
  };
}

/** `POST /portal/sign-out`: ends the session (CSRF-checked) and clears its cookie. */
export async function signOut(ctx: Context, deps: Pick<HostDeps, 'pool' | 'config'>): Promise<void> {
  noStore(ctx);
  if (ctx.method !== 'POST') {
    ctx.set('Allow', 'POST');
    ctx.status = 405;
    return;
  }
  const token = cookieValue(ctx.get('cookie') || undefined, PORTAL_COOKIE);
  if (token && !csrfTokenMatches(token, ctx.get(CSRF_HEADER) || undefined)) {
    return jsonError(ctx, 403, 'FORBIDDEN', 'missing or wrong X-CSRF-Token: send the csrfToken of GET /portal/session');
  }
  if (token) await revokePortalSession(deps.pool, token);
  clearSessionCookie(ctx, deps.config);
  ctx.status = 204;
}

