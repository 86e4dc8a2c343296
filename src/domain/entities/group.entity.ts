import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A directory-scoped group; may select a card template with a priority. Members live in `group_member`. */
export const Group = defineEntity({
  name: 'Group',
  tableName: 'scim_group',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    organizationId: p.uuid(),
    directoryId: p.uuid(),
    displayName: p.string(),
    externalId: p.string().nullable(),
    attributes: p.json<Record<string, unknown>>(),
    templateId: p.uuid().nullable(),
    templatePriority: p.integer().default(0),
    version: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
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
    addedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type GroupMember = InferEntity<typeof GroupMember>;
