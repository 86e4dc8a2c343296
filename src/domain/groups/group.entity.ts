import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A directory-scoped group; may select a card template with a priority. Members live in `group_member`. */
export const Group = defineEntity({
  name: 'Group',
  tableName: 'scim_group',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    organizationId: p.uuid(),
    directoryId: p.uuid(),
    displayName: p.text(),
    externalId: p.text().nullable(),
    attributes: p.json<Record<string, unknown>>().defaultRaw(`'{}'`),
    templateId: p.uuid().nullable(),
    templatePriority: p.integer().default(0),
    /** The row's own stamp, from the event id sequence (see group-version.ts): the version is the newest of it and the group's write events. */
    version: p.bigint('number').default(1),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Group = InferEntity<typeof Group>;

/** A user's membership in a group. Changed only by set-based SQL (never load-modify-store of a member list). */
export const GroupMember = defineEntity({
  name: 'GroupMember',
  tableName: 'group_member',
  properties: {
    groupId: p.uuid().primary(),
    userId: p.uuid().primary(),
    addedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
});
export type GroupMember = InferEntity<typeof GroupMember>;
