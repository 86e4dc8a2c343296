/** Internal: `organization` and its seat usage. */
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../../auth/permissions.js';
import { DomainError } from '../../domain/errors.js';
import { findOrganization } from '../../domain/organizations/organizations.queries.js';
import type { OrganizationView } from '../../domain/organizations/organization.table.js';
import { seatUsage } from '../../domain/organizations/organizations.queries.js';
import type { GraphQLContext } from '../context.js';
import { Organization, Seats } from './organization.type.js';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: "The caller's organization." })
  async organization(@Ctx() ctx: GraphQLContext): Promise<OrganizationView> {
    const viewer = authorize(ctx.viewer, 'organization:read');
    const organization = await findOrganization(ctx.db, viewer.organizationId);
    if (!organization) throw new DomainError('NOT_FOUND', 'the organization no longer exists');
    return organization;
  }

  @FieldResolver(() => Seats, { description: 'Seat usage: limit, used, available. Staff roles only (FORBIDDEN for members).' })
  async seats(@Root() organization: OrganizationView, @Ctx() ctx: GraphQLContext): Promise<Seats> {
    authorize(ctx.viewer, 'seats:read');
    return await seatUsage(ctx.db, organization.id);
  }
}
