/** Seats held by the users each directory manages (a directory's share of the organization's seats). */
import { execute, type Queryable } from '../../db/sql/run.js';
import { sql, statement } from '../../db/sql/fragment.js';

const SEATS_BY_DIRECTORY = statement<{ organizationId: string; directoryIds: readonly string[] }>(
  (p) => sql`select u.directory_id as "directoryId", count(*)::int as seats
     from seat s join app_user u on u.id = s.user_id
     where s.organization_id = ${p.organizationId} and u.directory_id = any(${p.directoryIds}::uuid[])
     group by u.directory_id`,
);

/** Seats in use by each directory's users, in one statement for any number of directories (0 for none). */
export async function countSeatsByDirectory(db: Queryable, organizationId: string, directoryIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await execute<{ organizationId: string; directoryIds: readonly string[] }, { directoryId: string; seats: number }>(db, SEATS_BY_DIRECTORY, { organizationId, directoryIds });
  const seats = new Map<string, number>(directoryIds.map((id) => [id, 0]));
  for (const row of rows) seats.set(row.directoryId, row.seats);
  return seats;
}
