import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient } from '../../src/testkit/scim-client.js';
import { entraUser, gql, productToken } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

// Issue 11, item 10: requests refused before they are served (401, 403 disabled, 429) are counted per directory,
// minute and reason (a flood is a count, not rows; made-up directory ids write nothing), and lastSyncAt means "the
// directory last talked to us" — its own authenticated requests, never cardbridge's background jobs.

let host: TestHost;
let dataDir: string;
let viewer: string;
let admin: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cardbridge-refused-'));
  host = await startHost({ env: { SCIM_RATE_LIMIT_PER_SECOND: '5', DATA_DIR: dataDir, JOBS_POLL_INTERVAL_SECONDS: '0.5' } });
  viewer = await productToken({ org: 'refusals', role: 'viewer' });
  admin = await productToken({ org: 'refusals', role: 'admin' });
});
afterAll(async () => {
  await host?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const DIRECTORY = 'query($id: ID!) { directory(id: $id) { lastSyncAt refusedRequests(first: 100) { minute reason status count lastAt } } }';

interface Refused {
  minute: string;
  reason: string;
  status: number;
  count: number;
  lastAt: string;
}

async function directoryLog(id: string): Promise<{ lastSyncAt: string | null; refusedRequests: Refused[] }> {
  const response = await gql(host, DIRECTORY, { id }, viewer);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data.directory;
}

async function lastSyncAt(id: string): Promise<string | null> {
  const response = await gql(host, 'query($id: ID!) { directory(id: $id) { lastSyncAt } }', { id }, viewer);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data.directory.lastSyncAt;
}

/** Sums the counts per "reason status". */
function totals(rows: Refused[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const row of rows) sums[`${row.reason} ${row.status}`] = (sums[`${row.reason} ${row.status}`] ?? 0) + row.count;
  return sums;
}

async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await check();
    if (last !== undefined) return last as T;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Sends `count` GETs (20 at a time); returns the statuses. */
async function flood(count: number, url: () => string, headers: Record<string, string>): Promise<number[]> {
  const statuses: number[] = [];
  for (let sent = 0; sent < count; sent += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - sent) }, async () => {
        const response = await fetch(url(), { headers });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    statuses.push(...batch);
  }
  return statuses;
}

describe('refused requests in the provisioning log', () => {
  it('counts 401s per directory, minute and reason; a flood is a few rows, a made-up directory id none', async () => {
    const dir = await host.createDirectory({ org: 'refusals', provider: 'entra', name: 'flooded' });
    const path = `${host.url}/scim/entra/${dir.directoryId}/Users?count=1`;
    expect(new Set(await flood(600, () => path, { authorization: 'Bearer cbt_not-the-token' }))).toEqual(new Set([401]));
    expect(new Set(await flood(40, () => path, {}))).toEqual(new Set([401]));
    const oktaPath = `${host.url}/scim/okta/${dir.directoryId}/Users?count=1`;
    expect(new Set(await flood(10, () => oktaPath, { authorization: `Bearer ${dir.secretToken}` }))).toEqual(new Set([401]));
    const madeUp: string[] = [];
    const randomPath = () => {
      madeUp.push(randomUUID());
      return `${host.url}/scim/entra/${madeUp.at(-1)}/Users`;
    };
    expect(new Set(await flood(200, randomPath, { authorization: 'Bearer cbt_guess' }))).toEqual(new Set([401]));
    expect(new Set(await flood(20, () => `${host.url}/scim/entra/not-a-uuid/Users`, { authorization: 'Bearer cbt_guess' }))).toEqual(new Set([401]));

    const expected = { 'invalid-token 401': 600, 'missing-token 401': 40, 'wrong-provider 401': 10 };
    const log = await eventually(async () => {
      const current = await directoryLog(dir.directoryId);
      const sums = totals(current.refusedRequests);
      return Object.entries(expected).every(([key, count]) => sums[key] === count) ? current : undefined;
    }, 'the refusal counts');
    expect(totals(log.refusedRequests)).toEqual(expected);
    for (const row of log.refusedRequests) {
      expect(new Date(row.minute).getTime() % 60_000).toBe(0);
      expect(Date.parse(row.lastAt)).toBeGreaterThanOrEqual(Date.parse(row.minute));
    }
    // 650 refusals, at most two minutes × three reasons of rows
    const [stored] = await host.query<{ rows: number }>('select count(*)::int as rows from refused_request where directory_id = $1', [dir.directoryId]);
    expect(stored!.rows).toBeLessThanOrEqual(6);
    expect(await host.query('select 1 from refused_request where directory_id = any($1::uuid[])', [madeUp])).toEqual([]);
    // refusals are counts, not provisioning events; a bad token never moves lastSyncAt
    expect(await host.query('select 1 from provisioning_event where directory_id = $1', [dir.directoryId])).toEqual([]);
    expect(log.lastSyncAt).toBeNull();
  });

  it('counts 429s and a disabled directory’s 403s; those directories did talk to us (lastSyncAt)', async () => {
    const limited = await host.createDirectory({ org: 'refusals', provider: 'entra', name: 'limited' });
    const sentAt = Date.now();
    const statuses = await flood(40, () => `${limited.tenantUrl}/Users?count=1`, { authorization: `Bearer ${limited.secretToken}` });
    const tooMany = statuses.filter((s) => s === 429).length;
    expect(tooMany).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 429 && s !== 200)).toEqual([]);
    const log = await eventually(async () => {
      const current = await directoryLog(limited.directoryId);
      return totals(current.refusedRequests)['rate-limited 429'] === tooMany ? current : undefined;
    }, 'the 429 count');
    expect(totals(log.refusedRequests)).toEqual({ 'rate-limited 429': tooMany });
    expect(Date.parse(log.lastSyncAt!)).toBeGreaterThanOrEqual(sentAt);

    const disabled = await host.createDirectory({ org: 'refusals', provider: 'entra', name: 'disabled' });
    const UPDATE = 'mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) { directory { status } } }';
    expect((await gql(host, UPDATE, { input: { directoryId: disabled.directoryId, status: 'DISABLED' } }, admin)).data.updateDirectorySettings.directory.status).toBe('DISABLED');
    const refusedAt = Date.now();
    expect(new Set(await flood(7, () => `${disabled.tenantUrl}/Users?count=1`, { authorization: `Bearer ${disabled.secretToken}` }))).toEqual(new Set([403]));
    const disabledLog = await eventually(async () => {
      const current = await directoryLog(disabled.directoryId);
      return totals(current.refusedRequests)['directory-disabled 403'] === 7 && current.lastSyncAt ? current : undefined;
    }, 'the 403 count');
    expect(totals(disabledLog.refusedRequests)).toEqual({ 'directory-disabled 403': 7 });
    expect(Date.parse(disabledLog.lastSyncAt!)).toBeGreaterThanOrEqual(refusedAt);
  });
});

describe('lastSyncAt', () => {
  it('moves with the directory’s own requests, not with cardbridge’s background jobs', async () => {
    const dir = await host.createDirectory({ org: 'refusals', provider: 'entra', name: 'invites', settings: { invitesEnabled: true } });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    const postedAt = Date.now();
    expect((await client.post('/Users', entraUser(1, 'refusals.example'))).status).toBe(201);
    const firstSync = await eventually(async () => (await lastSyncAt(dir.directoryId)) ?? undefined, 'lastSyncAt after the first request');
    expect(Date.parse(firstSync)).toBeGreaterThanOrEqual(postedAt);

    // The invite e-mail job writes its own entry into the log, after the request.
    const job = await eventually(async () => {
      const [row] = await host.query<{ at_ms: string }>(`select extract(epoch from occurred_at) * 1000 as at_ms from provisioning_event where directory_id = $1 and method = 'JOB'`, [dir.directoryId]);
      return row && Number(row.at_ms);
    }, 'the invite job’s event');
    expect(job).toBeGreaterThan(Date.parse(firstSync));
    expect(await lastSyncAt(dir.directoryId)).toBe(firstSync);

    // The directory's next request moves it again, within a few seconds.
    const readAt = Date.now();
    expect((await client.get('/Users?count=1')).status).toBe(200);
    const next = await eventually(async () => {
      const current = await lastSyncAt(dir.directoryId);
      return current && Date.parse(current) >= readAt ? current : undefined;
    }, 'lastSyncAt after the second request', 10_000);
    expect(Date.parse(next)).toBeGreaterThan(job);
  });
});
