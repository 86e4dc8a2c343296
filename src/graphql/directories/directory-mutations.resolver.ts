/** Internal: directory mutations (create, rotate token, settings, delete). */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { createAuthenticator } from '../../auth/authenticate.js';
import { authorize, can } from '../../auth/permissions.js';
import type { Viewer } from '../../auth/viewer.js';
import { DomainError } from '../../domain/errors.js';
import { createDirectory, deleteDirectory, rotateDirectoryToken, updateDirectorySettings } from '../../domain/directories/directories.service.js';
import { requireDirectoryOf } from '../../domain/directories/directories.queries.js';
import { DIRECTORY_SETTING_LIMITS, tenantUrl, type DirectorySettingsChange } from '../../domain/directories/directory.rules.js';
import type { DirectoryView } from '../../domain/directories/directory.table.js';
import type { GraphQLContext } from '../context.js';
import type { DomainAssignmentTargetInput } from './directory-settings.types.js';
import {
  CreateDirectoryInput,
  CreateDirectoryPayload,
  DeleteDirectoryPayload,
  RotateDirectoryTokenInput,
  RotateDirectoryTokenPayload,
  UpdateDirectorySettingsInput,
  UpdateDirectorySettingsPayload,
} from './directory.input.js';

/**
 * Domain-assignment targets and who vouches for them. "The same owner controls" both organizations: the caller is
 * an owner of the directory's organization and, for each organization new to the list, presents a token that
 * authenticates as an owner of it (GraphQL viewers are per organization, so a second token is the proof). A token
 * that is invalid, of another organization or of a lower role proves nothing; the domain then answers FORBIDDEN
 * alike whether or not the organization exists.
 */
async function vouchedTargets(viewer: Viewer, targets: readonly DomainAssignmentTargetInput[], ctx: GraphQLContext): Promise<NonNullable<DirectorySettingsChange['domainAssignmentTargets']>> {
  if (!can(viewer, 'directory:assign-organizations')) {
    throw new DomainError('FORBIDDEN', `the ${viewer.role} role may not assign a directory’s users to other organizations; owners only`, { field: 'domainAssignmentTargets' });
  }
  if (targets.length > DIRECTORY_SETTING_LIMITS.assignmentTargets) {
    throw new DomainError('INVALID_INPUT', `a directory assigns users to at most ${DIRECTORY_SETTING_LIMITS.assignmentTargets} other organizations`, { field: 'domainAssignmentTargets' });
  }
  const ownerOf = new Set<string>();
  const proofs = targets.filter((t) => t.ownerToken);
  if (proofs.length) {
    const authenticator = createAuthenticator({ config: ctx.config, pool: ctx.pool });
    for (const target of proofs) {
      const owner = await authenticator.authenticate(`Bearer ${target.ownerToken!.trim()}`).catch(() => null);
      if (owner?.role === 'owner' && owner.organizationId === target.organizationId.trim().toLowerCase()) ownerOf.add(owner.organizationId);
    }
  }
  return { organizationIds: targets.map((t) => t.organizationId), authority: { ownerOf } };
}

@Resolver()
export class DirectoryMutationsResolver {
  @Mutation(() => CreateDirectoryPayload, { description: 'Connects a new directory; returns its Tenant URL and Secret Token (shown once). Admins and owners.' })
  async createDirectory(@Arg('input', () => CreateDirectoryInput, { description: 'The directory.' }) input: CreateDirectoryInput, @Ctx() ctx: GraphQLContext): Promise<{ directory: DirectoryView; tenantUrl: string; secretToken: string }> {
    const viewer = authorize(ctx.viewer, 'directory:manage');
    const created = await createDirectory(ctx.em, { orgSlug: viewer.organizationSlug, name: input.name, provider: input.provider.trim().toLowerCase(), settings: input.mode ? { mode: input.mode } : undefined });
    const directory = await requireDirectoryOf(ctx.db, viewer.organizationId, created.directory.id);
    return { directory, tenantUrl: tenantUrl(ctx.config.publicUrl, directory.provider, directory.id), secretToken: created.secretToken };
  }

  @Mutation(() => RotateDirectoryTokenPayload, { description: 'Issues a new Secret Token (shown once); the old one stops working at once or after overlapSeconds. Admins and owners.' })
  async rotateDirectoryToken(@Arg('input', () => RotateDirectoryTokenInput, { description: 'The directory.' }) input: RotateDirectoryTokenInput, @Ctx() ctx: GraphQLContext): Promise<{ directory: DirectoryView; secretToken: string; overlapSeconds: number }> {
    const viewer = authorize(ctx.viewer, 'directory:manage');
    await requireDirectoryOf(ctx.db, viewer.organizationId, input.directoryId);
    const rotated = await rotateDirectoryToken(ctx.pool, input.directoryId, input.overlapSeconds);
    ctx.events.emit('directory.changed', { organizationId: viewer.organizationId, directoryId: input.directoryId });
    return { directory: await requireDirectoryOf(ctx.db, viewer.organizationId, input.directoryId), secretToken: rotated.secretToken, overlapSeconds: rotated.overlapSeconds };
  }

  @Mutation(() => UpdateDirectorySettingsPayload, { description: 'Changes template, invites, domain assignment, deprovision policy, matching attribute, photo sync, provisioning log retention, custom extension schemas, Entra OAuth, default token overlap or rate limit. Admins and owners; domain-assignment targets owners only.' })
  async updateDirectorySettings(@Arg('input', () => UpdateDirectorySettingsInput, { description: 'The changes.' }) input: UpdateDirectorySettingsInput, @Ctx() ctx: GraphQLContext): Promise<{ directory: DirectoryView }> {
    const viewer = authorize(ctx.viewer, 'directory:manage');
    const { directoryId, customSchemas, domainAssignmentTargets, ...rest } = input;
    const change: DirectorySettingsChange = rest;
    if (customSchemas !== undefined) change.customSchemas = customSchemas ?? [];
    if (domainAssignmentTargets !== undefined) change.domainAssignmentTargets = await vouchedTargets(viewer, domainAssignmentTargets ?? [], ctx);
    await updateDirectorySettings(ctx.em, viewer.organizationId, directoryId, change, ctx.config.encryptionKey?.reveal());
    ctx.events.emit('directory.changed', { organizationId: viewer.organizationId, directoryId });
    return { directory: await requireDirectoryOf(ctx.db, viewer.organizationId, directoryId) };
  }

  @Mutation(() => DeleteDirectoryPayload, { description: 'Deletes a directory, its groups and log; its users stay as manual users. Owners only.' })
  async deleteDirectory(@Arg('id', () => ID, { description: 'Id of the directory.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteDirectoryPayload> {
    const viewer = authorize(ctx.viewer, 'directory:delete');
    await deleteDirectory(ctx.em, viewer.organizationId, id);
    ctx.events.emit('directory.changed', { organizationId: viewer.organizationId, directoryId: id });
    return { deletedDirectoryId: id };
  }
}
