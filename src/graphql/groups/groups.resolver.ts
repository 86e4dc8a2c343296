/** Internal: `groups`, `group`, Group fields (members as a connection) and `setGroupTemplate`. */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../../auth/permissions.js';
import { DomainError } from '../../domain/errors.js';
import type { DirectoryView } from '../../domain/directories/directory.table.js';
import { findGroupsByIds, findGroupsPage, type GroupView } from '../../domain/groups/groups.queries.js';
import { setGroupTemplate, type TemplateView } from '../../domain/cards/templates.service.js';
import type { UserView } from '../../domain/users/users.queries.js';
import { AFTER_DESCRIPTION, decodeCursor, pageSize, toConnection, type ConnectionResult } from '../common/connection.js';
import type { GraphQLContext } from '../context.js';
import { Directory } from '../directories/directory.type.js';
import { SetGroupTemplateInput, SetGroupTemplatePayload } from '../templates/template.input.js';
import { Template } from '../templates/template.type.js';
import { UserConnection } from '../users/user.type.js';
import { Group, GroupConnection } from './group.type.js';

@Resolver(() => Group)
export class GroupsResolver {
  @Query(() => GroupConnection, { description: "A page of the organization's groups, by name. Staff roles only." })
  async groups(
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–100 (another value is refused with BAD_USER_INPUT).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Arg('directoryId', () => ID, { nullable: true, description: 'Only groups of this directory.' }) directoryId: string | null,
    @Arg('text', () => String, { nullable: true, description: 'Case-insensitive text in the group name.' }) text: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionResult<GroupView>> {
    const viewer = authorize(ctx.viewer, 'group:read');
    const page = await findGroupsPage(ctx.db, viewer.organizationId, { filter: { directoryId: directoryId ?? undefined, text: text ?? undefined }, first: pageSize(first), after: decodeCursor('groups', after) });
    for (const row of page.rows) ctx.loaders.group.prime(row.id, row);
    return toConnection('groups', page);
  }

  @Query(() => Group, { nullable: true, description: 'One group; null when it is not a group of the organization.' })
  async group(@Arg('id', () => ID, { description: 'Id of the group.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<GroupView | null> {
    authorize(ctx.viewer, 'group:read');
    return await ctx.loaders.group.load(id);
  }

  @FieldResolver(() => UserConnection, { description: 'Members, in the order they were added.' })
  async members(
    @Root() group: GroupView,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–100 (another value is refused with BAD_USER_INPUT).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionResult<UserView>> {
    const page = await ctx.loaders.members(pageSize(first), decodeCursor('members', after)).load(group.id);
    return toConnection('members', { ...page, total: group.memberCount });
  }

  @FieldResolver(() => Template, { nullable: true, description: "Template the group's members get (rule); null when none." })
  async template(@Root() group: GroupView, @Ctx() ctx: GraphQLContext): Promise<TemplateView | null> {
    return group.templateId ? await ctx.loaders.template.load(group.templateId) : null;
  }

  @FieldResolver(() => Directory, { description: 'The directory that provisioned the group.' })
  async directory(@Root() group: GroupView, @Ctx() ctx: GraphQLContext): Promise<DirectoryView | null> {
    return await ctx.loaders.directory.load(group.directoryId);
  }

  @Mutation(() => SetGroupTemplatePayload, { description: "Sets or removes a group's template rule; members' cards follow at once. Editors, admins and owners." })
  async setGroupTemplate(@Arg('input', () => SetGroupTemplateInput, { description: 'The rule.' }) input: SetGroupTemplateInput, @Ctx() ctx: GraphQLContext): Promise<{ group: GroupView; cardsUpdated: number }> {
    const viewer = authorize(ctx.viewer, 'group:manage');
    const { cardsUpdated } = await setGroupTemplate(ctx.pool, viewer.organizationId, { groupId: input.groupId, templateId: input.templateId ?? null, priority: input.priority });
    const [group] = await findGroupsByIds(ctx.db, viewer.organizationId, [input.groupId]);
    if (!group) throw new DomainError('NOT_FOUND', `group ${input.groupId} not found`);
    return { group, cardsUpdated };
  }
}
