import { describe, expect, it } from 'vitest';
import { seatForecastFor, seatForecastMessage, seatWarningMargin } from '../../../src/domain/seats/seat-forecast.rules.js';
import { checkModeChange, directoryModeOf } from '../../../src/domain/directories/preview.rules.js';

describe('seat forecast rules', () => {
  it('warns with a margin of 5 % of the limit, at least one seat', () => {
    expect([0, 1, 20, 21, 40, 500].map(seatWarningMargin)).toEqual([1, 1, 1, 2, 2, 25]);
  });

  it('is EXCEEDED when the needed seats do not fit, LOW inside the margin, OK beyond it', () => {
    expect(seatForecastFor({ limit: 3, used: 0, needed: 5 })).toEqual({ limit: 3, used: 0, needed: 5, available: 3, remaining: -2, shortfall: 2, warnBelow: 1, status: 'exceeded' });
    expect(seatForecastFor({ limit: 5, used: 0, needed: 5 }).status).toBe('low');
    expect(seatForecastFor({ limit: 40, used: 30, needed: 9 })).toMatchObject({ remaining: 1, status: 'low' });
    expect(seatForecastFor({ limit: 40, used: 30, needed: 8 })).toMatchObject({ remaining: 2, status: 'ok' });
  });

  it('warns a live directory (nothing needed) before the first refusal: LOW while the next create still succeeds', () => {
    expect(seatForecastFor({ limit: 4, used: 3, needed: 0 }).status).toBe('ok');
    const full = seatForecastFor({ limit: 4, used: 4, needed: 0 });
    expect(full.status).toBe('low');
    expect(seatForecastMessage(full)).toBe('4 of 4 seats in use, 0 free: the next user the directory creates will be refused (SEAT_LIMIT_REACHED); raise the seat limit');
    expect(seatForecastFor({ limit: 40, used: 39, needed: 0 }).status).toBe('low');
  });

  it('says what to do in plain words', () => {
    expect(seatForecastMessage(seatForecastFor({ limit: 3, used: 1, needed: 5 }))).toBe(
      '1 of 3 seats in use, 2 free: 5 more users need a seat, 3 more than are free; raise the seat limit by 3 or unassign users in the identity provider before going live',
    );
    expect(seatForecastMessage(seatForecastFor({ limit: 100, used: 10, needed: 5 }))).toBe('10 of 100 seats in use, 90 free, 5 needed: 85 left to spare');
  });
});

describe('directory mode rules', () => {
  it('reads unset and unknown modes as live', () => {
    expect([{}, { mode: 'live' }, { mode: 'preview' }, { mode: 'PREVIEW' }].map(directoryModeOf)).toEqual(['live', 'live', 'preview', 'live']);
  });

  it('goes into preview only while empty, and out of it only by going live', () => {
    expect(() => checkModeChange('live', 'preview', 0)).not.toThrow();
    expect(() => checkModeChange('live', 'preview', 2)).toThrow(/has 2 users with seats and cards/);
    expect(() => checkModeChange('preview', 'live', 0)).toThrow(/goLiveDirectory/);
    expect(() => checkModeChange('preview', 'preview', 9)).not.toThrow();
  });
});
