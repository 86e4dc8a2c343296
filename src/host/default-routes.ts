import type { Middleware } from 'koa';
import { publicCardRoutes } from '../cards/public-card.routes.js';
import { graphqlRoutes } from '../graphql/index.js';
import { inviteRoutes } from '../invites/invite.routes.js';
import { startJobs } from '../jobs/index.js';
import { portalRoutes } from '../portal/portal.routes.js';
import type { HostDeps } from './host-deps.js';

/** What every cardbridge process runs besides the plugins: the job queue, GraphQL, public cards, invites and the admin portal. */
export async function defaultRoutes(deps: HostDeps): Promise<Middleware[]> {
  const jobs = await startJobs(deps);
  deps.onClose(() => jobs.stop());
  return [...(await graphqlRoutes(deps)), ...(await publicCardRoutes(deps)), ...(await inviteRoutes(deps)), ...(await portalRoutes(deps))];
}
