import { EntityTable, type StoredRowOf } from '../../db/sql/entity-table.js';
import { Group, GroupMember } from './group.entity.js';

/** The group table, mapped once from its entity. */
export const groups = new EntityTable(Group, 'g', {
  scim_group_directory_display_name_unique: 'a group with this displayName already exists in this directory',
  scim_group_directory_external_id_unique: 'a group with this externalId already exists in this directory',
});

/** The memberships (`group_member`), mapped once from their entity. */
export const groupMembers = new EntityTable(GroupMember, 'gm');

/** What a directory's SCIM writes and reads see of a group (members apart). */
export const recordColumns = groups.projection(['id', 'organizationId', 'directoryId', 'displayName', 'externalId', 'attributes', 'version', 'createdAt', 'updatedAt']);
export type GroupRecord = StoredRowOf<Group, 'id' | 'organizationId' | 'directoryId' | 'displayName' | 'externalId' | 'attributes' | 'version' | 'createdAt' | 'updatedAt'> & {
  /** Present only when asked for: `excludedAttributes=members` never loads them. */
  members?: { value: string; display: string | null }[];
};

/** A group as the card product's API reads it. */
export const viewColumns = groups.projection(['id', 'organizationId', 'directoryId', 'displayName', 'externalId', 'templateId', 'templatePriority', 'createdAt', 'updatedAt']);
export type GroupView = StoredRowOf<Group, 'id' | 'organizationId' | 'directoryId' | 'displayName' | 'externalId' | 'templateId' | 'templatePriority' | 'createdAt' | 'updatedAt'> & { memberCount: number };
