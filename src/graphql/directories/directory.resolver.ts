/** Internal: `directories`, `directory` and the Directory fields derived from settings and the log. */
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../../auth/permissions.js';
import { DomainError } from '../../domain/errors.js';
import { listDirectories } from '../../domain/directories/directories.queries.js';
import type { DirectoryView } from '../../domain/directories/directory.table.js';
import { tenantUrl } from '../../domain/directories/directory.rules.js';
import { keepsLeaversPublic } from '../../domain/cards/card.rules.js';
import { effectiveRetention } from '../../domain/provisioning-log/log-retention.js';
import type { ProvisioningEventView } from '../../domain/provisioning-log/provisioning-events.queries.js';
import type { RefusedRequestsView } from '../../domain/provisioning-log/refused-requests.js';
import type { TemplateView } from '../../domain/cards/templates.service.js';
import { DeprovisionPolicyValue } from '../common/enums.js';
import type { GraphQLContext } from '../context.js';
import { ProvisioningEvent } from '../provisioning-events/provisioning-event.type.js';
import { RefusedRequests } from '../provisioning-events/refused-requests.type.js';
import { Template } from '../templates/template.type.js';
import { customSettingsView } from './directory-settings.types.js';
import { Directory, DirectorySettingsType } from './directory.type.js';

const MAX_RECENT_EVENTS = 50;
const MAX_REFUSED = 500;

@Resolver(() => Directory)
export class DirectoryResolver {
  @Query(() => [Directory], { description: "The organization's directories, oldest first. Staff roles only." })
  async directories(@Ctx() ctx: GraphQLContext): Promise<DirectoryView[]> {
    const viewer = authorize(ctx.viewer, 'directory:read');
    return await listDirectories(ctx.db, viewer.organizationId);
  }

  @Query(() => Directory, { nullable: true, description: 'One directory; null when it does not exist in the organization.' })
  async directory(@Arg('id', () => ID, { description: 'Id of the directory.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<DirectoryView | null> {
    authorize(ctx.viewer, 'directory:read');
    return await ctx.loaders.directory.load(id);
  }

  @FieldResolver(() => String, { description: 'The Tenant URL to paste into the identity provider.' })
  tenantUrl(@Root() directory: DirectoryView, @Ctx() ctx: GraphQLContext): string {
    return tenantUrl(ctx.config.publicUrl, directory.provider, directory.id);
  }

  @FieldResolver(() => DirectorySettingsType, { description: 'Settings (secrets are never returned).' })
  settings(@Root() directory: DirectoryView, @Ctx() ctx: GraphQLContext): DirectorySettingsType {
    const s = directory.settings;
    const retention = effectiveRetention(s, { days: ctx.config.provisioningLog.retentionDays, maxEvents: ctx.config.provisioningLog.retentionMaxEvents });
    return {
      templateId: s.templateId ?? null,
      invitesEnabled: s.invitesEnabled ?? false,
      domainAssignment: s.domainAssignment ?? false,
      // Only an explicit keepPublic keeps leavers public; unset, legacy or unknown values read as SUSPEND (leavers.ts).
      deprovisionPolicy: keepsLeaversPublic(s.deprovisionPolicy) ? DeprovisionPolicyValue.KEEP_PUBLIC : DeprovisionPolicyValue.SUSPEND,
      matchingAttribute: (s.matchingAttribute ?? 'userName') as DirectorySettingsType['matchingAttribute'],
      photoSync: s.photoSync ? { enabled: s.photoSync.enabled, tenantId: s.photoSync.tenantId, clientId: s.photoSync.clientId, hasClientSecret: directory.hasPhotoClientSecret } : null,
      ...customSettingsView(s, ctx.config.scim.rateLimitPerSecond),
      retentionDays: s.retentionDays ?? null,
      retentionMaxEvents: s.retentionMaxEvents ?? null,
      effectiveRetentionDays: retention.days || null,
      effectiveRetentionMaxEvents: retention.maxEvents || null,
    };
  }

  @FieldResolver(() => Template, { nullable: true, description: 'The default card template of the directory’s users.' })
  async template(@Root() directory: DirectoryView, @Ctx() ctx: GraphQLContext): Promise<TemplateView | null> {
    return directory.settings.templateId ? await ctx.loaders.template.load(directory.settings.templateId) : null;
  }

  @FieldResolver(() => [ProvisioningEvent], { description: 'The latest requests of the directory, newest first.' })
  async recentEvents(
    @Root() directory: DirectoryView,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many (1–${MAX_RECENT_EVENTS}).` }) first: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProvisioningEventView[]> {
    authorize(ctx.viewer, 'event:read');
    if (!Number.isInteger(first) || first < 1 || first > MAX_RECENT_EVENTS) throw new DomainError('INVALID_INPUT', `first must be between 1 and ${MAX_RECENT_EVENTS}`, { field: 'first' });
    return await ctx.loaders.recentEvents(first).load(directory.id);
  }

  @FieldResolver(() => [RefusedRequests], {
    description: 'Requests under the Tenant URL refused before they were served (missing or wrong token, disabled directory, rate or overload limits), per minute and reason, newest first. Recorded within a few seconds.',
  })
  async refusedRequests(
    @Root() directory: DirectoryView,
    @Arg('first', () => Int, { defaultValue: 60, description: `How many counts (1–${MAX_REFUSED}).` }) first: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RefusedRequestsView[]> {
    authorize(ctx.viewer, 'event:read');
    if (!Number.isInteger(first) || first < 1 || first > MAX_REFUSED) throw new DomainError('INVALID_INPUT', `first must be between 1 and ${MAX_REFUSED}`, { field: 'first' });
    return await ctx.loaders.refusedRequests(first).load(directory.id);
  }
}
