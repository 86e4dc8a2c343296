/** Internal: `cards`, `card` and the Card fields (URLs, effective values, template, holder). */
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { authorize, can, requireViewer } from '../../auth/permissions.js';
import type { CardFields } from '../../domain/cards/card.entity.js';
import { effectiveCardFields } from '../../domain/cards/card.rules.js';
import { findCardsPage, type CardView } from '../../domain/cards/cards.queries.js';
import type { TemplateView } from '../../domain/cards/templates.service.js';
import type { UserView } from '../../domain/users/users.queries.js';
import { AFTER_DESCRIPTION, decodeCursor, pageSize, toConnection, type ConnectionResult } from '../common/connection.js';
import type { GraphQLContext } from '../context.js';
import { Template } from '../templates/template.type.js';
import { User } from '../users/user.type.js';
import { CardFilterInput } from './card.input.js';
import { Card, CardConnection, CardFieldValues } from './card.type.js';

@Resolver(() => Card)
export class CardsResolver {
  @Query(() => CardConnection, { description: "A page of the organization's cards, oldest first. Staff roles only." })
  async cards(
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–100 (another value is refused with BAD_USER_INPUT).' }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after: string | null,
    @Arg('filter', () => CardFilterInput, { nullable: true, description: 'Conditions cards must meet.' }) filter: CardFilterInput | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionResult<CardView>> {
    const viewer = authorize(ctx.viewer, 'card:read');
    const page = await findCardsPage(ctx.db, viewer.organizationId, { filter: { ...filter }, first: pageSize(first), after: decodeCursor('cards', after) });
    for (const row of page.rows) ctx.loaders.card.prime(row.id, row);
    return toConnection('cards', page);
  }

  @Query(() => Card, { nullable: true, description: 'One card; null when it is not a card of the organization. Members may read only their own.' })
  async card(@Arg('id', () => ID, { description: 'Id of the card.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<CardView | null> {
    const viewer = requireViewer(ctx.viewer);
    const card = await ctx.loaders.card.load(id);
    if (card && !can(viewer, 'card:read') && card.userId !== viewer.userId) authorize(viewer, 'card:read');
    return card;
  }

  @FieldResolver(() => String, { description: 'Public URL of the card page (`/c/<slug>`); `.vcf` and `/qr.svg` siblings exist.' })
  publicUrl(@Root() card: CardView, @Ctx() ctx: GraphQLContext): string {
    return `${ctx.config.publicUrl}/c/${card.slug}`;
  }

  @FieldResolver(() => String, { description: 'The card as a vCard download: the public URL with `.vcf`.' })
  vcardUrl(@Root() card: CardView, @Ctx() ctx: GraphQLContext): string {
    return `${ctx.config.publicUrl}/c/${card.slug}.vcf`;
  }

  @FieldResolver(() => String, { description: 'A QR code (SVG) that points at the public URL: the public URL with `/qr.svg`.' })
  qrCodeUrl(@Root() card: CardView, @Ctx() ctx: GraphQLContext): string {
    return `${ctx.config.publicUrl}/c/${card.slug}/qr.svg`;
  }

  @FieldResolver(() => CardFieldValues, { description: 'What the card shows: directory values with the holder’s overrides where the template allows editing.' })
  fields(@Root() card: CardView): CardFields {
    return effectiveCardFields(card.fields, card.overrides, card.editableFields);
  }

  @FieldResolver(() => CardFieldValues, { description: 'Values as the directory supplies them, before the holder’s overrides.' })
  directoryFields(@Root() card: CardView): CardFields {
    return card.fields;
  }

  @FieldResolver(() => Template, { nullable: true, description: 'The card’s design; null when none applies.' })
  async template(@Root() card: CardView, @Ctx() ctx: GraphQLContext): Promise<TemplateView | null> {
    return card.templateId ? await ctx.loaders.template.load(card.templateId) : null;
  }

  @FieldResolver(() => User, { description: 'The card holder.' })
  async user(@Root() card: CardView, @Ctx() ctx: GraphQLContext): Promise<UserView | null> {
    return await ctx.loaders.user.load(card.userId);
  }
}
