/** Internal: createPortalLink — a single-use link into the admin portal (issue 13). Admins and owners only. */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { authorize } from '../../auth/permissions.js';
import { createPortalLink, portalLinkPath } from '../../domain/portal-access/index.js';
import type { GraphQLContext } from '../context.js';
import { CreatePortalLinkInput, PortalLink, type PortalIntentValue } from './portal-link.type.js';

@Resolver()
export class PortalLinkResolver {
  @Mutation(() => PortalLink, {
    description:
      "Creates a single-use link that opens an admin portal session for the caller's organization. The session acts with the admin role. Admins and owners only; FORBIDDEN otherwise.",
  })
  async createPortalLink(@Arg('input', () => CreatePortalLinkInput, { description: 'What the link opens.' }) input: CreatePortalLinkInput, @Ctx() ctx: GraphQLContext): Promise<PortalLink> {
    const viewer = authorize(ctx.viewer, 'portal:link');
    const description = viewer.userId ? `user:${viewer.userId}` : `token:${viewer.method}:${viewer.role}`;
    const link = await createPortalLink(ctx.pool, {
      organizationId: viewer.organizationId,
      intent: input.intent ?? undefined,
      returnUrl: input.returnUrl,
      creator: { description, userId: viewer.userId, role: viewer.role },
      ttlSeconds: ctx.config.portal.linkTtlSeconds,
    });
    return { url: `${ctx.config.publicUrl}${portalLinkPath(link.token)}`, expiresAt: link.expiresAt, intent: link.intent as PortalIntentValue, returnUrl: link.returnUrl };
  }
}
