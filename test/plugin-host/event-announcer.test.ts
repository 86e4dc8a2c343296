import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { announcementPayloads, EventAnnouncer } from '../../src/plugin-host/event-announcer.js';

const ORG = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fakePool() {
  const calls: { text: string; values: unknown[] }[] = [];
  return { calls, query: async (text: string, values: unknown[]) => (calls.push({ text, values }), { rows: [], rowCount: 0 }) };
}

describe('EventAnnouncer (debounced live-log signal, outside write transactions)', () => {
  it('sends the first announcement at once and coalesces a burst into one statement per interval', async () => {
    const pool = fakePool();
    const announcer = new EventAnnouncer(pool as never, pino({ level: 'silent' }), 100);
    announcer.announce(ORG(1));
    await sleep(20);
    expect(pool.calls).toHaveLength(1);
    expect(pool.calls[0]!.text).toBe('select pg_notify($1, p) from unnest($2::text[]) as p');
    expect(pool.calls[0]!.values).toEqual(['cardbridge_events', [ORG(1)]]);
    for (let i = 0; i < 50; i++) announcer.announce(ORG(2 + (i % 3)));
    await sleep(30);
    expect(pool.calls).toHaveLength(1);
    await sleep(100);
    expect(pool.calls).toHaveLength(2);
    expect(pool.calls[1]!.values).toEqual(['cardbridge_events', [[ORG(2), ORG(3), ORG(4)].join(',')]]);
    announcer.announce(ORG(5));
    await announcer.flush();
    expect(pool.calls).toHaveLength(3);
  });

  it('splits many organizations into payloads below PostgreSQL’s 8000 bytes', () => {
    const ids = Array.from({ length: 1_000 }, (_, n) => ORG(n));
    const payloads = announcementPayloads(ids);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
    expect(payloads.flatMap((p) => p.split(','))).toEqual(ids);
  });
});
