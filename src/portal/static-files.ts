/**
 * Internal to the admin portal: serves the built front end from one directory (`dist/portal`, written by
 * `npm run build`). Only files inside it: every path segment is decoded and checked (no `..`, `.`, dot-files,
 * backslashes or NUL), and the real path (after symlinks) must still be inside the directory.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'koa';
import { noStore, onlyRead } from './portal-http.js';
import { sendPortalPage } from './portal-pages.js';

/** The package's `dist/portal`, from this file in `src/portal` (source runs) or `dist/src/portal` (built). */
export function defaultPortalDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  const parts = dir.split(sep);
  const at = parts.lastIndexOf('src');
  // …/src/portal → …/dist/portal; …/dist/src/portal → …/dist/portal
  const root = parts.slice(0, at).join(sep) || sep;
  dir = parts[at - 1] === 'dist' ? join(root, 'portal') : join(root, 'dist', 'portal');
  return dir;
}

/** Hashed build output: the name changes with the content, so it may be cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The decoded, checked segments of a path under /portal/, or null when a segment is not a plain file name. */
export function safeSegments(rest: string): string[] | null {
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || segment.startsWith('.') || /[/\\\0]/.test(segment) || segment.includes(':')) return null;
    segments.push(segment);
  }
  return segments;
}

async function fileAt(root: string, segments: string[]): Promise<{ path: string; size: number; mtime: Date } | null> {
  const candidate = join(root, ...segments);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size, mtime: info.mtime } : null;
  } catch {
    return null;
  }
}

export interface StaticPortal {
  /** Answers a GET/HEAD under /portal/ (`rest` is the path after `/portal/`). */
  serve(ctx: Context, rest: string): Promise<void>;
}

export function staticPortal(dir: string): StaticPortal {
  let root: string | undefined;
  const resolveRoot = async () => (root ??= await realpath(dir).catch(() => undefined));
  return {
    async serve(ctx, rest) {
      if (!onlyRead(ctx)) return;
      const base = await resolveRoot();
      const index = base ? await fileAt(base, ['index.html']) : null;
      if (!base || !index) {
        root = undefined;
        noStore(ctx);
        ctx.set('Retry-After', '60');
        return sendPortalPage(ctx, 503, 'The admin portal was not built', [
          'This server has no built admin portal.',
          'Run npm run build in the cardbridge directory (it builds the portal into dist/portal), then reload this page.',
        ]);
      }
      const segments = safeSegments(rest);
      if (!segments) return sendPortalPage(ctx, 404, 'Not found', ['There is no such page in the admin portal.']);
      const last = segments.at(-1) ?? '';
      let file = segments.length ? await fileAt(base, segments) : index;
      // A path without an extension is one of the app's pages: the app's index.html routes it in the browser.
      if (!file && !extname(last)) file = index;
      if (!file) return sendPortalPage(ctx, 404, 'Not found', ['There is no such file in the admin portal.']);
      ctx.type = extname(file.path);
      ctx.length = file.size;
      ctx.lastModified = file.mtime;
      ctx.set('Cache-Control', segments[0] === 'assets' && file !== index ? IMMUTABLE : 'no-cache');
      ctx.body = createReadStream(file.path);
    },
  };
}
