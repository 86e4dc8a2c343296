import type { Middleware } from 'koa';
import type { RunningDeps } from './server.js';

/** Routes every cardbridge process serves besides the plugins: GraphQL and public cards. */
export async function defaultRoutes(_deps: RunningDeps): Promise<Middleware[]> {
  return [];
}
