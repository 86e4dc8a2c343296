import { describe, expect, it } from 'vitest';
import { LogCursor } from '../../src/graphql/subscriptions/log-cursor.js';

describe('LogCursor (live log position per organization)', () => {
  it('re-reads a window behind the cursor so a row that commits out of id order is delivered, once', () => {
    const cursor = new LogCursor(100n, 0, 40_000);
    expect(cursor.accept('100')).toBe(false); // the log's end when the first subscriber came
    expect(cursor.accept('101')).toBe(true);
    expect(cursor.accept('103')).toBe(true); // 102 drew its id first but has not committed yet
    cursor.mark(10);
    // A read right after still starts at the subscriber's start, leaving out what it delivered.
    expect(cursor.window(2_000, 20)).toEqual({ after: '100', delivered: ['101', '103'] });
    expect(cursor.accept('102')).toBe(true);
    expect(cursor.accept('103')).toBe(false);
    cursor.mark(30);
    // 2 s later the short window starts at the cursor as it stood then; the long one still reaches back.
    expect(cursor.window(2_000, 5_000)).toEqual({ after: '103', delivered: [] });
    expect(cursor.window(40_000, 5_000)).toEqual({ after: '100', delivered: ['101', '103', '102'] });
  });

  it('forgets ids no window reaches any more, and caps what it remembers', () => {
    const cursor = new LogCursor(0n, 0, 1_000);
    for (let id = 1; id <= 5; id++) cursor.accept(String(id));
    cursor.mark(100);
    expect(cursor.remembered).toBe(5);
    cursor.mark(2_000); // the mark at 100 is older than the longest lag: it becomes the floor
    expect(cursor.remembered).toBe(0);
    expect(cursor.accept('3')).toBe(false);
    expect(cursor.window(1_000, 2_000).after).toBe('5');

    const capped = new LogCursor(0n, 0, 60_000, 4);
    for (let round = 0; round < 5; round++) {
      for (let i = 1; i <= 2; i++) capped.accept(String(round * 2 + i));
      capped.mark(round + 1);
    }
    expect(capped.remembered).toBeLessThanOrEqual(4);
    expect(capped.accept('10')).toBe(false);
    expect(capped.accept('11')).toBe(true);
  });
});
