/** Internal: directory mutations (create, rotate token, settings, delete). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { authorize } from '../../auth/permissions.js';
import { deleteDirectory, requireDirectoryOf, updateDirectorySettings, type DirectoryView } from '../../domain/services/directories.admin.js';
import { createDirectory, rotateDirectoryToken, tenantUrl } from '../../domain/services/directories.service.js';
import type { GraphQLContext } from '../context.js';
import {
  CreateDirectoryInput,
  CreateDirectoryPayload,
  DeleteDirectoryPayload,
  RotateDirectoryTokenInput,
  RotateDirectoryTokenPayload,
  UpdateDirectorySettingsInput,
  UpdateDirectorySettingsPayload,
} from './directory.input.js';

@Resolver()
export class DirectoryMutationsResolver {
  @Mutation(() => CreateDirectoryPayload, { description: 'Connects a new directory; returns its Tenant URL and Secret Token (shown once). Admins and owners.' })
  async createDirectory(@Arg('input', () => CreateDirectoryInput, { description: 'The directory.' }) input: CreateDirectoryInput, @Ctx() ctx: GraphQLContext): Promise<{ directory: DirectoryView; tenantUrl: string; secretToken: string }> {
    const viewer = authorize(ctx.viewer, 'directory:manage');
    const created = await createDirectory(ctx.pool, { orgSlug: viewer.organizationSlug, name: input.name, provider: input.provider.trim().toLowerCase() });
    const directory = await requireDirectoryOf(ctx.db, viewer.organizationId, created.directory.id);
    return { directory, tenantUrl: tenantUrl(ctx.config.publicUrl, directory.provider, directory.id), secretToken: created.secretToken };
  }

  @Mutation(() => RotateDirectoryTokenPayload, { description: 'Issues a new Secret Token (shown once); the old one stops working at once or after overlapSeconds. Admins and owners.' })
  async rotateDirectoryToken(@Arg('input', () => RotateDirectoryTokenInput, { description: 'The directory.' }) input: RotateDirectoryTokenInput, @Ctx() ctx: GraphQLContext): Promise<{ directory: DirectoryView; secretToken: string }> {
    const viewer = authorize(ctx.viewer, 'directory:manage');
    await requireDirectoryOf(ctx.db, viewer.organizationId, input.directoryId);
    const rotated = await rotateDirectoryToken(ctx.pool, input.directoryId, input.overlapSeconds);
    return { directory: await requireDirectoryOf(ctx.db, viewer.organizationId, input.directoryId), secretToken: rotated.secretToken };
  }

  @Mutation(() => UpdateDirectorySettingsPayload, { description: 'Changes template, invites, domain assignment, deprovision policy, matching attribute, photo sync or provisioning log retention. Admins and owners.' })
  async updateDirectorySettings(@Arg('input', () => UpdateDirectorySettingsInput, { description: 'The changes.' }) input: UpdateDirectorySettingsInput, @Ctx() ctx: GraphQLContext): Promise<{ directory: DirectoryView }> {
    const viewer = authorize(ctx.viewer, 'directory:manage');
    const { directoryId, ...change } = input;
    await updateDirectorySettings(ctx.pool, viewer.organizationId, directoryId, change, ctx.config.encryptionKey?.reveal());
    return { directory: await requireDirectoryOf(ctx.db, viewer.organizationId, directoryId) };
  }

  @Mutation(() => DeleteDirectoryPayload, { description: 'Deletes a directory, its groups and log; its users stay as manual users. Owners only.' })
  async deleteDirectory(@Arg('id', () => ID, { description: 'Id of the directory.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteDirectoryPayload> {
    const viewer = authorize(ctx.viewer, 'directory:delete');
    await deleteDirectory(ctx.pool, viewer.organizationId, id);
    return { deletedDirectoryId: id };
  }
}
