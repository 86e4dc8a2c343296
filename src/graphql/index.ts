/** Internal: mounts the GraphQL API at `/graphql` — Apollo over HTTP, graphql-ws over WebSocket (issue 5). */
import 'reflect-metadata';
import { koaMiddleware } from '@as-integrations/koa';
import type { Context, Middleware, Next } from 'koa';
import { createAuthenticator, type Authenticator } from '../auth/authenticate.js';
import { createPortalAuthenticator, type PortalAuthenticator } from '../auth/portal-session.js';
import { isDomainError } from '../domain/errors.js';
import type { HostDeps } from '../host/host-deps.js';
import { startApollo } from './apollo.js';
import { createContext } from './context.js';
import { domainErrorBody } from './format-error.js';
import { readGraphQLBody, replyWithError } from './http-body.js';
import { ideRoute } from './ide.js';
import { authenticatePortalCookie } from './portal-cookie.js';
import { createSchema } from './schema.js';
import { ProvisioningEventFeed } from './subscriptions/event-feed.js';
import { startSubscriptionServer } from './subscriptions/ws-server.js';

export const GRAPHQL_PATH = '/graphql';

/**
 * Verifies the bearer token before Apollo runs: a token that is sent but refused is a 401, not a resolver error.
 * Without one, the admin portal's session cookie may authenticate (portal-cookie.ts: CSRF-checked).
 */
function authenticationMiddleware(authenticator: Authenticator, portal: PortalAuthenticator): Middleware {
  return async (ctx: Context, next: Next) => {
    const authorization = ctx.get('authorization') || undefined;
    if (!authorization) return (await authenticatePortalCookie(ctx, portal)) ? await next() : undefined;
    try {
      ctx.state.viewer = await authenticator.authenticate(authorization);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const body = domainErrorBody(error);
      ctx.set('WWW-Authenticate', 'Bearer');
      return replyWithError(ctx, error.code === 'UNAVAILABLE' ? 503 : 401, String(body.extensions.code), body.message);
    }
    await next();
  };
}

/** Mounts `/graphql` (HTTP, graphql-ws subscriptions and, for browsers, the GraphQL IDE). */
export async function graphqlRoutes(deps: HostDeps): Promise<Middleware[]> {
  const schema = await createSchema();
  const authenticator = createAuthenticator({ config: deps.config, pool: deps.pool });
  const portal = createPortalAuthenticator({ config: deps.config, pool: deps.pool });
  const apollo = await startApollo(schema, deps.config);
  const feed = new ProvisioningEventFeed(deps.databaseUrl, deps.pool, deps.log);
  await feed.start();
  const stopSubscriptions = startSubscriptionServer(deps, schema, authenticator, feed, portal);
  deps.onClose(async () => {
    await stopSubscriptions();
    await feed.stop();
    await apollo.stop();
  });
  const authenticate = authenticationMiddleware(authenticator, portal);
  const apolloMiddleware = koaMiddleware(apollo, {
    context: async ({ ctx }) => createContext(deps, ctx.state.viewer ?? null, ctx.state.log ?? deps.log),
  });
  const route: Middleware = async (ctx, next) => {
    if (ctx.path !== GRAPHQL_PATH) return await next();
    // The token first (it is in the headers): a refused one is answered before a byte of the body is read.
    await authenticate(ctx, async () => {
      if (await readGraphQLBody(ctx, deps.bodies)) await apolloMiddleware(ctx, async () => {});
    });
  };
  return [ideRoute(deps.config.graphql.ide), route];
}
