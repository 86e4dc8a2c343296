/**
 * Internal: what the host does for a plugin's request before the body parser runs (issue 11). Every route of a
 * plugin lives under `<mountPath>/:directoryId/` (PLUGINS.md), so the host knows the directory from the path: it
 * authenticates the request there (a missing or wrong token is refused before a byte of the body is read), takes
 * one of the directory's concurrent-request slots, and keeps the principal for the plugin's own `authenticate`
 * call, which then returns it without a second lookup (and without taking a second rate-limit token).
 */
import type { Context, Middleware } from 'koa';
import { DomainError } from '../domain/errors.js';
import type { DirectoryAccess } from '../plugin-api/index.js';
import type { DirectoryInfo } from '../plugin-api/port.js';
import { ScimError } from '../scim/index.js';
import type { ConcurrencyLimiter } from './concurrency-limiter.js';
import type { EventRecorder } from './event-recorder.js';
import type { RefusalReason } from './refused-requests.js';

/**
 * The directory the gate authenticated for a request, kept on the request's context under a key only this module
 * holds (nothing a client sends can set it). A symbol property rather than a WeakMap by context: each WeakMap entry
 * is an ephemeron the garbage collector traces separately, one more per request.
 */
const AUTHENTICATED = Symbol('cardbridge.authenticatedDirectory');
type Gated = Context & { [AUTHENTICATED]?: { directoryId: string; directory: DirectoryInfo; refused?: true } };

/** The first path segment under the mount, decoded as @koa/router decodes `:directoryId`. */
export function directoryIdOf(path: string, mountPath: string): string | undefined {
  const start = mountPath.length + 1;
  const end = path.indexOf('/', start);
  const segment = path.slice(start, end < 0 ? undefined : end);
  if (!segment) return undefined;
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Turns a SCIM request, already authenticated, into a refused one: counted per directory, minute and reason (like a
 * bad token or the rate limit), not logged as a provisioning event, so a flood of refusals stays a handful of rows.
 * A request the gate did not authenticate (GraphQL, a bad token) is left as it is.
 */
export function countAsRefused(ctx: Context, recorder: Pick<EventRecorder, 'refused'>, status: number, reason: RefusalReason): void {
  const gated = (ctx as Gated)[AUTHENTICATED];
  if (!gated || gated.refused) return;
  recorder.refused(gated.directory.id, status, reason);
  gated.refused = true;
}

/** The directory whose provisioning log records this request: the one the gate authenticated, unless it refused it. */
export function loggedDirectory(ctx: Context): DirectoryInfo | undefined {
  const gated = (ctx as Gated)[AUTHENTICATED];
  return gated && !gated.refused ? gated.directory : undefined;
}

export interface DirectoryGateOptions {
  /** The plugin's directory access (only its own provider's directories). */
  access: DirectoryAccess;
  mountPath: string;
  limiter: ConcurrencyLimiter;
  recorder: Pick<EventRecorder, 'refused'>;
}

/** Runs inside the SCIM error edge, before the body parser: its errors are SCIM error bodies. */
export function directoryGate(options: DirectoryGateOptions): Middleware {
  const { access, mountPath, limiter, recorder } = options;
  return async (ctx, next) => {
    const directoryId = directoryIdOf(ctx.path, mountPath);
    if (directoryId === undefined) {
      throw new ScimError(404, undefined, `no SCIM endpoint at ${ctx.method} ${ctx.path}: a directory's endpoints are under ${mountPath}/<directoryId>/`);
    }
    const directory = await access.authenticate(ctx, directoryId);
    const gated: Gated[typeof AUTHENTICATED] = { directoryId, directory };
    (ctx as Gated)[AUTHENTICATED] = gated;
    const release = limiter.tryAcquire(directory.id);
    if (!release) {
      countAsRefused(ctx, recorder, 429, 'concurrency-limit');
      throw new DomainError('RATE_LIMITED', `more than ${limiter.max} requests of this directory are in progress; retry later`, { retryAfterSeconds: 1 });
    }
    try {
      await next();
    } finally {
      release();
    }
  };
}

/** The access handed to the plugin: `authenticate` for the directory the gate authenticated returns its principal. */
export function gatedAccess(access: DirectoryAccess): DirectoryAccess {
  return {
    authenticate: async (ctx, directoryId) => {
      const known = (ctx as Gated)[AUTHENTICATED];
      return known && known.directoryId === directoryId ? known.directory : await access.authenticate(ctx, directoryId);
    },
    get: (directoryId) => access.get(directoryId),
  };
}
