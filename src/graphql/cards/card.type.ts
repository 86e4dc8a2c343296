/** Internal: the Card object type and its field values. */
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { CardStatusValue } from '../common/enums.js';
import { connectionType } from '../common/connection.js';

@ObjectType({ description: 'An e-mail address or phone number on a card.' })
export class CardContact {
  @Field(() => String, { description: 'The address or number.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'Kind, e.g. work or mobile.' })
  type?: string | null;
}

@ObjectType({ description: 'A postal address on a card.' })
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

@ObjectType({ description: 'The values a card shows.' })
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

  @Field(() => [CardContact], { nullable: true, description: 'E-mail addresses.' })
  emails?: CardContact[] | null;

  @Field(() => [CardContact], { nullable: true, description: 'Phone numbers.' })
  phones?: CardContact[] | null;

  @Field(() => CardAddress, { nullable: true, description: 'Postal address.' })
  address?: CardAddress | null;

  @Field(() => String, { nullable: true, description: 'URL of the photo.' })
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
