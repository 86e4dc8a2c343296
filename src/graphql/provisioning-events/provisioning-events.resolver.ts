/** Internal: `provisioningEvents` (connection), the live `provisioningEvents` subscription, and event fields. */
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, GraphQLISODateTime, ID, Info, InputType, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { authorize } from '../../auth/permissions.js';
import type { DirectoryView } from '../../domain/directories/directory.table.js';
import { findProvisioningEventsPage, type ProvisioningEventView } from '../../domain/provisioning-log/provisioning-events.queries.js';
import { AFTER_DESCRIPTION, decodeCursor, pageSize, selectsField, toConnection, type ConnectionResult } from '../common/connection.js';
import { EventOutcomeValue } from '../common/enums.js';
import type { GraphQLContext } from '../context.js';
import { Directory } from '../directories/directory.type.js';
import { subscribeToLiveLog } from './live-log-filter.js';
import { ProvisioningEvent, ProvisioningEventConnection } from './provisioning-event.type.js';

@InputType({ description: 'Narrows the provisioning log.' })
export class ProvisioningEventFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only requests of this directory.' })
  directoryId?: string;

  @Field(() => EventOutcomeValue, { nullable: true, description: 'Only successes or failures.' })
  outcome?: EventOutcomeValue;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only requests at or after this time.' })
  since?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only requests before this time.' })
  until?: Date;

  @Field(() => ID, { nullable: true, description: 'Only events about this user: its creation, updates, deactivation, deletion and reads by id.' })
  userId?: string;

  @Field(() => String, { nullable: true, description: 'Only events about the users with this userName (compared case-insensitively), in any directory of the organization. In a subscription it also matches users provisioned after it started.' })
  userName?: string;

  @Field(() => ID, { nullable: true, description: 'Only events about this group: its creation, renames, membership changes and deletion.' })
  groupId?: string;

  @Field(() => [Int], { nullable: true, description: 'Only events answered with one of these HTTP statuses (at most 20), e.g. [403, 409]. Requests refused before they were served (a wrong token, the rate limit) are not events: read them in Directory.refusedRequests and Directory.connection.' })
  statuses?: number[];
}

@Resolver(() => ProvisioningEvent)
export class ProvisioningEventsResolver {
  @Query(() => ProvisioningEventConnection, {
    description: 'A page of the provisioning log, newest first. Staff roles only. `totalCount` is counted only when asked for: it reads every matching event, so leave it out of page queries on a large log.',
  })
  async provisioningEvents(
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–100 (another value is refused with BAD_USER_INPUT).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Arg('filter', () => ProvisioningEventFilterInput, { nullable: true, description: 'Conditions events must meet.' }) filter: ProvisioningEventFilterInput | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionResult<ProvisioningEventView>> {
    const viewer = authorize(ctx.viewer, 'event:read');
    const page = await findProvisioningEventsPage(ctx.db, viewer.organizationId, {
      filter: { ...filter },
      first: pageSize(first),
      after: decodeCursor('events', after),
      withTotal: selectsField(info, 'totalCount'),
    });
    return toConnection('events', page);
  }

  @Subscription(() => ProvisioningEvent, {
    name: 'provisioningEvents',
    description: "Live provisioning log: every request a directory of the caller's organization makes, as it is recorded (graphql-ws on /graphql).",
    subscribe: ({ args, context }) => {
      const { directoryId, filter } = args as { directoryId?: string | null; filter?: ProvisioningEventFilterInput | null };
      return subscribeToLiveLog(context as GraphQLContext, directoryId, filter);
    },
  })
  provisioningEventsLive(
    @Root() event: ProvisioningEventView,
    @Arg('directoryId', () => ID, { nullable: true, description: 'Only requests of this directory (the same as filter.directoryId).' }) _directoryId: string | null,
    @Arg('filter', () => ProvisioningEventFilterInput, { nullable: true, description: 'Conditions events must meet, as in the provisioningEvents query.' }) _filter: ProvisioningEventFilterInput | null,
  ): ProvisioningEventView {
    return event;
  }

  @FieldResolver(() => Directory, { nullable: true, description: 'The directory that made the request.' })
  async directory(@Root() event: ProvisioningEventView, @Ctx() ctx: GraphQLContext): Promise<DirectoryView | null> {
    return await ctx.loaders.directory.load(event.directoryId);
  }
}
