/**
 * Internal: the Card object type and its field values. A card's fields are declared once: each class is both the
 * object type a card shows (CardFieldValues, CardContact, CardAddress) and the input type a holder sends
 * (CardFieldsInput, CardContactInput, CardAddressInput).
 */
import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from 'type-graphql';
import { CardStatusValue } from '../common/enums.js';
import { connectionType } from '../common/connection.js';

@ObjectType('CardContact', { description: 'An e-mail address or phone number on a card.' })
@InputType('CardContactInput', { description: 'An e-mail address or phone number.' })
export class CardContact {
  @Field(() => String, { description: 'The address or number.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'Kind, e.g. work or mobile.' })
  type?: string | null;
}

@ObjectType('CardAddress', { description: 'A postal address on a card.' })
@InputType('CardAddressInput', { description: 'A postal address.' })
export class CardAddress {
  @Field(() => String, { nullable: true, description: 'Street and number.' })
  streetAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'City.' })
  locality?: string | null;

  @Field(() => String, { nullable: true, description: 'State or region.' })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code.' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Country.' })
  country?: string | null;
}

@ObjectType('CardFieldValues', { description: 'The values a card shows.' })
@InputType('CardFieldsInput', {
  description: 'Card values the holder sets. Omit a field to leave it; null removes the override (the directory value shows again).',
})
export class CardFieldValues {
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

  @Field(() => [CardContact], { nullable: true, description: 'E-mail addresses (a holder sets at most 10).' })
  emails?: CardContact[] | null;

  @Field(() => [CardContact], { nullable: true, description: 'Phone numbers (a holder sets at most 10).' })
  phones?: CardContact[] | null;

  @Field(() => CardAddress, { nullable: true, description: 'Postal address.' })
  address?: CardAddress | null;

  @Field(() => String, { nullable: true, description: 'URL of the photo; a holder sets only an https:// URL (other schemes are refused with BAD_USER_INPUT).' })
  photoUrl?: string | null;
}

@ObjectType({ description: "A user's digital business card (at most one per user)." })
export class Card {
  @Field(() => ID, { description: 'Id of the card.' })
  id!: string;

  @Field(() => String, { description: 'Unguessable public slug of the card URL.' })
  slug!: string;

  @Field(() => CardStatusValue, { description: 'Active cards are public; suspended ones are not.' })
  status!: CardStatusValue;

  @Field(() => CardFieldValues, { description: 'Values the holder set (only fields the template lets them edit).' })
  overrides!: CardFieldValues;

  @Field(() => Boolean, { description: 'True when the card’s user is managed by a directory.' })
  isDirectoryManaged!: boolean;

  @Field(() => GraphQLISODateTime, { description: 'When the card was created.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the card last changed.' })
  updatedAt!: Date;
}

export const CardConnection = connectionType(Card, 'Card', 'card');
