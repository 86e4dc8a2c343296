/** The seat rules: when a user takes a licence seat and when it is freed. Pure functions, no I/O. */

/** What a write does to the user's seat. */
export type SeatChange = 'claim' | 'free' | 'keep';

/** A user as the seat rules see it: whether it is in the organization (not null) and active. */
export interface SeatHolder {
  readonly active: boolean;
}

/**
 * Whether a user of a directory holds a seat. Every provisioned user does, a leaver too: a deactivation suspends
 * the card but keeps seat, card and slug, so a reactivation cannot fail for want of a seat. Only a DELETE (or an
 * admin deleting the user) gives the seat back.
 */
export function needsSeat(user: SeatHolder | null): boolean {
  return user !== null;
}

/**
 * What a change of a user (`before` → `after`, null where the user does not exist or no longer belongs to the
 * directory) does to its seat: a new user claims one, a deleted or unlinked one frees it, anything else keeps it.
 */
export function seatChangeFor(before: SeatHolder | null, after: SeatHolder | null): SeatChange {
  const had = needsSeat(before);
  const wants = needsSeat(after);
  return wants && !had ? 'claim' : had && !wants ? 'free' : 'keep';
}

/** What SEAT_LIMIT_REACHED tells the admin who reads it in the directory's provisioning log. */
export function seatLimitMessage(totalSeats: number): string {
  return `no licence seat left: all ${totalSeats} seats of this organization are in use; raise the seat limit or remove users, then retry`;
}
