import { describe, expect, it } from 'vitest';
import { needsSeat, seatChangeFor, seatLimitMessage } from '../../../src/domain/seats/seat.rules.js';

describe('seat rules', () => {
  it('a new user claims a seat, active or not', () => {
    expect(seatChangeFor(null, { active: true })).toBe('claim');
    expect(seatChangeFor(null, { active: false })).toBe('claim');
  });

  it('a deactivation or reactivation keeps the seat (the card is suspended, not deleted)', () => {
    expect(seatChangeFor({ active: true }, { active: false })).toBe('keep');
    expect(seatChangeFor({ active: false }, { active: true })).toBe('keep');
    expect(needsSeat({ active: false })).toBe(true);
  });

  it('a deleted or unlinked user frees its seat', () => {
    expect(seatChangeFor({ active: true }, null)).toBe('free');
    expect(seatChangeFor(null, null)).toBe('keep');
  });

  it('tells the admin how many seats are in use and what to do', () => {
    expect(seatLimitMessage(50)).toBe('no licence seat left: all 50 seats of this organization are in use; raise the seat limit or remove users, then retry');
  });
});
