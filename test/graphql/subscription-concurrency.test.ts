import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { entraOrganization, entraUser, productToken } from './graphql-helpers.js';

let host: TestHost;
let client: Client;

beforeAll(async () => {
  // 50 requests of one directory at once: past the default per-directory concurrency limit, which is not tested here.
  host = await startHost({ env: { SCIM_MAX_CONCURRENT_PER_DIRECTORY: '0' } });
});
afterAll(async () => {
  await client?.dispose();
  await host?.close();
});

interface LiveEvent {
  id: string;
  operation: string;
  status: number;
  resourceId: string | null;
  directoryId: string;
}

/** A live subscription that collects what arrives; `until` waits for a number of events. */
function collect(token: string): { events: LiveEvent[]; until(count: number, timeoutMs?: number): Promise<void>; stop(): void } {
  client = createClient({ url: `${host.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const events: LiveEvent[] = [];
  const waiters: (() => void)[] = [];
  let started!: () => void;
  const live = new Promise<void>((resolve) => (started = resolve));
  const stop = client.subscribe<{ provisioningEvents: LiveEvent }>(
    { query: 'subscription { provisioningEvents { id operation status resourceId directoryId } }' },
    {
      next: (result) => {
        if (result.data) events.push(result.data.provisioningEvents);
        for (const wake of waiters.splice(0)) wake();
      },
      error: (error) => {
        throw error;
      },
      complete: () => {},
    },
  );
  client.on('connected', () => started());
  return {
    events,
    stop,
    async until(count, timeoutMs = 20_000) {
      await live;
      const deadline = Date.now() + timeoutMs;
      while (events.length < count && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
  };
}

/** Resolves once the server processed everything sent before it on this socket. */
async function roundTrip(): Promise<void> {
  for await (const result of client.iterate({ query: '{ viewer { role } }' })) {
    expect(result.errors).toBeUndefined();
    break;
  }
}

describe('live provisioning log under parallel SCIM writes', () => {
  it('delivers every event of concurrent writes and refusals exactly once, and none of another organization', async () => {
    const acme = await entraOrganization(host, 'acme');
    const other = await entraOrganization(host, 'other');
    const live = collect(await productToken({ org: 'acme', role: 'admin' }));
    await live.until(0);
    await roundTrip();
    // Writes (events in their own transactions) and refusals (batched events) of acme, all in flight at once,
    // while another organization writes too.
    const creates = Array.from({ length: 40 }, (_, n) => acme.client.post('/Users', entraUser(n)));
    const misses = Array.from({ length: 10 }, (_, n) => acme.client.get(`/Users/00000000-0000-0000-0000-${String(n).padStart(12, '0')}`));
    const others = Array.from({ length: 10 }, (_, n) => other.client.post('/Users', entraUser(n, 'other.example')));
    const [created, missed, elsewhere] = await Promise.all([Promise.all(creates), Promise.all(misses), Promise.all(others)]);
    expect(created.map((r) => r.status)).toEqual(Array(40).fill(201));
    expect(missed.map((r) => r.status)).toEqual(Array(10).fill(404));
    expect(elsewhere.map((r) => r.status)).toEqual(Array(10).fill(201));

    await live.until(50);
    expect(live.events).toHaveLength(50);
    expect(new Set(live.events.map((e) => e.id)).size).toBe(50);
    expect(live.events.every((e) => e.directoryId === acme.directoryId)).toBe(true);
    const createdIds = created.map((r) => r.body.id as string).sort();
    expect(live.events.filter((e) => e.operation === 'create').map((e) => e.resourceId).sort()).toEqual(createdIds);
    expect(live.events.filter((e) => e.status === 404)).toHaveLength(10);

    // Later signals re-read a window behind the cursor: what was delivered is not delivered again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const last = await acme.client.post('/Users', entraUser(99));
    expect(last.status).toBe(201);
    await live.until(51);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(live.events).toHaveLength(51);
    expect(live.events[50]).toMatchObject({ operation: 'create', resourceId: last.body.id });
    live.stop();
  });
});
