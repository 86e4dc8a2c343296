/** Internal: updateOrganization. Which role may change which setting is decided in auth/permissions. */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { microsoftSignInFor } from '../../auth/microsoft-sign-in.js';
import { assertCanUpdateOrganization, type OrganizationSetting } from '../../auth/permissions.js';
import { DomainError } from '../../domain/errors.js';
import { organizationChange, validateOrganizationChange, type TenantProof } from '../../domain/organizations/organization.rules.js';
import { updateOrganization } from '../../domain/organizations/organizations.service.js';
import { findOrganization } from '../../domain/organizations/organizations.queries.js';
import type { OrganizationView } from '../../domain/organizations/organization.table.js';
import type { GraphQLContext } from '../context.js';
import { UpdateOrganizationInput, UpdateOrganizationPayload } from './organization.input.js';

@Resolver()
export class OrganizationMutationsResolver {
  @Mutation(() => UpdateOrganizationPayload, {
    description:
      'Changes the organization: name and e-mail domains (admins and owners); seat limit and Sign in with Microsoft (owners only). Connecting an Entra tenant needs entraTenantProof from it.',
  })
  async updateOrganization(@Arg('input', () => UpdateOrganizationInput, { description: 'The changes.' }) input: UpdateOrganizationInput, @Ctx() ctx: GraphQLContext): Promise<{ organization: OrganizationView }> {
    const change = organizationChange(input);
    const settings = Object.keys(change) as OrganizationSetting[];
    if (input.entraTenantProof != null) settings.push('entraTenantProof');
    const viewer = assertCanUpdateOrganization(ctx.viewer, settings);
    let proof: TenantProof | undefined;
    if (input.entraTenantProof != null) {
      if (change.entraTenantId === null) throw new DomainError('INVALID_INPUT', 'entraTenantProof connects a tenant; it cannot go with entraTenantId: null', { field: 'entraTenantProof' });
      validateOrganizationChange(change);
      // Verified before any lookup of who holds the tenant, so neither the answer nor its timing depends on that.
      proof = await microsoftSignInFor(ctx.config.auth).verifyTenantAdmin(input.entraTenantProof);
      change.entraTenantId ??= proof.tenantId;
    }
    await updateOrganization(ctx.em, viewer.organizationId, change, proof);
    const organization = await findOrganization(ctx.db, viewer.organizationId);
    if (!organization) throw new DomainError('NOT_FOUND', 'the organization no longer exists');
    return { organization };
  }
}
