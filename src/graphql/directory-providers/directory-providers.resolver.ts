/** Internal: `directoryProviders` and `Directory.providerDetails`, from the host's plain provider data. */
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../../auth/permissions.js';
import type { DirectoryView } from '../../domain/directories/directory.table.js';
import { providerLogoPath, type DirectoryProviderInfo } from '../../host/host-deps.js';
import { MatchingAttributeValue } from '../common/enums.js';
import type { GraphQLContext } from '../context.js';
import { Directory } from '../directories/directory.type.js';
import { DirectoryProvider, SetupPlaceholderValue } from './directory-provider.type.js';

function toGraphQL(provider: DirectoryProviderInfo, publicUrl: string): DirectoryProvider {
  return {
    name: provider.name,
    version: provider.version,
    displayName: provider.displayName,
    description: provider.description,
    logoUrl: provider.logoSvg ? `${publicUrl}${providerLogoPath(provider.name)}` : null,
    docsUrl: provider.docsUrl,
    credentialsLocation: provider.credentialsLocation,
    setupSteps: provider.setupSteps.map((step) => ({ ...step, values: step.values.map((v) => ({ label: v.label, placeholder: v.placeholder as SetupPlaceholderValue })) })),
    matchingAttributes: provider.matchingAttributes.map((c) => ({ ...c, attribute: c.attribute as MatchingAttributeValue })),
    supportsOAuth: provider.supportsOAuth,
  };
}

@Resolver(() => Directory)
export class DirectoryProvidersResolver {
  @Query(() => [DirectoryProvider], {
    description: 'The identity providers directories can connect from: every installed provider plugin, in the order the server loads them, with its setup steps. Staff roles only.',
  })
  directoryProviders(@Ctx() ctx: GraphQLContext): DirectoryProvider[] {
    authorize(ctx.viewer, 'directory:read');
    return ctx.providers.map((provider) => toGraphQL(provider, ctx.config.publicUrl));
  }

  @FieldResolver(() => DirectoryProvider, { nullable: true, description: 'The directory’s provider with its setup steps. Null when its plugin is no longer installed.' })
  providerDetails(@Root() directory: DirectoryView, @Ctx() ctx: GraphQLContext): DirectoryProvider | null {
    const provider = ctx.providers.find((p) => p.name === directory.provider);
    return provider ? toGraphQL(provider, ctx.config.publicUrl) : null;
  }
}
