/** Internal: User fields that load related records (batched per request through DataLoaders). */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { can, requireViewer } from '../../auth/permissions.js';
import type { CardView } from '../../domain/cards/cards.queries.js';
import type { DirectoryView } from '../../domain/directories/directory.table.js';
import type { GroupView } from '../../domain/groups/groups.queries.js';
import type { UserView } from '../../domain/users/users.queries.js';
import { Card } from '../cards/card.type.js';
import type { GraphQLContext } from '../context.js';
import { Directory } from '../directories/directory.type.js';
import { Group } from '../groups/group.type.js';
import { Seat, User } from './user.type.js';

@Resolver(() => User)
export class UserFieldsResolver {
  @FieldResolver(() => Boolean, { description: 'True while a directory manages the user: only admins and owners may delete such users and their cards.' })
  isDirectoryManaged(@Root() user: UserView): boolean {
    return user.directoryId !== null;
  }

  @FieldResolver(() => Card, { nullable: true, description: "The user's card; null when the user has none." })
  async card(@Root() user: UserView, @Ctx() ctx: GraphQLContext): Promise<CardView | null> {
    return await ctx.loaders.cardOfUser.load(user.id);
  }

  @FieldResolver(() => Seat, { nullable: true, description: 'The licence seat the user holds; null when none.' })
  async seat(@Root() user: UserView, @Ctx() ctx: GraphQLContext): Promise<{ id: string; claimedAt: Date | null } | null> {
    return await ctx.loaders.seatOfUser.load(user.id);
  }

  @FieldResolver(() => [Group], { description: 'Groups the user belongs to, by name. Empty for members.' })
  async groups(@Root() user: UserView, @Ctx() ctx: GraphQLContext): Promise<GroupView[]> {
    return can(requireViewer(ctx.viewer), 'group:read') ? await ctx.loaders.groupsOfUser.load(user.id) : [];
  }

  @FieldResolver(() => Directory, { nullable: true, description: 'The directory managing the user; null for manual users (and for members).' })
  async directory(@Root() user: UserView, @Ctx() ctx: GraphQLContext): Promise<DirectoryView | null> {
    if (!user.directoryId || !can(requireViewer(ctx.viewer), 'directory:read')) return null;
    return await ctx.loaders.directory.load(user.directoryId);
  }
}
