/** Internal: graphql-ws on `/graphql` (same Koa host, WebSocket upgrade). */
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Authenticator } from '../../auth/authenticate.js';
import { cookieValue, PORTAL_COOKIE, portalOrigin, type PortalAuthenticator } from '../../auth/portal-session.js';
import type { Viewer } from '../../auth/viewer.js';
import type { HostDeps } from '../../host/host-deps.js';
import { createContext } from '../context.js';
import { formatError } from '../format-error.js';
import { assertWithinLimits } from '../limits.js';
import type { ProvisioningEventFeed } from './event-feed.js';

/**
 * Serves subscriptions. The token comes in `connectionParams.authorization` (browsers cannot set headers on a
 * WebSocket) or the upgrade request's Authorization header; a refused token closes the socket with 4403. Without
 * a token, the admin portal's session cookie authenticates an upgrade whose Origin is the public URL's (a page
 * of another site cannot open the portal's subscriptions); from another origin the socket is closed with 4403.
 */
export function startSubscriptionServer(deps: HostDeps, schema: GraphQLSchema, authenticator: Authenticator, feed: ProvisioningEventFeed, portal?: PortalAuthenticator): () => Promise<void> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const viewers = new WeakMap<object, Viewer | null>();
  const disposable = useServer(
    {
      schema,
      isProd: deps.config.env === 'production',
      onConnect: async (ctx) => {
        const params = ctx.connectionParams as { authorization?: unknown; Authorization?: unknown } | undefined;
        const header = params?.authorization ?? params?.Authorization ?? ctx.extra.request.headers.authorization;
        const authorization = typeof header === 'string' ? header : undefined;
        const cookies = ctx.extra.request.headers.cookie;
        if (!authorization && portal && cookieValue(cookies, PORTAL_COOKIE)) {
          if (ctx.extra.request.headers.origin !== portalOrigin(deps.config)) return false;
          try {
            viewers.set(ctx.extra, (await portal.authenticate(cookies))?.viewer ?? null);
          } catch {
            return false;
          }
          watchSession(ctx.extra.socket, cookies!, portal, viewers, ctx.extra);
          return true;
        }
        try {
          viewers.set(ctx.extra, await authenticator.authenticate(authorization));
        } catch {
          return false;
        }
        if (authorization) watchToken(ctx.extra.socket, authorization, authenticator, viewers, ctx.extra);
        return true;
      },
      onSubscribe: (_ctx, _id, payload) => {
        try {
          assertWithinLimits(schema, { document: parse(payload.query), variables: payload.variables ?? undefined, operationName: payload.operationName }, deps.config.graphql);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('the operation could not be checked')];
        }
      },
      context: (ctx) => createContext(deps, viewers.get(ctx.extra) ?? null, deps.log, feed),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
    },
    wss,
  );
  deps.onUpgrade('/graphql', (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)));
  return async () => {
    await disposable.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

/** A portal session's socket, checked again like a token: signed out, expired or revoked → closed with 4403. */
function watchSession(socket: { close(code: number, reason: string): void; once(event: 'close', listener: () => void): unknown }, cookies: string, portal: PortalAuthenticator, viewers: WeakMap<object, Viewer | null>, key: object): void {
  const timer = setInterval(() => {
    portal.authenticate(cookies).then(
      (found) => viewers.set(key, found?.viewer ?? null),
      () => socket.close(4403, 'Forbidden: the portal session has ended'),
    );
  }, RECHECK_MS);
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}

/** How often a live subscription's token is checked again (expiry, deleted, deactivated or demoted user). */
const RECHECK_MS = 30_000;

/**
 * A WebSocket outlives the request that authenticated it: check its token again every {@link RECHECK_MS} and close
 * the socket (4403) once the token is no longer accepted, so a revoked user stops receiving the provisioning log.
 */
function watchToken(socket: { close(code: number, reason: string): void; once(event: 'close', listener: () => void): unknown }, authorization: string, authenticator: Authenticator, viewers: WeakMap<object, Viewer | null>, key: object): void {
  const timer = setInterval(() => {
    authenticator.authenticate(authorization).then(
      (viewer) => viewers.set(key, viewer),
      () => socket.close(4403, 'Forbidden: the token is no longer accepted'),
    );
  }, RECHECK_MS);
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}
