/**
 * The seat forecast (issue 13, item 4): how many seats users need against the organization's limit, and a warning
 * before the first refusal rather than after it. Pure: the figures come from the database, the verdict from here.
 */

/** `ok`: room to spare; `low`: fewer free seats left than the warning margin (the next creates will be refused); `exceeded`: some users would be refused now. */
export type SeatForecastStatus = 'ok' | 'low' | 'exceeded';

export interface SeatFigures {
  /** Seats the organization's licence has. */
  limit: number;
  /** Seats held by users. */
  used: number;
  /** Seats users still need: users of a directory in preview, which go-live would give one each. */
  needed: number;
}

export interface SeatForecast extends SeatFigures {
  /** Free seats now (limit − used). */
  available: number;
  /** Free seats once the needed ones are claimed (available − needed); negative when they do not fit. */
  remaining: number;
  /** Seats missing for the needed ones (0 when they fit). */
  shortfall: number;
  /** `low` once fewer than this many seats would remain: 5 % of the limit, at least 1. */
  warnBelow: number;
  status: SeatForecastStatus;
}

/** The warning margin of a limit: 5 % of it, at least one seat (so "the next create is refused" is always `low`). */
export function seatWarningMargin(limit: number): number {
  return Math.max(1, Math.ceil(limit * 0.05));
}

/**
 * The forecast of the figures: `exceeded` when the needed seats do not fit into the free ones, `low` when they fit
 * but leave fewer than the warning margin free (with nothing needed: when fewer than the margin are free, so the
 * warning comes while creates still succeed), else `ok`.
 */
export function seatForecastFor(figures: SeatFigures): SeatForecast {
  const available = Math.max(0, figures.limit - figures.used);
  const remaining = available - figures.needed;
  const warnBelow = seatWarningMargin(figures.limit);
  const status: SeatForecastStatus = remaining < 0 ? 'exceeded' : remaining < warnBelow ? 'low' : 'ok';
  return { ...figures, available, remaining, shortfall: Math.max(0, -remaining), warnBelow, status };
}

/** The forecast in one plain sentence for an admin (the portal's status line and the connection's problems). */
export function seatForecastMessage(forecast: SeatForecast): string {
  const { limit, used, needed, available, remaining, shortfall, status } = forecast;
  const of = `${used} of ${limit} seats in use, ${available} free`;
  if (status === 'exceeded') return `${of}: ${needed} more ${needed === 1 ? 'user needs' : 'users need'} a seat, ${shortfall} more than are free; raise the seat limit by ${shortfall} or unassign users in the identity provider before going live`;
  if (status === 'low') {
    return remaining === 0
      ? `${of}${needed ? `, all of them needed by ${needed} ${needed === 1 ? 'user' : 'users'}` : ''}: the next user the directory creates will be refused (SEAT_LIMIT_REACHED); raise the seat limit`
      : `${of}${needed ? `, ${needed} needed` : ''}: only ${remaining} would be left; raise the seat limit before the directory's next users are refused`;
  }
  return `${of}${needed ? `, ${needed} needed` : ''}: ${remaining} left to spare`;
}
