import type { Role } from '../entities/user.entity.js';
import { isUuid } from './directories.service.js';
import { run, type Queryable } from './sql.js';

/** Who a verified API token acts as, resolved against the database. */
export interface SignInResolution {
  organizationId: string;
  organizationSlug: string;
  userId?: string;
  userRole?: Role;
  /** False when `subject` is a user id that names no user of the organization (deleted), or an inactive one. */
  subjectValid: boolean;
}

/**
 * The organization named by a product token's `org` claim (its slug) and, when `subject` is the id of a user of
 * that organization, that user: one statement, so authentication adds a single round trip to a request.
 */
export async function resolveTokenSubject(db: Queryable, organizationSlug: string, subject: string): Promise<SignInResolution | null> {
  const userId = isUuid(subject) ? subject : null;
  const [row] = await run<{ id: string; slug: string; user_id: string | null; user_role: Role | null; user_active: boolean | null }>(
    db,
    `select o.id, o.slug, u.id as user_id, u.role as user_role, u.active as user_active
     from organization o left join app_user u on u.organization_id = o.id and u.id = $2::uuid
     where o.slug = $1`,
    [organizationSlug, userId],
  );
  if (!row) return null;
  return {
    organizationId: row.id,
    organizationSlug: row.slug,
    userId: row.user_id ?? undefined,
    userRole: row.user_role ?? undefined,
    subjectValid: userId === null || (row.user_id !== null && row.user_active === true),
  };
}

/** True when some organization lets users of this Entra tenant sign in with Microsoft. */
export async function isMicrosoftSignInEnabled(db: Queryable, tenantId: string): Promise<boolean> {
  const rows = await run(db, 'select 1 from organization where entra_tenant_id = $1 and microsoft_sign_in limit 1', [tenantId]);
  return rows.length > 0;
}

/**
 * The user a verified Microsoft identity maps to, in an organization of that tenant with Sign in with Microsoft
 * enabled: by `oid` first, else by e-mail (case-insensitive). A match by e-mail records the `oid`, so a later
 * change of address still signs in the same user.
 */
export async function findMicrosoftSignInUser(
  db: Queryable,
  identity: { tenantId: string; oid: string; email?: string },
): Promise<(SignInResolution & { userId: string; userRole: Role }) | null> {
  const [row] = await run<{ user_id: string; role: Role; organization_id: string; slug: string; by_oid: boolean }>(
    db,
    `select u.id as user_id, u.role, o.id as organization_id, o.slug, (u.microsoft_oid = $2) as by_oid
     from app_user u join organization o on o.id = u.organization_id
     where o.entra_tenant_id = $1 and o.microsoft_sign_in and u.active
       and (u.microsoft_oid = $2
            -- By e-mail only users the tenant itself provisioned (a directory of the organization holds them): an
            -- organization that merely names a tenant cannot pull that tenant's people in with a manual invite.
            or ($3::text is not null and u.microsoft_oid is null and u.directory_id is not null and lower(u.email) = lower($3)))
     order by (u.microsoft_oid = $2) desc nulls last, u.created_at limit 1`,
    [identity.tenantId, identity.oid, identity.email ?? null],
  );
  if (!row) return null;
  if (!row.by_oid) await run(db, 'update app_user set microsoft_oid = $2, updated_at = now() where id = $1 and microsoft_oid is null', [row.user_id, identity.oid]);
  return { organizationId: row.organization_id, organizationSlug: row.slug, userId: row.user_id, userRole: row.role, subjectValid: true };
}
