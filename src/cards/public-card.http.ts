// Internal to the public card pages: response headers shared by every /c/… answer, ETag revalidation.
import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { renderStatusPage } from './public-card.page.js';

/** One response of a public card route. */
export interface Representation {
  contentType: string;
  body: string | Buffer;
  cacheControl: string;
  /** The page's own policy; other resources get {@link RESOURCE_CSP}. */
  csp?: string;
  headers?: Record<string, string>;
}

/**
 * Cards are public but unlisted (the slug is the capability): no search indexing, no referrer leaking the slug to
 * the sites a visitor follows, no framing.
 */
const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'X-Robots-Tag': 'noindex, nofollow',
};

/** For images and vCards opened directly: nothing may load or run. */
const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Card data changes (overrides, suspension) must show at once: caches may keep a copy but revalidate every time. */
export const REVALIDATE = 'public, no-cache';

function applyHeaders(ctx: Context, representation: Representation): void {
  ctx.set(BASE_HEADERS);
  ctx.set('Content-Security-Policy', representation.csp ?? RESOURCE_CSP);
  ctx.set('Cache-Control', representation.cacheControl);
  if (representation.headers) ctx.set(representation.headers);
}

/** Answers 200 with a strong ETag over the body, or 304 when the client's copy (If-None-Match) is current. */
export function sendRepresentation(ctx: Context, representation: Representation): void {
  applyHeaders(ctx, representation);
  ctx.status = 200;
  ctx.etag = createHash('sha256').update(representation.body).digest('base64url').slice(0, 27);
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.set('Content-Type', representation.contentType);
  ctx.body = representation.body;
}

/** The minimal 404 (unknown card) or 410 (suspended card) page; never cached, never about the holder. */
export function sendStatusPage(ctx: Context, status: 404 | 410): void {
  const page = renderStatusPage(status);
  applyHeaders(ctx, { contentType: 'text/html; charset=utf-8', body: page.body, cacheControl: 'no-store', csp: page.csp });
  ctx.status = status;
  ctx.set('Content-Type', 'text/html; charset=utf-8');
  ctx.body = page.body;
}
