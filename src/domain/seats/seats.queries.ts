/** Reads of the seat pool. */
import { DomainError } from '../errors.js';
import { raw, sql, statement } from '../../db/sql/fragment.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { seatLimitMessage } from './seat.rules.js';
import { heldSeatColumns, seats, type HeldSeat } from './seats.table.js';

const heldSeats = statement<{ userIds: readonly string[] }>(
  (p) => sql`select ${raw(heldSeatColumns.sql)} from ${raw(seats.from)} where ${raw(seats.col('userId'))} = any(${p.userIds}::uuid[])`,
);

/** The seat each user holds (users without one are left out). */
export async function findSeatsByUserIds(db: Queryable, userIds: readonly string[]): Promise<HeldSeat[]> {
  return (await execute(db, heldSeats, { userIds })).map(heldSeatColumns.read);
}

const seatCount = statement<{ organizationId: string }>(
  (p) => sql`select count(*)::int as "total" from ${raw(seats.from)} where ${raw(seats.col('organizationId'))} = ${p.organizationId}`,
);

/** SEAT_LIMIT_REACHED with the numbers an admin reads in the directory's provisioning log (read when a write found no seat). */
export async function seatLimitError(db: Queryable, organizationId: string): Promise<DomainError> {
  const [usage] = await execute<{ organizationId: string }, { total: number }>(db, seatCount, { organizationId });
  return new DomainError('SEAT_LIMIT_REACHED', seatLimitMessage(usage?.total ?? 0));
}
