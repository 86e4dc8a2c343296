import { execute, type Queryable } from '../../db/sql/run.js';
import { raw, sql, statement } from '../../db/sql/fragment.js';
import { organizations, viewColumns, type OrganizationView } from './organization.table.js';

const byId = statement<{ id: string }>((p) => sql`select ${viewColumns.fragment} from ${raw(organizations.from)} where ${raw(organizations.col('id'))} = ${p.id}`);

export async function findOrganization(db: Queryable, id: string): Promise<OrganizationView | null> {
  const [row] = await execute<{ id: string }, OrganizationView>(db, byId, { id });
  return row ?? null;
}

const usage = statement<{ organizationId: string }>((p) => sql`select count(*)::int as total, count(user_id)::int as used from seat where organization_id = ${p.organizationId}`);

/** Seat usage of an organization: the pool's size is its limit. */
export async function seatUsage(db: Queryable, organizationId: string): Promise<{ limit: number; used: number; available: number }> {
  const [row] = await execute<{ organizationId: string }, { total: number; used: number }>(db, usage, { organizationId });
  return { limit: row!.total, used: row!.used, available: row!.total - row!.used };
}

/** Seats held and in the pool, for a resize inside the caller's transaction. */
export async function seatCounts(tx: Queryable, organizationId: string): Promise<{ total: number; used: number }> {
  const [row] = await execute<{ organizationId: string }, { total: number; used: number }>(tx, usage, { organizationId });
  return row!;
}
