/**
 * Internal: the GraphQL IDE (issue 13). A browser's GET /graphql (one that prefers text/html) gets GraphiQL's page,
 * built by `npm run build` from the installed packages into dist/ide (ide/vite.config.ts); its scripts, styles,
 * font and Monaco workers are served from /graphql/ide/assets/. Nothing is loaded from another origin, so it works
 * air-gapped. Off (GRAPHQL_IDE=false, the default when NODE_ENV=production), such a GET is a 404 in GraphQL's shape.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Middleware, Next } from 'koa';
import { replyWithError } from './http-body.js';

export const IDE_ASSETS_PATH = '/graphql/ide/assets/';

/**
 * The IDE's Content-Security-Policy: scripts from this origin only (no inline script, no eval), nothing from another
 * origin at all.
 * - `worker-src 'self'`: Monaco's editor, JSON and GraphQL language workers are module workers from /graphql/ide/assets/.
 * - `connect-src 'self'`: the IDE's queries (POST /graphql) and subscriptions (WebSocket to /graphql, same origin).
 * - `style-src 'unsafe-inline'`: Monaco (GraphiQL's editor) writes `<style>` elements (its theme, decorations) and
 *   `style` attributes in the markup of every line it renders, and sets no nonce; without it the editors are blank.
 *   It allows inline CSS only, never script.
 * - `font-src data:`: GraphiQL's stylesheet carries its fonts inline as data: URLs.
 */
export const IDE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/ide at the package's top level, from src/graphql (tests) or dist/src/graphql (built). */
export function ideDirectory(): string {
  const top = new URL(import.meta.url.includes('/dist/src/') ? '../../../' : '../../', import.meta.url);
  return join(fileURLToPath(top), 'dist', 'ide');
}

// Hashed file names Vite writes; anything else (a path, `..`, an unknown type) is not one of the IDE's files.
const ASSET_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:js|css|ttf|woff2?|svg|png)$/;

/** Whether the request is a browser navigation to /graphql rather than a GraphQL request. */
export function wantsHtml(ctx: Context): boolean {
  return ctx.method === 'GET' && ctx.accepts('application/json', 'application/graphql-response+json', 'text/html') === 'text/html';
}

function securityHeaders(ctx: Context): void {
  ctx.set('Content-Security-Policy', IDE_CSP);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
}

/** Serves the IDE's page and assets when `enabled`; when not, answers their requests with 404 in GraphQL's shape. */
export function ideRoute(enabled: boolean, directory: string = ideDirectory()): Middleware {
  const off = (ctx: Context) =>
    replyWithError(ctx, 404, 'NOT_FOUND', 'the GraphQL IDE is off on this server (GRAPHQL_IDE); send GraphQL requests as POST /graphql with content-type: application/json');
  return async (ctx: Context, next: Next) => {
    const asset = ctx.path.startsWith(IDE_ASSETS_PATH);
    if (!asset && !(ctx.path === '/graphql' && wantsHtml(ctx))) return await next();
    if (!enabled) return off(ctx);
    if (ctx.method !== 'GET') {
      ctx.set('Allow', 'GET');
      return replyWithError(ctx, 405, 'METHOD_NOT_ALLOWED', 'the IDE’s files are read with GET');
    }
    if (!asset) {
      let page: string;
      try {
        page = await readFile(join(directory, 'index.html'), 'utf8');
      } catch {
        return replyWithError(ctx, 503, 'UNAVAILABLE', 'the GraphQL IDE is not built: run `npm run build` (it writes dist/ide)');
      }
      securityHeaders(ctx);
      ctx.set('Cache-Control', 'no-cache');
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = page;
      return;
    }
    const name = ctx.path.slice(IDE_ASSETS_PATH.length);
    const file = join(directory, 'assets', name);
    const size = ASSET_NAME.test(name) ? await stat(file).then((s) => (s.isFile() ? s.size : undefined), () => undefined) : undefined;
    if (size === undefined) return replyWithError(ctx, 404, 'NOT_FOUND', `no IDE file ${name}`);
    securityHeaders(ctx);
    // Content-hashed names: a new build has new names, so a file never changes under its name.
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.type = extname(name);
    ctx.length = size;
    ctx.body = createReadStream(file);
  };
}
