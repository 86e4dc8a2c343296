// PLACEHOLDER: the GraphQL API (issue 5) replaces this module; it must keep exporting graphqlRoutes.
import type { Middleware } from 'koa';
import type { HostDeps } from '../http/host-deps.js';

/** Mounts `/graphql` (HTTP and graphql-ws subscriptions). */
export async function graphqlRoutes(_deps: HostDeps): Promise<Middleware[]> {
  return [];
}
