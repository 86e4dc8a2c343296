/** The users table (`app_user`), described once by its entity: the projections its statements read and their row types. */
import { EntityTable, type StoredRowOf } from '../../db/sql/entity-table.js';
import { User } from './user.entity.js';

export const users = new EntityTable(User, 'u', {
  app_user_directory_user_name_unique: 'a user with this userName already exists in this directory',
  app_user_directory_external_id_unique: 'a user with this externalId already exists in this directory',
  app_user_external_id_required: {
    message: 'externalId is required: this directory matches users by externalId (its matching attribute)',
    field: 'externalId',
  },
});

const RECORD = ['id', 'organizationId', 'directoryId', 'userName', 'externalId', 'active', 'attributes', 'version', 'createdAt', 'updatedAt'] as const;

/** The columns of a user as its directory reads it (SCIM), under the entity's property names. */
export const recordColumns = users.projection(RECORD);
/** The same columns unqualified: the `returning` list of a write. */
export const recordReturning = users.projection(RECORD, { qualified: false });

/**
 * A user as its directory reads it. A directory's users always have a directory and a userName (the columns are
 * nullable for manually invited users, which no directory reads).
 */
export type UserRecord = Omit<StoredRowOf<User, (typeof RECORD)[number]>, 'directoryId' | 'userName'> & {
  directoryId: string;
  userName: string;
  groups?: { value: string; display: string }[];
};

const VIEW = [
  'id', 'organizationId', 'directoryId', 'origin', 'userName', 'email', 'displayName', 'givenName', 'familyName',
  'title', 'department', 'preferredLanguage', 'active', 'role', 'inviteStatus', 'invitedAt', 'createdAt', 'updatedAt',
] as const;

/** The columns of a user as the card product's API reads it. */
export const viewColumns = users.projection(VIEW);

/** A user as the card product's API reads it. */
export type UserView = StoredRowOf<User, (typeof VIEW)[number]>;

/**
 * The columns a directory's write sets, computed from what it sent (see users.rules.ts): the directory's document
 * (`attributes`) and the profile columns queries and invites use. The one list of them: each write's insert columns,
 * values and set lists (user-writes.ts) and {@link UserColumnsWrite} are derived from it.
 */
export const WRITTEN = ['userName', 'externalId', 'active', 'email', 'displayName', 'givenName', 'familyName', 'title', 'department', 'preferredLanguage', 'attributes'] as const;

/** The values of {@link WRITTEN}, under the entity's property names (a directory's user always has a userName). */
export type UserColumnsWrite = StoredRowOf<User, (typeof WRITTEN)[number]> & {
  userName: string;
};
