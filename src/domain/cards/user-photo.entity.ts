import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A profile photo fetched from the directory (e.g. Microsoft Graph). */
export const UserPhoto = defineEntity({
  name: 'UserPhoto',
  tableName: 'user_photo',
  properties: {
    userId: p.uuid().primary(),
    contentType: p.text(),
    data: p.type('blob').lazy(),
    fetchedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export type UserPhoto = InferEntity<typeof UserPhoto>;
