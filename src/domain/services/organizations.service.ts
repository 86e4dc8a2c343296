import type { Pool } from 'pg';
import { DomainError } from '../errors.js';
import { inTransaction, run, type Queryable } from '../../db/sql/run.js';

export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  seat_limit: number;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function assertSlug(slug: string): void {
  if (!SLUG.test(slug)) {
    throw new DomainError('INVALID_INPUT', 'organization slug must be 1–63 lowercase letters, digits or dashes, starting with a letter or digit', { field: 'org' });
  }
}

/** Returns the organization with `slug`, creating it (and its seat pool) when it is missing. */
export async function ensureOrganization(pool: Pool, input: { slug: string; name?: string; seatLimit?: number }): Promise<{ organization: OrganizationRow; created: boolean }> {
  assertSlug(input.slug);
  if (input.seatLimit !== undefined && (!Number.isInteger(input.seatLimit) || input.seatLimit < 0 || input.seatLimit > 1_000_000)) {
    throw new DomainError('INVALID_INPUT', 'seat limit must be a whole number between 0 and 1000000', { field: 'seats' });
  }
  return await inTransaction(pool, async (tx) => {
    const inserted = await tx.query<OrganizationRow>(
      `insert into organization (slug, name, seat_limit) values ($1, $2, $3)
       on conflict (slug) do nothing returning id, slug, name, seat_limit`,
      [input.slug, input.name ?? input.slug, input.seatLimit ?? 50],
    );
    if (inserted.rows[0]) {
      const organization = inserted.rows[0];
      await tx.query('insert into seat (organization_id) select $1 from generate_series(1, $2)', [organization.id, organization.seat_limit]);
      return { organization, created: true };
    }
    const existing = await tx.query<OrganizationRow>('select id, slug, name, seat_limit from organization where slug = $1', [input.slug]);
    const organization = existing.rows[0]!;
    if (input.seatLimit !== undefined && input.seatLimit !== organization.seat_limit) {
      await resizeSeatPool(tx, organization.id, input.seatLimit);
      organization.seat_limit = input.seatLimit;
    }
    return { organization, created: false };
  });
}

/**
 * Grows or shrinks the seat pool to `limit` rows. Shrinking removes free seats only; it fails with CONFLICT when
 * more seats are held than the new limit allows. Runs inside the caller's transaction.
 */
export async function resizeSeatPool(tx: Queryable, organizationId: string, limit: number): Promise<void> {
  if (!Number.isInteger(limit) || limit < 0 || limit > 1_000_000) {
    throw new DomainError('INVALID_INPUT', 'seat limit must be a whole number between 0 and 1000000', { field: 'seatLimit' });
  }
  // NO KEY UPDATE: serializes resizes without blocking the FK checks of users and cards being created meanwhile.
  await tx.query('select id from organization where id = $1 for no key update', [organizationId]);
  const [counts] = await run<{ total: number; used: number }>(
    tx,
    'select count(*)::int as total, count(user_id)::int as used from seat where organization_id = $1',
    [organizationId],
  );
  const { total, used } = counts!;
  if (limit > total) {
    await tx.query('insert into seat (organization_id) select $1 from generate_series(1, $2)', [organizationId, limit - total]);
  } else if (limit < total) {
    if (used > limit) throw new DomainError('CONFLICT', `cannot lower the seat limit to ${limit}: ${used} seats are in use`, { field: 'seatLimit' });
    // Free seats only, locked (a create claiming one meanwhile keeps it), re-checked after the lock.
    const removed = await tx.query(
      `delete from seat where id in (select id from seat where organization_id = $1 and user_id is null order by id desc limit $2 for update skip locked)
       and user_id is null`,
      [organizationId, total - limit],
    );
    if (removed.rowCount !== total - limit) {
      throw new DomainError('CONFLICT', `cannot lower the seat limit to ${limit} now: seats are being claimed; retry`, { field: 'seatLimit' });
    }
  }
  await tx.query('update organization set seat_limit = $2, updated_at = now() where id = $1', [organizationId, limit]);
}

/** Seat usage of an organization. */
export async function seatUsage(db: Queryable, organizationId: string): Promise<{ limit: number; used: number; available: number }> {
  const [row] = await run<{ total: number; used: number }>(
    db,
    'select count(*)::int as total, count(user_id)::int as used from seat where organization_id = $1',
    [organizationId],
  );
  return { limit: row!.total, used: row!.used, available: row!.total - row!.used };
}
