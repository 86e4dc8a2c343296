import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export type Role = 'owner' | 'admin' | 'editor' | 'viewer' | 'member';
export const ROLES: readonly Role[] = ['owner', 'admin', 'editor', 'viewer', 'member'];
export type UserOrigin = 'directory' | 'manual';
export type InviteStatus = 'none' | 'pending' | 'sent' | 'accepted';

/**
 * A person in an organization. `attributes` holds the directory's document as written (SCIM core and
 * extensions), so a read-back equals what the directory wrote; the columns are what queries and cards need.
 */
export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()'),
    organizationId: p.uuid(),
    directoryId: p.uuid().nullable(),
    origin: p.text().$type<UserOrigin>(),
    userName: p.text().nullable(),
    externalId: p.text().nullable(),
    active: p.boolean().default(true),
    role: p.text().$type<Role>().default('member'),
    email: p.text().nullable(),
    displayName: p.text().nullable(),
    givenName: p.text().nullable(),
    familyName: p.text().nullable(),
    title: p.text().nullable(),
    department: p.text().nullable(),
    /** SCIM `preferredLanguage` as the directory sent it: an Accept-Language value (`de-DE`, `de-DE, en;q=0.8`). */
    preferredLanguage: p.text().nullable(),
    attributes: p.json<Record<string, unknown>>().defaultRaw(`'{}'`),
    version: p.integer().default(1),
    inviteStatus: p.text().$type<InviteStatus>().default('none'),
    invitedAt: p.datetime().nullable(),
    inviteAcceptedAt: p.datetime().nullable(),
    /** When sending the invite last failed (the invite job retries; the pending-invites index leaves such users out). */
    inviteFailedAt: p.datetime().nullable(),
    /** When the photo sync last looked at this user. */
    photoCheckedAt: p.datetime().nullable(),
    /** True for the users of a directory matched by externalId (set by a trigger; makes externalId required and unique there). */
    externalIdKey: p.boolean().nullable(),
    microsoftOid: p.text().nullable(),
    /** With microsoftOid: the Microsoft account (tid + oid) the user signs in with. */
    microsoftTenantId: p.text().nullable(),
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type User = InferEntity<typeof User>;
