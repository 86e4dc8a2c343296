/** Internal: inputs and payloads of the card mutations. */
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { CardStatusValue } from '../common/enums.js';
import { Card } from './card.type.js';

@InputType({ description: 'An e-mail address or phone number.' })
export class CardContactInput {
  @Field(() => String, { description: 'The address or number.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'Kind, e.g. work or mobile.' })
  type?: string;
}

@InputType({ description: 'A postal address.' })
export class CardAddressInput {
  @Field(() => String, { nullable: true, description: 'Street and number.' })
  streetAddress?: string;

  @Field(() => String, { nullable: true, description: 'City.' })
  locality?: string;

  @Field(() => String, { nullable: true, description: 'State or region.' })
  region?: string;

  @Field(() => String, { nullable: true, description: 'Postal code.' })
  postalCode?: string;

  @Field(() => String, { nullable: true, description: 'Country.' })
  country?: string;
}

@InputType({ description: 'Card values the holder sets. Omit a field to leave it; null removes the override (the directory value shows again).' })
export class CardFieldsInput {
  @Field(() => String, { nullable: true, description: 'Name shown on the card.' })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'Given name.' })
  givenName?: string | null;

  @Field(() => String, { nullable: true, description: 'Family name.' })
  familyName?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Department.' })
  department?: string | null;

  @Field(() => String, { nullable: true, description: 'Company.' })
  company?: string | null;

  @Field(() => [CardContactInput], { nullable: true, description: 'E-mail addresses (at most 10).' })
  emails?: CardContactInput[] | null;

  @Field(() => [CardContactInput], { nullable: true, description: 'Phone numbers (at most 10).' })
  phones?: CardContactInput[] | null;

  @Field(() => CardAddressInput, { nullable: true, description: 'Postal address.' })
  address?: CardAddressInput | null;

  @Field(() => String, { nullable: true, description: 'An https:// URL of a photo (other schemes are refused with BAD_USER_INPUT).' })
  photoUrl?: string | null;
}

@InputType({ description: "The holder's changes to their own card." })
export class UpdateMyCardInput {
  @Field(() => CardFieldsInput, { description: "Only fields the card's template lists in editableFields are accepted." })
  fields!: CardFieldsInput;
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
