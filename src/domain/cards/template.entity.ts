import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A card design: which fields a card shows, which ones the holder may edit, colours and logo. */
export const Template = defineEntity({
  name: 'Template',
  tableName: 'template',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    organizationId: p.uuid(),
    name: p.string(),
    fieldsShown: p.json<string[]>(),
    editableFields: p.json<string[]>(),
    primaryColor: p.string(),
    accentColor: p.string(),
    logoUrl: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Template = InferEntity<typeof Template>;
