/** Internal: `users` (connection) and `user(id:)`. */
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { authorize, canReadUser, requireViewer } from '../../auth/permissions.js';
import { findUsersPage, type UserView } from '../../domain/users/users.queries.js';
import { AFTER_DESCRIPTION, decodeCursor, pageSize, toConnection, type ConnectionResult } from '../common/connection.js';
import { SortDirection, UserSortField } from '../common/enums.js';
import type { GraphQLContext } from '../context.js';
import { UserFilterInput, UserSortInput } from './users.input.js';
import { User, UserConnection } from './user.type.js';

@Resolver(() => User)
export class UsersResolver {
  @Query(() => UserConnection, { description: "A page of the organization's users. Staff roles only." })
  async users(
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–100 (another value is refused with BAD_USER_INPUT).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Arg('filter', () => UserFilterInput, { nullable: true, description: 'Conditions users must meet.' }) filter: UserFilterInput | null,
    @Arg('sort', () => UserSortInput, { nullable: true, description: 'Order; default oldest first.' }) sort: UserSortInput | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionResult<UserView>> {
    const viewer = authorize(ctx.viewer, 'user:read');
    const field = sort?.field ?? UserSortField.CREATED_AT;
    const direction = sort?.direction ?? SortDirection.ASC;
    const list = `users:${field}:${direction}`;
    const page = await findUsersPage(ctx.db, viewer.organizationId, {
      filter: { text: filter?.text, active: filter?.active, groupId: filter?.groupId, origin: filter?.source, directoryId: filter?.directoryId, role: filter?.role },
      sort: field,
      direction,
      first: pageSize(first),
      after: decodeCursor(list, after),
    });
    for (const row of page.rows) ctx.loaders.user.prime(row.id, row);
    return toConnection(list, page);
  }

  @Query(() => User, { nullable: true, description: 'One user; null when the id is not a user of the organization. Members may read only themselves.' })
  async user(@Arg('id', () => ID, { description: 'Id of the user.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<UserView | null> {
    const viewer = requireViewer(ctx.viewer);
    if (!canReadUser(viewer, id)) authorize(viewer, 'user:read');
    return await ctx.loaders.user.load(id);
  }
}
