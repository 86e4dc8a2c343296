/** Internal: `Directory.connection` and `Directory.seatsUsed`, batched per request (one statement each for all directories asked). */
import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { authorize } from '../../auth/permissions.js';
import { countSeatsByDirectory } from '../../domain/directories/directory-seats.js';
import { tenantUrl } from '../../domain/directories/directory.rules.js';
import { DomainError } from '../../domain/errors.js';
import { findDirectoryConnections, type DirectoryConnectionView } from '../../domain/provisioning-log/directory-connection.js';
import type { GraphQLContext } from '../context.js';
import { Directory } from './directory.type.js';
import { DirectoryConnection } from './directory-connection.type.js';

/** What these fields read of a Directory. */
interface DirectoryRoot {
  id: string;
  provider: string;
}

interface RequestLoaders {
  /** The provider of each directory asked for (the wording of its problems names the provider). */
  providerOf: Map<string, string>;
  connections: DataLoader<string, DirectoryConnectionView | undefined>;
  seats: DataLoader<string, number>;
}

/** One set per request: a context lives exactly as long as its operation. */
const perRequest = new WeakMap<GraphQLContext, RequestLoaders>();

function loadersOf(ctx: GraphQLContext, organizationId: string): RequestLoaders {
  const existing = perRequest.get(ctx);
  if (existing) return existing;
  const providerOf = new Map<string, string>();
  const wording = (directoryId: string) => {
    const provider = providerOf.get(directoryId) ?? '';
    const info = ctx.providers.find((p) => p.name === provider);
    return {
      providerName: info?.displayName ?? provider,
      credentialsLocation: info?.credentialsLocation ?? 'its provisioning settings',
      tenantUrl: tenantUrl(ctx.config.publicUrl, provider, directoryId),
    };
  };
  const loaders: RequestLoaders = {
    providerOf,
    connections: new DataLoader(async (ids) => {
      const found = await findDirectoryConnections(ctx.db, organizationId, ids, wording);
      return ids.map((id) => found.get(id));
    }),
    seats: new DataLoader(async (ids) => {
      const seats = await countSeatsByDirectory(ctx.db, organizationId, ids);
      return ids.map((id) => seats.get(id) ?? 0);
    }),
  };
  perRequest.set(ctx, loaders);
  return loaders;
}

@Resolver(() => Directory)
export class DirectoryConnectionResolver {
  @FieldResolver(() => DirectoryConnection, {
    description:
      'The connection to the provider as it stands: waiting for the first request, Test Connection seen, first user, syncing, or an error, with each problem in plain words and its fix. Staff roles only.',
  })
  async connection(@Root() directory: DirectoryRoot, @Ctx() ctx: GraphQLContext): Promise<DirectoryConnectionView> {
    const viewer = authorize(ctx.viewer, 'event:read');
    const loaders = loadersOf(ctx, viewer.organizationId);
    loaders.providerOf.set(directory.id, directory.provider);
    const connection = await loaders.connections.load(directory.id);
    if (!connection) throw new DomainError('NOT_FOUND', 'the directory no longer exists');
    return connection;
  }

  @FieldResolver(() => Int, { description: 'Seats held by the users this directory manages (its share of Organization.seats.used). Staff roles only.' })
  async seatsUsed(@Root() directory: DirectoryRoot, @Ctx() ctx: GraphQLContext): Promise<number> {
    const viewer = authorize(ctx.viewer, 'seats:read');
    return await loadersOf(ctx, viewer.organizationId).seats.load(directory.id);
  }
}
