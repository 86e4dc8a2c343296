import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The fields a card shows; derived from the user, with the holder's overrides on top. */
export interface CardFields {
  displayName?: string;
  givenName?: string;
  familyName?: string;
  title?: string;
  department?: string;
  company?: string;
  emails?: { value: string; type?: string }[];
  phones?: { value: string; type?: string }[];
  address?: { streetAddress?: string; locality?: string; region?: string; postalCode?: string; country?: string };
  photoUrl?: string;
}
export type CardStatus = 'active' | 'suspended';

/** At most one per user: the digital business card. */
export const Card = defineEntity({
  name: 'Card',
  tableName: 'card',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    organizationId: p.uuid(),
    userId: p.uuid().unique(),
    templateId: p.uuid().nullable(),
    slug: p.text().unique(),
    status: p.text().$type<CardStatus>().default('active'),
    fields: p.json<CardFields>().defaultRaw(`'{}'`),
    overrides: p.json<CardFields>().defaultRaw(`'{}'`),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Card = InferEntity<typeof Card>;
