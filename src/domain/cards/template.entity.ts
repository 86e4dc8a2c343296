import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A card design: which fields a card shows, which ones the holder may edit, colours and logo. */
export const Template = defineEntity({
  name: 'Template',
  tableName: 'template',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    organizationId: p.uuid(),
    name: p.text(),
    fieldsShown: p.json<string[]>().defaultRaw(`'["photo","title","department","company","emails","phones","address"]'`),
    editableFields: p.json<string[]>().defaultRaw(`'[]'`),
    primaryColor: p.text().default('#1f3a5f'),
    accentColor: p.text().default('#2f80ed'),
    logoUrl: p.text().nullable(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Template = InferEntity<typeof Template>;
