/** Internal: `viewer` — who is calling. */
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { GRANTS, requireViewer } from '../../auth/permissions.js';
import { findOrganization } from '../../domain/organizations/organizations.queries.js';
import type { OrganizationView } from '../../domain/organizations/organization.table.js';
import type { UserView } from '../../domain/users/users.queries.js';
import type { GraphQLContext } from '../context.js';
import { Organization } from '../organization/organization.type.js';
import { User } from '../users/user.type.js';
import { ViewerType } from './viewer.type.js';

interface ViewerRoot {
  userId: string | null;
  role: string;
  signInMethod: string;
  permissions: string[];
  organizationId: string;
}

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: 'The caller: user, role, permissions and organization. UNAUTHENTICATED without a token.' })
  viewer(@Ctx() ctx: GraphQLContext): ViewerRoot {
    const viewer = requireViewer(ctx.viewer);
    return { userId: viewer.userId ?? null, role: viewer.role, signInMethod: viewer.method, permissions: [...GRANTS[viewer.role]], organizationId: viewer.organizationId };
  }

  @FieldResolver(() => Organization, { description: "The caller's organization." })
  async organization(@Root() root: ViewerRoot, @Ctx() ctx: GraphQLContext): Promise<OrganizationView | null> {
    return await findOrganization(ctx.db, root.organizationId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The signed-in user; null for service tokens.' })
  async user(@Root() root: ViewerRoot, @Ctx() ctx: GraphQLContext): Promise<UserView | null> {
    return root.userId ? await ctx.loaders.user.load(root.userId) : null;
  }
}
