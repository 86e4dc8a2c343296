/** The seat table, described once by its entity. */
import { EntityTable, type StoredRowOf } from '../../db/sql/entity-table.js';
import { Seat } from './seat.entity.js';

export const seats = new EntityTable(Seat, 's', {
  seat_user_unique: 'this user already holds a seat',
});

const claimed = seats.projection(['userId', 'claimedAt']);

/** A held seat as the card product's API reads it: its id as text (a bigint, an opaque GraphQL ID). */
export const heldSeatColumns = {
  sql: `${seats.col('id')}::text as "id", ${claimed.sql}`,
  read: (row: Record<string, unknown>): HeldSeat => claimed.read(row) as HeldSeat,
};
export type HeldSeat = { id: string; userId: string } & StoredRowOf<Seat, 'claimedAt'>;
