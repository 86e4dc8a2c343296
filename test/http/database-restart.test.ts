/**
 * The server survives its database restarting under load: no crash, nothing acknowledged lost, requests during
 * the outage answered 503 in the protocol's shape, and /readyz recovering by itself. Runs its own PostgreSQL
 * (the shared one serves the other test files).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';
import { startTestHost, type TestHost } from '../../src/testkit/host.js';
import { scimClient } from '../../src/testkit/scim-client.js';

const log = pino({ level: 'silent' });
let dataDir: string | undefined;
let postgres: EmbeddedDatabase | undefined;
let host: TestHost | undefined;

afterAll(async () => {
  await host?.close().catch(() => {});
  await postgres?.stop().catch(() => {});
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readyz(url: string): Promise<number> {
  return (await fetch(`${url}/readyz`)).status;
}

describe('database restart under load', () => {
  it('keeps serving, loses nothing acknowledged and becomes ready again by itself', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cardbridge-restart-'));
    await chmod(dataDir, 0o755);
    postgres = await startEmbeddedPostgres(dataDir, log);
    const port = postgres.port;
    // The server migrates its own database at start, so template1 is a fine template here.
    host = await startTestHost({ postgres: { adminUrl: postgres.url, templateDatabase: 'template1' }, env: { SCIM_RATE_LIMIT_PER_SECOND: '10000' } });
    const dir = await host.createDirectory({ org: 'restart', provider: 'entra', seats: 100_000 });
    const client = scimClient(dir.tenantUrl, dir.secretToken);

    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    const badBodies: unknown[] = [];
    let running = true;
    let sequence = 0;
    const worker = async () => {
      while (running) {
        const n = sequence++;
        const response = await client.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `load${n}@restart.example`, active: true });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 201) acknowledged.push(response.body.id);
        else if (response.body?.schemas?.[0] !== 'urn:ietf:params:scim:api:messages:2.0:Error') badBodies.push(response.body);
        if (response.status !== 201) await sleep(20);
      }
    };
    const workers = Array.from({ length: 4 }, worker);

    await sleep(400);
    await postgres.stop();
    await sleep(1500);
    expect(await readyz(host.url)).toBe(503);
    expect((await fetch(`${host.url}/healthz`)).status).toBe(200);

    postgres = await startEmbeddedPostgres(dataDir, log, { port });
    const deadline = Date.now() + 20_000;
    while ((await readyz(host.url)) !== 200) {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(100);
    }
    const acknowledgedBeforeRecovery = acknowledged.length;
    await sleep(500);
    running = false;
    await Promise.all(workers);

    // Only successes and "come back later" answers, all in SCIM's error shape; the outage was seen.
    expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(badBodies).toEqual([]);
    // It serves again after the restart …
    expect(acknowledged.length).toBeGreaterThan(acknowledgedBeforeRecovery);
    // … and every create it acknowledged is in the database, with its card and seat.
    const rows = await host.query<{ users: number; cards: number; seats: number }>(
      `select count(*)::int as users, count(c.id)::int as cards, count(s.id)::int as seats
       from app_user u left join card c on c.user_id = u.id left join seat s on s.user_id = u.id where u.id = any($1::uuid[])`,
      [acknowledged],
    );
    expect(rows[0]).toEqual({ users: acknowledged.length, cards: acknowledged.length, seats: acknowledged.length });
  });
});
