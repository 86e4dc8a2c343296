/**
 * Internal: the admin portal's session cookie on POST /graphql (issue 13). Only without a Bearer token, only on
 * POST, and only with `Content-Type: application/json` and the session's `X-CSRF-Token`: a page on another site
 * can make the browser send the cookie, but cannot read the token nor send that header or content type without
 * CORS, which this server does not grant.
 */
import type { Context } from 'koa';
import { CSRF_HEADER, csrfTokenMatches, PORTAL_COOKIE, cookieValue, type PortalAuthenticator } from '../auth/portal-session.js';
import { isDomainError } from '../domain/errors.js';
import { domainErrorBody } from './format-error.js';
import { replyWithError } from './http-body.js';

/**
 * Sets `ctx.state.viewer` from the cookie when it applies; returns false after answering the request itself
 * (415 without JSON, 403 FORBIDDEN without the right CSRF token, 401 UNAUTHENTICATED for an ended session).
 */
export async function authenticatePortalCookie(ctx: Context, portal: PortalAuthenticator): Promise<boolean> {
  const header = ctx.get('cookie') || undefined;
  const token = cookieValue(header, PORTAL_COOKIE);
  if (!token || ctx.method !== 'POST') return true;
  if (!ctx.is('application/json')) {
    replyWithError(ctx, 415, 'BAD_REQUEST', 'a request authenticated by the portal session must be sent as Content-Type: application/json');
    return false;
  }
  if (!csrfTokenMatches(token, ctx.get(CSRF_HEADER) || undefined)) {
    replyWithError(ctx, 403, 'FORBIDDEN', 'missing or wrong X-CSRF-Token: send the csrfToken of GET /portal/session with every request of the portal session');
    return false;
  }
  try {
    ctx.state.viewer = (await portal.authenticate(header))?.viewer ?? null;
    return true;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const body = domainErrorBody(error);
    replyWithError(ctx, error.code === 'UNAVAILABLE' ? 503 : 401, String(body.extensions.code), body.message);
    return false;
  }
}
