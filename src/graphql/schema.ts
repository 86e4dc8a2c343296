/** Internal: the type-graphql schema, built once per process from the resolver classes. */
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { CardMutationsResolver } from './cards/card-mutations.resolver.js';
import { CardsResolver } from './cards/cards.resolver.js';
import { DirectoryConnectionResolver } from './directories/directory-connection.resolver.js';
import { DirectoryMutationsResolver } from './directories/directory-mutations.resolver.js';
import { DirectoryPreviewResolver, DirectoryPreviewUsersResolver, OrganizationSeatForecastResolver, PreviewUserResolver } from './directories/directory-preview.resolver.js';
import { DirectoryResolver } from './directories/directory.resolver.js';
import { DirectoryProvidersResolver } from './directory-providers/directory-providers.resolver.js';
import { GroupsResolver } from './groups/groups.resolver.js';
import { OrganizationMutationsResolver } from './organization/organization-mutations.resolver.js';
import { OrganizationResolver } from './organization/organization.resolver.js';
import { PortalLinkResolver } from './portal/portal-link.resolver.js';
import { EventExchangeResolver } from './provisioning-events/event-exchange.resolver.js';
import { ProvisioningEventsResolver } from './provisioning-events/provisioning-events.resolver.js';
import { TemplatesResolver } from './templates/templates.resolver.js';
import { UserFieldsResolver } from './users/user-fields.resolver.js';
import { UserMutationsResolver } from './users/user-mutations.resolver.js';
import { UsersResolver } from './users/users.resolver.js';
import { ViewerResolver } from './viewer/viewer.resolver.js';

const RESOLVERS = [
  ViewerResolver,
  OrganizationResolver,
  OrganizationMutationsResolver,
  DirectoryResolver,
  DirectoryMutationsResolver,
  DirectoryPreviewResolver,
  DirectoryPreviewUsersResolver,
  PreviewUserResolver,
  OrganizationSeatForecastResolver,
  DirectoryProvidersResolver,
  DirectoryConnectionResolver,
  UsersResolver,
  UserFieldsResolver,
  UserMutationsResolver,
  GroupsResolver,
  CardsResolver,
  CardMutationsResolver,
  TemplatesResolver,
  ProvisioningEventsResolver,
  EventExchangeResolver,
  PortalLinkResolver,
] as const;

/**
 * type-graphql insists on a PubSub once a subscription exists, even when every subscription brings its own
 * `subscribe`. Ours do (PostgreSQL LISTEN/NOTIFY, see subscriptions/event-feed.ts); in-memory topics would break
 * with several instances, so this one refuses to be used.
 */
const NO_IN_MEMORY_TOPICS: PubSub = {
  publish() {
    throw new Error('in-memory topics are not used: subscriptions are fed by PostgreSQL notifications');
  },
  subscribe() {
    throw new Error('in-memory topics are not used: subscriptions are fed by PostgreSQL notifications');
  },
};

let built: Promise<GraphQLSchema> | undefined;

/** type-graphql leaves the root types undescribed; the public contract describes every type. */
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) query.description = "Reads of the caller's organization. Every field needs a token (Authorization: Bearer …).";
  if (mutation) mutation.description = "Changes to the caller's organization; each returns a payload type.";
  if (subscription) subscription.description = 'Live updates over graphql-ws on /graphql (token in connectionParams.authorization).';
  // graphql-scalars' wording lacks a space between two of its sentences.
  const dateTime = schema.getType('DateTimeISO');
  if (dateTime) dateTime.description = 'A date and time at UTC as an ISO 8601 string (RFC 3339 date-time), such as 2007-12-03T10:15:30Z; inputs are parsed from the same format.';
  return schema;
}

/** The schema (validation is done by the domain services, with messages naming the field). */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: RESOLVERS, validate: false, emitSchemaFile: false, pubSub: NO_IN_MEMORY_TOPICS }).then(describeRootTypes);
  return built;
}
