import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CardFields } from '../cards/card.entity.js';

/**
 * The card a user of a directory in preview mode would get: its fields as the directory sent them (the same
 * `cardFieldsFromProfile` result a live create writes into `card.fields`), kept until the directory goes live and
 * the real card is made from it. One per user; deleted with the user or the directory, and at go-live.
 */
export const PreviewCard = defineEntity({
  name: 'PreviewCard',
  tableName: 'preview_card',
  properties: {
    userId: p.uuid().primary(),
    directoryId: p.uuid(),
    fields: p.json<CardFields>().defaultRaw(`'{}'`),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type PreviewCard = InferEntity<typeof PreviewCard>;
