/** Internal: inputs and payloads of the card mutations. */
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { CardStatusValue } from '../common/enums.js';
import { Card, CardFieldValues } from './card.type.js';

@InputType({ description: "The holder's changes to their own card." })
export class UpdateMyCardInput {
  @Field(() => CardFieldValues, { description: "Only fields the card's template lists in editableFields are accepted." })
  fields!: CardFieldValues;
}

@ObjectType({ description: 'Result of updateMyCard.' })
export class UpdateMyCardPayload {
  @Field(() => Card, { description: 'The card with the change.' })
  card!: object;
}

@ObjectType({ description: 'Result of deleteCard.' })
export class DeleteCardPayload {
  @Field(() => ID, { description: 'Id of the deleted card.' })
  deletedCardId!: string;

  @Field(() => ID, { description: 'The user who held it (the account and seat stay).' })
  userId!: string;
}

@InputType({ description: 'Narrows a list of cards.' })
export class CardFilterInput {
  @Field(() => String, { nullable: true, description: 'Case-insensitive text in the card’s name.' })
  text?: string;

  @Field(() => CardStatusValue, { nullable: true, description: 'Only active or suspended cards.' })
  status?: CardStatusValue;

  @Field(() => ID, { nullable: true, description: 'Only cards with this template.' })
  templateId?: string;
}
