import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventRecorder, type PendingEvent } from '../../src/plugin-host/event-recorder.js';
import { probePlugin } from '../helpers/probe-plugin.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

// Issue 15: read and failure events go to PostgreSQL as one JSON parameter per batch. Every field arrives as it was
// recorded, text PostgreSQL cannot store is made storable instead of losing the batch, and a directory that no
// longer exists writes nothing.
let host: TestHost;
let directory: { directoryId: string; organizationId: string; secretToken: string };
beforeAll(async () => {
  host = await startHost({ plugins: [probePlugin()] });
  directory = await host.createDirectory({ org: 'events-15', provider: 'probe' });
});
afterAll(async () => await host?.close());

const event = (overrides: Partial<PendingEvent>): PendingEvent => ({
  organizationId: directory.organizationId,
  directoryId: directory.directoryId,
  occurredAt: new Date('2026-12-01T10:11:12.345Z'),
  operation: 'list',
  method: 'GET',
  path: `/scim/probe/${directory.directoryId}/Users`,
  outcome: 'success',
  status: 200,
  durationMs: 1.25,
  ...overrides,
});

describe('provisioning events written in batches (issue 15)', () => {
  it('stores every field of every event of a batch, with hostile text made storable', async () => {
    const recorder = new EventRecorder(host.server.pool, pino({ level: 'silent' }));
    const tag = randomUUID();
    recorder.record(event({ requestId: `${tag}-full`, resourceType: 'User', resourceId: 'u-1', outcome: 'failure', status: 400, scimType: 'invalidFilter', detail: 'bad "filter" at 3' }));
    recorder.record(event({ requestId: `${tag}-bare` }));
    recorder.record(event({ requestId: `${tag}-nul`, path: '/scim/probe/x\0y', resourceId: 'a\0b', detail: 'nul \0 here', outcome: 'failure', status: 404 }));
    recorder.record(event({ requestId: `${tag}-surrogate`, detail: `lone \ud800 high and \udc00 low, pair \ud83d\ude00 kept`, outcome: 'failure', status: 400 }));
    recorder.record(event({ requestId: `${tag}-gone`, directoryId: randomUUID() }));
    await recorder.flush();
    const rows = await host.query<Record<string, unknown>>(
      `select request_id, organization_id, directory_id, occurred_at, operation, method, path, resource_type, resource_id, outcome, status, scim_type, detail, duration_ms
       from provisioning_event where request_id like $1 order by request_id`,
      [`${tag}-%`],
    );
    expect(rows.map((r) => r.request_id)).toEqual([`${tag}-bare`, `${tag}-full`, `${tag}-nul`, `${tag}-surrogate`]);
    const byId = Object.fromEntries(rows.map((r) => [String(r.request_id).slice(tag.length + 1), r]));
    expect(byId.full).toMatchObject({
      organization_id: directory.organizationId,
      directory_id: directory.directoryId,
      operation: 'list',
      method: 'GET',
      path: `/scim/probe/${directory.directoryId}/Users`,
      resource_type: 'User',
      resource_id: 'u-1',
      outcome: 'failure',
      status: 400,
      scim_type: 'invalidFilter',
      detail: 'bad "filter" at 3',
      duration_ms: 1.25,
    });
    expect(new Date(byId.full!.occurred_at as string).toISOString()).toBe('2026-12-01T10:11:12.345Z');
    expect(byId.bare).toMatchObject({ resource_type: null, resource_id: null, scim_type: null, detail: null, status: 200, outcome: 'success' });
    expect(byId.nul).toMatchObject({ path: '/scim/probe/x\uFFFDy', resource_id: 'a\uFFFDb', detail: 'nul \uFFFD here' });
    expect(byId.surrogate!.detail).toBe('lone \uFFFD high and \uFFFD low, pair \ud83d\ude00 kept');
  });

  it('records a read through the host, with its request id', async () => {
    const requestId = `read-${randomUUID()}`;
    const response = await fetch(`${host.url}/scim/probe/${directory.directoryId}/whoami`, { headers: { authorization: `Bearer ${directory.secretToken}`, 'x-request-id': requestId } });
    expect(response.status).toBe(200);
    let rows: Record<string, unknown>[] = [];
    for (let i = 0; i < 100 && rows.length === 0; i++) {
      rows = await host.query('select method, path, status, outcome, directory_id from provisioning_event where request_id = $1', [requestId]);
      if (!rows.length) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(rows).toEqual([{ method: 'GET', path: `/scim/probe/${directory.directoryId}/whoami`, status: 200, outcome: 'success', directory_id: directory.directoryId }]);
  });
});
