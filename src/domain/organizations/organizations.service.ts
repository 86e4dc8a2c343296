import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { sql, statement } from '../../db/sql/fragment.js';
import { inUnitOfWork } from '../../db/sql/unit-of-work.js';
import { Organization } from './organization.entity.js';
import { assertSlug, assertTenantForSignIn, checkSeatLimit, tenantClaimRefused, validateOrganizationChange, type OrganizationChange, type TenantProof } from './organization.rules.js';
import { summaryColumns, type OrganizationSummary } from './organization.table.js';
import { seatCounts } from './organizations.queries.js';

const insertIfMissing = statement<{ slug: string; name: string; seatLimit: number }>(
  (p) => sql`insert into organization (slug, name, seat_limit) values (${p.slug}, ${p.name}, ${p.seatLimit})
       on conflict (slug) do nothing returning ${summaryColumns.fragment}`,
);
const bySlug = statement<{ slug: string }>((p) => sql`select ${summaryColumns.fragment} from organization where slug = ${p.slug}`);
const addSeats = statement<{ organizationId: string; count: number }>((p) => sql`insert into seat (organization_id) select ${p.organizationId} from generate_series(1, ${p.count})`);

/**
 * Returns the organization with `slug`, creating it (and its seat pool) when it is missing, inside the caller's
 * transaction; a seat limit given for an existing one resizes its pool.
 */
export async function ensureOrganization(tx: Queryable, input: { slug: string; name?: string; seatLimit?: number }): Promise<{ organization: OrganizationSummary; created: boolean }> {
  assertSlug(input.slug);
  if (input.seatLimit !== undefined) checkSeatLimit(input.seatLimit, 'seats');
  const [inserted] = await execute<{ slug: string; name: string; seatLimit: number }, OrganizationSummary>(tx, insertIfMissing, { slug: input.slug, name: input.name ?? input.slug, seatLimit: input.seatLimit ?? 50 });
  if (inserted) {
    await execute(tx, addSeats, { organizationId: inserted.id, count: inserted.seatLimit });
    return { organization: inserted, created: true };
  }
  const [organization] = await execute<{ slug: string }, OrganizationSummary>(tx, bySlug, { slug: input.slug });
  if (input.seatLimit !== undefined && input.seatLimit !== organization!.seatLimit) {
    await resizeSeatPool(tx, organization!.id, input.seatLimit);
    organization!.seatLimit = input.seatLimit;
  }
  return { organization: organization!, created: false };
}

type OfOrganization = { organizationId: string };
// NO KEY UPDATE: serializes changes without blocking the FK checks of users and cards being created meanwhile.
const lockOrganization = statement<OfOrganization>((p) => sql`select id from organization where id = ${p.organizationId} for no key update`);
const removeFreeSeats = statement<{ organizationId: string; count: number }>(
  (p) => sql`delete from seat where id in (select id from seat where organization_id = ${p.organizationId} and user_id is null order by id desc limit ${p.count} for update skip locked)
       and user_id is null returning id`,
);
const setSeatLimit = statement<{ organizationId: string; limit: number }>((p) => sql`update organization set seat_limit = ${p.limit}, updated_at = now() where id = ${p.organizationId}`);

/**
 * Grows or shrinks the seat pool to `limit` rows. Shrinking removes free seats only; it fails with CONFLICT when
 * more seats are held than the new limit allows. Runs inside the caller's transaction.
 */
export async function resizeSeatPool(tx: Queryable, organizationId: string, limit: number): Promise<void> {
  checkSeatLimit(limit, 'seatLimit');
  await execute(tx, lockOrganization, { organizationId });
  const { total, used } = await seatCounts(tx, organizationId);
  if (limit > total) {
    await execute(tx, addSeats, { organizationId, count: limit - total });
  } else if (limit < total) {
    if (used > limit) throw new DomainError('CONFLICT', `cannot lower the seat limit to ${limit}: ${used} seats are in use`, { field: 'seatLimit' });
    // Free seats only, locked (a create claiming one meanwhile keeps it), re-checked after the lock.
    const removed = await execute(tx, removeFreeSeats, { organizationId, count: total - limit });
    if (removed.length !== total - limit) {
      throw new DomainError('CONFLICT', `cannot lower the seat limit to ${limit} now: seats are being claimed; retry`, { field: 'seatLimit' });
    }
  }
  await execute(tx, setSeatLimit, { organizationId, limit });
}

const tenantHolders = statement<{ tenantId: string; organizationId: string }>(
  (p) => sql`select id, entra_tenant_verified_at is not null as verified from organization
     where lower(entra_tenant_id) = ${p.tenantId} and id <> ${p.organizationId} for no key update`,
);
const dropTenant = statement<OfOrganization>(
  (p) => sql`update organization set entra_tenant_id = null, entra_tenant_verified_at = null, microsoft_sign_in = false, updated_at = now() where id = ${p.organizationId}`,
);
const clearBindings = statement<OfOrganization>(
  (p) => sql`update app_user set microsoft_oid = null, microsoft_tenant_id = null, updated_at = now() where organization_id = ${p.organizationId} and microsoft_oid is not null`,
);

/**
 * Connects `tenantId` to the organization when `proof` is from that tenant. Another organization's proven claim
 * wins (refused, without saying so); a claim made before proofs were required gives way to the proven one: that
 * organization loses the tenant, Sign in with Microsoft and its users' bindings (bindings belong to the claim: when
 * it goes, users bind again at their next sign-in).
 */
async function claimTenant(tx: Queryable, organizationId: string, tenantId: string, proof: TenantProof | undefined): Promise<void> {
  if (proof?.tenantId.toLowerCase() !== tenantId) throw tenantClaimRefused();
  const holders = await execute<{ tenantId: string; organizationId: string }, { id: string; verified: boolean }>(tx, tenantHolders, { tenantId, organizationId });
  if (holders.some((holder) => holder.verified)) throw tenantClaimRefused();
  for (const holder of holders) {
    await execute(tx, dropTenant, { organizationId: holder.id });
    await execute(tx, clearBindings, { organizationId: holder.id });
  }
}

/**
 * Changes an organization's settings in one unit of work (the row locked, so concurrent changes serialize): the
 * entity is changed and flushed once at commit. A new seat limit resizes the seat pool; lowering it below the
 * seats in use is a CONFLICT and nothing changes. A new Entra tenant needs `proof` from that tenant
 * ({@link claimTenant}); keeping the stored one does not, and a proof for it marks the claim proven. Sign in with
 * Microsoft reads these columns on every sign-in, so the change applies at once on every instance.
 */
export async function updateOrganization(em: EntityManager, organizationId: string, change: OrganizationChange, proof?: TenantProof): Promise<void> {
  const valid = validateOrganizationChange(change);
  try {
    await inUnitOfWork(em, async (work, tx) => {
      const [locked] = await execute(tx, lockOrganization, { organizationId });
      const organization = locked && (await work.findOne(Organization, { id: organizationId }));
      if (!organization) throw new DomainError('NOT_FOUND', 'the organization no longer exists');
      assertTenantForSignIn(valid, organization);
      const tenant = valid.entraTenantId;
      const changesTenant = tenant !== undefined && tenant !== (organization.entraTenantId?.toLowerCase() ?? null);
      const proven = typeof tenant === 'string' && (changesTenant || proof !== undefined);
      if (proven) await claimTenant(tx, organizationId, tenant, proof);
      if (changesTenant) await execute(tx, clearBindings, { organizationId });
      if (valid.name !== undefined) organization.name = valid.name;
      if (valid.emailDomains !== undefined) organization.emailDomains = valid.emailDomains;
      if (valid.microsoftSignIn !== undefined) organization.microsoftSignIn = valid.microsoftSignIn;
      if (tenant !== undefined) organization.entraTenantId = tenant;
      if (proven) organization.entraTenantVerifiedAt = new Date();
      else if (tenant === null) organization.entraTenantVerifiedAt = null;
      if (valid.seatLimit !== undefined) await resizeSeatPool(tx, organizationId, valid.seatLimit);
    });
  } catch (error) {
    // Two organizations proving the same free tenant at once: the unique index refuses the second, like any claim.
    if (error instanceof DomainError && (error.cause as { constraint?: string } | undefined)?.constraint === 'organization_entra_tenant_unique') throw tenantClaimRefused(error);
    throw error;
  }
}
