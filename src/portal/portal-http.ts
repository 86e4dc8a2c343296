/** Internal to the admin portal: headers every portal answer carries, the session cookie, small answers. */
import type { Context } from 'koa';
import type { Config } from '../config/config.js';
import { PORTAL_COOKIE } from '../auth/portal-session.js';

/**
 * The portal's Content Security Policy: its own scripts, styles and images only (no inline script), its own API
 * over HTTP and WebSocket, never framed (clickjacking), no `<base>` and forms only to itself.
 */
export function portalCsp(config: Config): string {
  const url = new URL(config.publicUrl);
  const ws = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${ws}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;
}

/** Headers on every answer under /portal. */
export function setPortalHeaders(ctx: Context, csp: string): void {
  ctx.set('Content-Security-Policy', csp);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Referrer-Policy', 'no-referrer');
}

/** Answers that carry a secret (a link token in the URL, a session, a CSRF token) are never stored by a cache. */
export function noStore(ctx: Context): void {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Pragma', 'no-cache');
}

/** The cookie is Secure unless the public URL is plain http on localhost (development, tests). */
export function cookieIsSecure(config: Config): boolean {
  const url = new URL(config.publicUrl);
  return !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}

/** A Set-Cookie value: HttpOnly, SameSite=Lax, Secure outside localhost. */
export function cookieHeader(config: Config, name: string, value: string, options: { maxAgeSeconds: number; path: string }): string {
  return [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${options.maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax', ...(cookieIsSecure(config) ? ['Secure'] : [])].join('; ');
}

export function setSessionCookie(ctx: Context, config: Config, token: string): void {
  ctx.append('Set-Cookie', cookieHeader(config, PORTAL_COOKIE, token, { maxAgeSeconds: config.portal.sessionMaxSeconds, path: '/' }));
}

export function clearSessionCookie(ctx: Context, config: Config): void {
  ctx.append('Set-Cookie', cookieHeader(config, PORTAL_COOKIE, '', { maxAgeSeconds: 0, path: '/' }));
}

/** A JSON error in the GraphQL error shape (the portal's client reads one shape). */
export function jsonError(ctx: Context, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = { errors: [{ message, extensions: { code } }] };
}

/** Answers anything but GET and HEAD with 405. */
export function onlyRead(ctx: Context): boolean {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return true;
  ctx.set('Allow', 'GET, HEAD');
  ctx.status = 405;
  return false;
}
