/**
 * Internal: the one place that decides what each role may read and change (issue 5, "Authorization").
 * Resolvers and services ask here; nothing else compares roles.
 */
import { ROLES, type Role } from '../domain/users/user.entity.js';
import { DomainError } from '../domain/errors.js';
import type { Viewer } from './viewer.js';

export type Permission =
  | 'organization:read'
  | 'organization:update'
  | 'seats:read'
  | 'seats:manage'
  | 'sign-in:manage'
  | 'directory:read'
  | 'directory:manage'
  | 'directory:delete'
  /** Sending a directory's users into other organizations by e-mail domain (domain-assignment targets). */
  | 'directory:assign-organizations'
  | 'user:read'
  | 'user:invite'
  | 'user:delete'
  | 'user:set-role'
  | 'card:read'
  | 'card:delete'
  | 'card:edit-own'
  | 'template:read'
  | 'template:manage'
  | 'group:read'
  | 'group:manage'
  | 'event:read'
  /** Creating a single-use link into the admin portal (issue 13). */
  | 'portal:link';

/** Staff roles read everything of their organization except secrets. */
const STAFF_READ: Permission[] = ['organization:read', 'seats:read', 'directory:read', 'user:read', 'card:read', 'template:read', 'group:read', 'event:read', 'card:edit-own'];

/** What each role may do. `user:delete` / `card:delete` are further limited by {@link assertCanDeleteManaged}. */
export const GRANTS = {
  owner: [...STAFF_READ, 'organization:update', 'seats:manage', 'sign-in:manage', 'directory:manage', 'directory:delete', 'directory:assign-organizations', 'user:invite', 'user:delete', 'user:set-role', 'card:delete', 'template:manage', 'group:manage', 'portal:link'],
  admin: [...STAFF_READ, 'organization:update', 'directory:manage', 'user:invite', 'user:delete', 'user:set-role', 'card:delete', 'template:manage', 'group:manage', 'portal:link'],
  editor: [...STAFF_READ, 'user:delete', 'card:delete', 'template:manage', 'group:manage'],
  viewer: [...STAFF_READ],
  member: ['organization:read', 'template:read', 'card:edit-own'],
} as const satisfies Record<Role, readonly Permission[]>;

/** Roles from most to least powerful; member (a card holder) ranks last. */
export const RANK: Record<Role, number> = { owner: 4, admin: 3, editor: 2, viewer: 1, member: 0 };

/** The viewer, or UNAUTHENTICATED when the request carries no token. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new DomainError('UNAUTHENTICATED', 'sign in first: send "Authorization: Bearer <token>"');
  return viewer;
}

export function can(viewer: Viewer, permission: Permission): boolean {
  return (GRANTS[viewer.role] as readonly Permission[]).includes(permission);
}

/** The viewer when it holds `permission`; UNAUTHENTICATED without a token, FORBIDDEN without the permission. */
export function authorize(viewer: Viewer | null, permission: Permission): Viewer {
  const signedIn = requireViewer(viewer);
  if (!can(signedIn, permission)) throw new DomainError('FORBIDDEN', `the ${signedIn.role} role may not ${describe(permission)}`);
  return signedIn;
}

/** True when the viewer may read a user: staff read everyone in the organization, members only themselves. */
export function canReadUser(viewer: Viewer, userId: string): boolean {
  return can(viewer, 'user:read') || viewer.userId === userId;
}

/** The id of the viewer's own user; FORBIDDEN for service tokens that belong to nobody. */
export function requireOwnUser(viewer: Viewer): string {
  if (!viewer.userId) throw new DomainError('FORBIDDEN', 'this token does not belong to a user of the organization');
  return viewer.userId;
}

/**
 * Viewers and editors may not delete directory-managed users or cards; admins and owners may
 * (the directory may provision the user again on its next cycle).
 */
function assertCanDeleteManaged(viewer: Viewer, what: 'user' | 'card', isDirectoryManaged: boolean): void {
  authorize(viewer, what === 'user' ? 'user:delete' : 'card:delete');
  if (isDirectoryManaged && RANK[viewer.role] < RANK.admin) {
    throw new DomainError('FORBIDDEN', `this ${what} is managed by a directory; only admins and owners may delete it`);
  }
}

/** Deleting a user: rule 6, plus nobody deletes themselves and only owners delete owners. */
export function assertCanDeleteUser(viewer: Viewer, target: { id: string; role: Role; isDirectoryManaged: boolean }): void {
  assertCanDeleteManaged(viewer, 'user', target.isDirectoryManaged);
  if (target.id === viewer.userId) throw new DomainError('FORBIDDEN', 'you cannot delete yourself');
  if (target.role === 'owner' && viewer.role !== 'owner') throw new DomainError('FORBIDDEN', 'only owners may delete an owner');
  if (RANK[target.role] > RANK[viewer.role]) throw new DomainError('FORBIDDEN', `the ${viewer.role} role may not delete a user with the ${target.role} role`);
}

/** Deleting a card: rule 6. */
export function assertCanDeleteCard(viewer: Viewer, card: { isDirectoryManaged: boolean }): void {
  assertCanDeleteManaged(viewer, 'card', card.isDirectoryManaged);
}

/**
 * Role changes: admins and owners only; nobody changes their own role (no lock-out by accident); only owners
 * grant or take away the owner role.
 */
export function assertCanSetRole(viewer: Viewer, target: { id: string; role: Role }, role: Role): void {
  authorize(viewer, 'user:set-role');
  if (!ROLES.includes(role)) throw new DomainError('INVALID_INPUT', `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
  if (viewer.userId === target.id) throw new DomainError('FORBIDDEN', 'you cannot change your own role; ask another admin or owner');
  if ((target.role === 'owner' || role === 'owner') && viewer.role !== 'owner') {
    throw new DomainError('FORBIDDEN', 'only owners may grant or take away the owner role');
  }
}

/** The permission each setting of `updateOrganization` needs: admins rename and set domains; the licence and sign-in are the owner's. */
const ORGANIZATION_SETTINGS = {
  name: 'organization:update',
  emailDomains: 'organization:update',
  seatLimit: 'seats:manage',
  microsoftSignIn: 'sign-in:manage',
  entraTenantId: 'sign-in:manage',
  entraTenantProof: 'sign-in:manage',
} as const satisfies Record<string, Permission>;

export type OrganizationSetting = keyof typeof ORGANIZATION_SETTINGS;

/** Changing organization settings: `organization:update` for any change, plus each setting's own permission (FORBIDDEN names the field). */
export function assertCanUpdateOrganization(viewer: Viewer | null, settings: readonly OrganizationSetting[]): Viewer {
  const signedIn = authorize(viewer, 'organization:update');
  for (const setting of settings) {
    const permission = ORGANIZATION_SETTINGS[setting];
    if (!can(signedIn, permission)) throw new DomainError('FORBIDDEN', `the ${signedIn.role} role may not ${describe(permission)}`, { field: setting });
  }
  return signedIn;
}

/** What a refusal says the caller tried to do. */
const ACTIONS: Record<Permission, string> = {
  'organization:read': 'read the organization',
  'organization:update': "change the organization's name or e-mail domains",
  'seats:read': 'read seat usage',
  'seats:manage': 'change the seat limit',
  'sign-in:manage': 'change Sign in with Microsoft',
  'directory:read': 'read directories',
  'directory:manage': 'manage directories',
  'directory:delete': 'delete directories',
  'directory:assign-organizations': 'assign a directory’s users to other organizations',
  'user:read': 'read users',
  'user:invite': 'invite users',
  'user:delete': 'delete users',
  'user:set-role': 'change roles',
  'card:read': 'read cards',
  'card:delete': 'delete cards',
  'card:edit-own': 'edit a card',
  'template:read': 'read templates',
  'template:manage': 'manage templates',
  'group:read': 'read groups',
  'group:manage': 'manage group template rules',
  'event:read': 'read the provisioning log',
  'portal:link': 'create admin portal links',
};

function describe(permission: Permission): string {
  return ACTIONS[permission];
}
