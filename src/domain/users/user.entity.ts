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
    origin: p.string().$type<UserOrigin>(),
    userName: p.string().nullable(),
    externalId: p.string().nullable(),
    active: p.boolean().default(true),
    role: p.string().$type<Role>().default('member'),
    email: p.string().nullable(),
    displayName: p.string().nullable(),
    givenName: p.string().nullable(),
    familyName: p.string().nullable(),
    title: p.string().nullable(),
    department: p.string().nullable(),
    attributes: p.json<Record<string, unknown>>(),
    version: p.integer().default(1),
    inviteStatus: p.string().$type<InviteStatus>().default('none'),
    invitedAt: p.datetime().nullable(),
    inviteAcceptedAt: p.datetime().nullable(),
    microsoftOid: p.string().nullable(),
    /** With microsoftOid: the Microsoft account (tid + oid) the user signs in with. */
    microsoftTenantId: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type User = InferEntity<typeof User>;
