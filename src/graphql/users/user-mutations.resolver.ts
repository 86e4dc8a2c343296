/** Internal: user mutations (invites, delete, role). Authorization decisions come from auth/permissions. */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { assertCanDeleteUser, assertCanSetRole, authorize } from '../../auth/permissions.js';
import { DomainError } from '../../domain/errors.js';
import { deleteUser, inviteUsers, resendInvites, setUserRole } from '../../domain/users/users.admin.js';
import { findUsersByIds, type UserView } from '../../domain/users/users.queries.js';
import { resendDirectoryInvites } from '../../domain/directories/directory-invites.js';
import type { GraphQLContext } from '../context.js';
import { DeleteUserPayload, InviteUsersInput, InviteUsersPayload, ResendInvitesInput, ResendInvitesPayload, SetUserRoleInput, SetUserRolePayload } from './users.input.js';

async function requireUser(ctx: GraphQLContext, organizationId: string, id: string): Promise<UserView> {
  const [user] = await findUsersByIds(ctx.db, organizationId, [id]);
  if (!user) throw new DomainError('NOT_FOUND', `user ${id} not found`);
  return user;
}

@Resolver()
export class UserMutationsResolver {
  @Mutation(() => InviteUsersPayload, { description: 'Invites people by e-mail (new users are created as manual users). Admins and owners.' })
  async inviteUsers(@Arg('input', () => InviteUsersInput, { description: 'Who to invite.' }) input: InviteUsersInput, @Ctx() ctx: GraphQLContext): Promise<{ users: UserView[]; alreadyAccepted: string[] }> {
    const viewer = authorize(ctx.viewer, 'user:invite');
    const result = await inviteUsers(ctx, viewer.organizationId, { emails: input.emails, role: input.role });
    return { users: await findUsersByIds(ctx.db, viewer.organizationId, result.userIds), alreadyAccepted: result.alreadyAccepted };
  }

  @Mutation(() => ResendInvitesPayload, { description: 'Sends the invite again to users who have not accepted it. Admins and owners.' })
  async resendInvites(@Arg('input', () => ResendInvitesInput, { description: 'Whose invite.' }) input: ResendInvitesInput, @Ctx() ctx: GraphQLContext): Promise<{ count: number; users: UserView[] }> {
    const viewer = authorize(ctx.viewer, 'user:invite');
    if (input.directoryId && input.userIds) throw new DomainError('INVALID_INPUT', 'name either userIds or directoryId, not both', { field: 'directoryId' });
    const ids = input.directoryId ? await resendDirectoryInvites(ctx, viewer.organizationId, input.directoryId) : await resendInvites(ctx, viewer.organizationId, input.userIds ?? undefined);
    return { count: ids.length, users: await findUsersByIds(ctx.db, viewer.organizationId, ids) };
  }

  @Mutation(() => DeleteUserPayload, {
    description: 'Deletes a user with card and memberships and frees the seat. Directory-managed users: admins and owners only; manual users: editors too.',
  })
  async deleteUser(@Arg('id', () => ID, { description: 'Id of the user.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteUserPayload> {
    const viewer = authorize(ctx.viewer, 'user:delete');
    const outcome = await deleteUser(ctx, viewer.organizationId, id, (target) => assertCanDeleteUser(viewer, target));
    return { deletedUserId: id, deletedCardId: outcome.cardId, freedSeat: outcome.freedSeat };
  }

  @Mutation(() => SetUserRolePayload, { description: 'Changes a user’s role. Admins and owners; only owners grant or take away owner; nobody changes their own role.' })
  async setUserRole(@Arg('input', () => SetUserRoleInput, { description: 'User and role.' }) input: SetUserRoleInput, @Ctx() ctx: GraphQLContext): Promise<{ user: UserView }> {
    const viewer = authorize(ctx.viewer, 'user:set-role');
    const target = await requireUser(ctx, viewer.organizationId, input.userId);
    assertCanSetRole(viewer, target, input.role);
    await setUserRole(ctx, viewer.organizationId, target.id, input.role);
    return { user: await requireUser(ctx, viewer.organizationId, target.id) };
  }
}
