/** Internal: updateOrganization. Which role may change which setting is decided in auth/permissions. */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { assertCanUpdateOrganization, type OrganizationSetting } from '../../auth/permissions.js';
import { DomainError } from '../../domain/errors.js';
import { organizationChange, updateOrganization } from '../../domain/services/organization.admin.js';
import { findOrganization, type OrganizationView } from '../../domain/services/organization.queries.js';
import type { GraphQLContext } from '../context.js';
import { UpdateOrganizationInput, UpdateOrganizationPayload } from './organization.input.js';

@Resolver()
export class OrganizationMutationsResolver {
  @Mutation(() => UpdateOrganizationPayload, {
    description: 'Changes the organization: name and e-mail domains (admins and owners); seat limit and Sign in with Microsoft (owners only).',
  })
  async updateOrganization(@Arg('input', () => UpdateOrganizationInput, { description: 'The changes.' }) input: UpdateOrganizationInput, @Ctx() ctx: GraphQLContext): Promise<{ organization: OrganizationView }> {
    const change = organizationChange(input);
    const viewer = assertCanUpdateOrganization(ctx.viewer, Object.keys(change) as OrganizationSetting[]);
    await updateOrganization(ctx.pool, viewer.organizationId, change);
    const organization = await findOrganization(ctx.db, viewer.organizationId);
    if (!organization) throw new DomainError('NOT_FOUND', 'the organization no longer exists');
    return { organization };
  }
}
