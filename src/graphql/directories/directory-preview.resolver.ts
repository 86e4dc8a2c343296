/** Internal: Directory.mode / preview / seatForecast, Organization.seatForecast and goLiveDirectory (issue 13, item 4). */
import { Arg, Ctx, Extensions, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { authorize } from '../../auth/permissions.js';
import { requireDirectoryOf } from '../../domain/directories/directories.queries.js';
import type { DirectoryView } from '../../domain/directories/directory.table.js';
import { goLiveDirectory } from '../../domain/directories/go-live.service.js';
import { previewPlan, previewUsersPage, seatForecast, type PreviewUserRow } from '../../domain/directories/preview.queries.js';
import { directoryModeOf } from '../../domain/directories/preview.rules.js';
import { seatForecastMessage, type SeatForecast as SeatForecastFigures } from '../../domain/seats/seat-forecast.rules.js';
import { CardStatusValue } from '../common/enums.js';
import { decodeCursor, pageSize, toConnection, type ConnectionResult } from '../common/connection.js';
import type { GraphQLContext } from '../context.js';
import { Organization } from '../organization/organization.type.js';
import { Template } from '../templates/template.type.js';
import { User } from '../users/user.type.js';
import { DirectoryModeValue, DirectoryPreview, GoLiveDirectoryPayload, PreviewUser, PreviewUserConnection, SeatForecast, SeatForecastStatusValue } from './directory-preview.type.js';
import { Directory } from './directory.type.js';

const PREVIEW_USERS = 'previewUsers';

/** What the loaders give (their domain types move with the aggregates; the loaders are the one place naming them). */
type UserView = Awaited<ReturnType<GraphQLContext['loaders']['user']['load']>>;
type TemplateView = Awaited<ReturnType<GraphQLContext['loaders']['template']['load']>>;

/** The plan as GraphQL reads it; `directory` is kept for the `users` page. */
type PreviewResult = DirectoryPreview & { directory: DirectoryView };

function forecastView(forecast: SeatForecastFigures): SeatForecast {
  return { ...forecast, status: forecast.status as SeatForecastStatusValue, message: seatForecastMessage(forecast) };
}

@Resolver(() => Directory)
export class DirectoryPreviewResolver {
  @FieldResolver(() => DirectoryModeValue, { description: 'PREVIEW while the directory only shows what it would do; LIVE once it provisions (goLiveDirectory).' })
  mode(@Root() directory: DirectoryView): DirectoryModeValue {
    return directoryModeOf(directory.settings) as DirectoryModeValue;
  }

  // Two statements: the plan's figures, then the template candidates of the users without a card.
  @Extensions({ statements: 2 })
  @FieldResolver(() => DirectoryPreview, { description: 'What going live would do: users, groups, cards, seats and invites, the template per user. Staff roles.' })
  async preview(@Root() directory: DirectoryView, @Ctx() ctx: GraphQLContext): Promise<PreviewResult> {
    authorize(ctx.viewer, 'directory:read');
    const plan = await previewPlan(ctx.db, directory);
    return { ...plan, mode: plan.mode as DirectoryModeValue, seatForecast: forecastView(plan.seatForecast), directory };
  }

  @FieldResolver(() => SeatForecast, { description: 'Seats the directory’s users still need (in preview: one each) against its organization’s limit, with a warning before the first refusal. Staff roles.' })
  async seatForecast(@Root() directory: DirectoryView, @Ctx() ctx: GraphQLContext): Promise<SeatForecast> {
    authorize(ctx.viewer, 'seats:read');
    return forecastView(await seatForecast(ctx.db, directory.organizationId, directory.id));
  }

  @Mutation(() => GoLiveDirectoryPayload, {
    description: 'Takes a directory out of preview mode and applies what it stored in one transaction: claims a seat for each of its users, makes their cards with the templates their groups give them, queues invites where they are on, and makes it live. SEAT_LIMIT_REACHED (nothing changed) when the seats do not suffice, CONFLICT when it is live already. Admins and owners.',
  })
  async goLiveDirectory(@Arg('id', () => ID, { description: 'Id of the directory in preview mode.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<GoLiveDirectoryPayload> {
    const viewer = authorize(ctx.viewer, 'directory:manage');
    const result = await goLiveDirectory({ pool: ctx.pool, events: ctx.events }, viewer.organizationId, id);
    return { ...result, directory: await requireDirectoryOf(ctx.db, viewer.organizationId, id) };
  }
}

@Resolver(() => DirectoryPreview)
export class DirectoryPreviewUsersResolver {
  // Two statements: the page, then its users' template candidates.
  @Extensions({ statements: 2 })
  @FieldResolver(() => PreviewUserConnection, { description: 'The directory’s users, oldest first, each with what going live would give it.' })
  async users(
    @Root() preview: PreviewResult,
    @Arg('first', () => Int, { defaultValue: 25, description: 'Page size (1–100).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Continue after this cursor (a pageInfo.endCursor of this list); lists page forward only.' }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionResult<PreviewUserRow>> {
    const page = await previewUsersPage(ctx.db, preview.directory, { first: pageSize(first), after: decodeCursor(PREVIEW_USERS, after) });
    return toConnection(PREVIEW_USERS, page);
  }
}

@Resolver(() => PreviewUser)
export class PreviewUserResolver {
  @FieldResolver(() => CardStatusValue, { description: 'The status the card would have: SUSPENDED for a deactivated user unless the directory keeps leavers public.' })
  cardStatus(@Root() user: PreviewUserRow): CardStatusValue {
    return user.cardStatus as CardStatusValue;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user itself (null when it left the organization meanwhile).' })
  async user(@Root() user: PreviewUserRow, @Ctx() ctx: GraphQLContext): Promise<UserView | null> {
    return await ctx.loaders.user.load(user.id);
  }

  @FieldResolver(() => Template, { nullable: true, description: 'The template the card would use; null when the organization has none.' })
  async template(@Root() user: PreviewUserRow, @Ctx() ctx: GraphQLContext): Promise<TemplateView | null> {
    return user.templateId ? await ctx.loaders.template.load(user.templateId) : null;
  }
}

@Resolver(() => Organization)
export class OrganizationSeatForecastResolver {
  @FieldResolver(() => SeatForecast, { description: 'Seats the organization’s users in preview directories would claim on going live against its limit, with a warning before the first refusal (LOW while creates still succeed). Staff roles.' })
  async seatForecast(@Root() organization: { id: string }, @Ctx() ctx: GraphQLContext): Promise<SeatForecast> {
    authorize(ctx.viewer, 'seats:read');
    return forecastView(await seatForecast(ctx.db, organization.id));
  }
}
