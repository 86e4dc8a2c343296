import type { Pool } from 'pg';
import type { Role } from '../users/user.entity.js';
import { isUuid } from '../ids.js';
import { announceSignInEvent, recordSignInEvent } from '../provisioning-log/sign-in-events.js';
import { execute, inTransaction, type Queryable } from '../../db/sql/run.js';
import { sql, statement } from '../../db/sql/fragment.js';

/** Who a verified API token acts as, resolved against the database. */
export interface SignInResolution {
  organizationId: string;
  organizationSlug: string;
  userId?: string;
  userRole?: Role;
  /** False when `subject` is a user id that names no user of the organization (deleted), or an inactive one. */
  subjectValid: boolean;
}

type TokenSubject = { organizationSlug: string; userId: string | null };
const tokenSubject = statement<TokenSubject>(
  (p) => sql`select o.id, o.slug, u.id as user_id, u.role as user_role, u.active as user_active
     from organization o left join app_user u on u.organization_id = o.id and u.id = ${p.userId}::uuid
     where o.slug = ${p.organizationSlug}`,
);

/**
 * The organization named by a product token's `org` claim (its slug) and, when `subject` is the id of a user of
 * that organization, that user: one statement, so authentication adds a single round trip to a request.
 */
export async function resolveTokenSubject(db: Queryable, organizationSlug: string, subject: string): Promise<SignInResolution | null> {
  const userId = isUuid(subject) ? subject : null;
  const [row] = await execute<TokenSubject, { id: string; slug: string; user_id: string | null; user_role: Role | null; user_active: boolean | null }>(db, tokenSubject, { organizationSlug, userId });
  if (!row) return null;
  return {
    organizationId: row.id,
    organizationSlug: row.slug,
    userId: row.user_id ?? undefined,
    userRole: row.user_role ?? undefined,
    subjectValid: userId === null || (row.user_id !== null && row.user_active === true),
  };
}

const signInEnabled = statement<{ tenantId: string }>((p) => sql`select 1 from organization where lower(entra_tenant_id) = lower(${p.tenantId}) and microsoft_sign_in limit 1`);

/** True when some organization lets users of this Entra tenant sign in with Microsoft. */
export async function isMicrosoftSignInEnabled(db: Queryable, tenantId: string): Promise<boolean> {
  const rows = await execute(db, signInEnabled, { tenantId });
  return rows.length > 0;
}

/**
 * A verified Microsoft account, reduced to what its tenant vouches for (auth/microsoft-sign-in builds it).
 * `tenantId` + `oid` are immutable and unique; the UPN is tenant-controlled for members; an e-mail only counts
 * when Microsoft marks its domain verified (`xms_edov`). The raw `email` claim never binds (the "nOAuth" pattern).
 */
export interface MicrosoftAccount {
  tenantId: string;
  oid: string;
  /** A guest (B2B, or another identity provider): its UPN is not the tenant's. */
  guest: boolean;
  /** The user principal name, for members of the tenant only. */
  userPrincipalName?: string;
  /** The e-mail, only when its domain's owner is verified. */
  verifiedEmail?: string;
}

type SignedInUser = SignInResolution & { userId: string; userRole: Role };

interface UserRow {
  user_id: string;
  role: Role;
  organization_id: string;
  slug: string;
}

const boundUser = statement<{ tenantId: string; oid: string }>(
  (p) => sql`select u.id as user_id, u.role, o.id as organization_id, o.slug
     from organization o join app_user u on u.organization_id = o.id
     where lower(o.entra_tenant_id) = lower(${p.tenantId}) and o.microsoft_sign_in
       and u.microsoft_oid = ${p.oid} and lower(u.microsoft_tenant_id) = lower(${p.tenantId}) and u.active`,
);

/**
 * The user a verified Microsoft account signs in as, in the organization that holds its tenant with Sign in with
 * Microsoft on; null when there is none.
 *
 * A user bound to a Microsoft account (tid + oid) signs in with that account only. An unbound user, provisioned by
 * a directory of the organization, is bound at their first sign-in when the account's user principal name equals
 * the user's SCIM userName (case-insensitive; members only), or else its verified e-mail equals the user's e-mail.
 * A user already bound to another account is never bound again (the real user keeps their access); the binding
 * and the refusal are written to the provisioning log in the binding's transaction.
 */
export async function findMicrosoftSignInUser(pool: Pool, account: MicrosoftAccount): Promise<SignedInUser | null> {
  const [bound] = await execute<{ tenantId: string; oid: string }, UserRow>(pool, boundUser, { tenantId: account.tenantId, oid: account.oid });
  if (bound) return signedIn(bound);
  if (!account.userPrincipalName && !account.verifiedEmail) return null;
  const started = performance.now();
  const outcome = await inTransaction(pool, (tx) => bindMicrosoftAccount(tx, account, started));
  if (outcome.event) await announceSignInEvent(pool, outcome.event).catch(() => undefined);
  return outcome.user ? signedIn(outcome.user) : null;
}

type Candidate = { tenantId: string; userPrincipalName: string | null; verifiedEmail: string | null };
// Two probes, each on its own index: userName per directory of the organization, e-mail per organization.
const bindingCandidate = statement<Candidate>(
  (p) => sql`with org as (select id from organization where lower(entra_tenant_id) = lower(${p.tenantId}) and microsoft_sign_in)
     select id, by_upn from (
       select u.id, true as by_upn, u.created_at from org join directory d on d.organization_id = org.id
         join app_user u on u.directory_id = d.id and lower(u.user_name) = lower(${p.userPrincipalName}::text)
       where ${p.userPrincipalName}::text is not null and u.active
       union all
       select u.id, false, u.created_at from org join app_user u on u.organization_id = org.id and lower(u.email) = lower(${p.verifiedEmail}::text)
       where ${p.verifiedEmail}::text is not null and u.active and u.directory_id is not null
     ) c order by by_upn desc, created_at limit 1`,
);
const lockCandidate = statement<{ id: string }>(
  (p) => sql`select u.id as user_id, u.role, u.directory_id, u.microsoft_oid, u.microsoft_tenant_id, o.id as organization_id, o.slug
     from app_user u join organization o on o.id = u.organization_id
     where u.id = ${p.id} and u.active and u.directory_id is not null for update of u`,
);
const bindAccount = statement<{ id: string; oid: string; tenantId: string }>(
  (p) => sql`update app_user set microsoft_oid = ${p.oid}, microsoft_tenant_id = ${p.tenantId}, updated_at = now() where id = ${p.id}`,
);

async function bindMicrosoftAccount(tx: Queryable, account: MicrosoftAccount, started: number): Promise<{ user?: UserRow; event?: string }> {
  // Two probes, each on its own index: userName per directory of the organization, e-mail per organization. Only
  // directory-provisioned users: an organization that merely names a tenant cannot pull its people in by invite.
  const [candidate] = await execute<Candidate, { id: string; by_upn: boolean }>(tx, bindingCandidate, {
    tenantId: account.tenantId,
    userPrincipalName: account.userPrincipalName ?? null,
    verifiedEmail: account.verifiedEmail ?? null,
  });
  if (!candidate) return {};
  const [user] = await execute<{ id: string }, UserRow & { directory_id: string; microsoft_oid: string | null; microsoft_tenant_id: string | null }>(tx, lockCandidate, { id: candidate.id });
  if (!user) return {};
  const tenantId = account.tenantId.toLowerCase();
  const event = { organizationId: user.organization_id, directoryId: user.directory_id, userId: user.user_id };
  if (user.microsoft_oid !== null) {
    // A concurrent first sign-in of the same account bound it a moment ago: that is this account, not another.
    if (user.microsoft_oid === account.oid && user.microsoft_tenant_id?.toLowerCase() === tenantId) return { user };
    await recordSignInEvent(tx, {
      ...event, operation: 'microsoft-rebind', outcome: 'failure', status: 403, durationMs: performance.now() - started,
      detail: `refused to bind Microsoft account ${account.oid} of tenant ${tenantId}: the user is bound to Microsoft account ${user.microsoft_oid} of tenant ${user.microsoft_tenant_id}`,
    });
    return { event: user.organization_id };
  }
  await execute(tx, bindAccount, { id: user.user_id, oid: account.oid, tenantId });
  await recordSignInEvent(tx, {
    ...event, operation: 'microsoft-bind', outcome: 'success', status: 200, durationMs: performance.now() - started,
    detail: `bound to Microsoft account ${account.oid} of tenant ${tenantId} by ${candidate.by_upn ? 'user principal name = userName' : 'verified e-mail (xms_edov)'}`,
  });
  return { user, event: user.organization_id };
}

function signedIn(row: UserRow): SignedInUser {
  return { organizationId: row.organization_id, organizationSlug: row.slug, userId: row.user_id, userRole: row.role, subjectValid: true };
}
