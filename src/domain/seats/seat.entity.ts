import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One licence seat of an organization; `userId` is null while the seat is free. */
export const Seat = defineEntity({
  name: 'Seat',
  tableName: 'seat',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    organizationId: p.uuid(),
    userId: p.uuid().nullable(),
    claimedAt: p.datetime().nullable(),
  },
});
export type Seat = InferEntity<typeof Seat>;
