/** Internal: `updateMyCard` (the holder) and `deleteCard`. */
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { assertCanDeleteCard, authorize, requireOwnUser } from '../../auth/permissions.js';
import { DomainError } from '../../domain/errors.js';
import { deleteCard, updateMyCard, type CardFieldsChange } from '../../domain/cards/card-edits.service.js';
import { findCardsByIds, type CardView } from '../../domain/cards/cards.queries.js';
import type { GraphQLContext } from '../context.js';
import { DeleteCardPayload, UpdateMyCardInput, UpdateMyCardPayload } from './card.input.js';

/** Plain values of the input (without absent fields), as the domain stores them. */
function changeOf(input: UpdateMyCardInput): CardFieldsChange {
  return JSON.parse(JSON.stringify(input.fields)) as CardFieldsChange;
}

async function requireCard(ctx: GraphQLContext, organizationId: string, id: string): Promise<CardView> {
  const [card] = await findCardsByIds(ctx.db, organizationId, [id]);
  if (!card) throw new DomainError('NOT_FOUND', `card ${id} not found`);
  return card;
}

@Resolver()
export class CardMutationsResolver {
  @Mutation(() => UpdateMyCardPayload, { description: "The signed-in user edits their own card: only the template's editable fields." })
  async updateMyCard(@Arg('input', () => UpdateMyCardInput, { description: 'The changes.' }) input: UpdateMyCardInput, @Ctx() ctx: GraphQLContext): Promise<{ card: CardView }> {
    const viewer = authorize(ctx.viewer, 'card:edit-own');
    const cardId = await updateMyCard(ctx.pool, viewer.organizationId, requireOwnUser(viewer), changeOf(input));
    return { card: await requireCard(ctx, viewer.organizationId, cardId) };
  }

  @Mutation(() => DeleteCardPayload, { description: 'Deletes a card; the user keeps account and seat. Cards of directory-managed users: admins and owners only.' })
  async deleteCard(@Arg('id', () => ID, { description: 'Id of the card.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteCardPayload> {
    const viewer = authorize(ctx.viewer, 'card:delete');
    assertCanDeleteCard(viewer, await requireCard(ctx, viewer.organizationId, id));
    const { userId } = await deleteCard(ctx, viewer.organizationId, id);
    return { deletedCardId: id, userId };
  }
}
