import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import entra from '../../plugins/entra/src/index.js';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/db/embedded-postgres.js';
import { sealSecret } from '../../src/domain/directories/secret-box.js';
import { defaultRoutes } from '../../src/host/default-routes.js';
import { startServer, type RunningServer } from '../../src/host/start-server.js';
import { TEST_JWT_SECRET } from '../../src/testkit/host.js';
import { scimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { startFakeGraph, type FakeGraph } from '../jobs/helpers/fake-graph.js';
import { entraUser, eventually, TEST_ENCRYPTION_KEY } from '../jobs/helpers/jobs-host.js';

// Issue 14 item 2, photo sync: two instances on one PostgreSQL, both running pg-boss workers, the event listener
// that queues a photo job per written user, and the sweep that queues users still owed one (every second here).
// Each user's photo must be fetched from Microsoft Graph once, whichever instance took the SCIM request.

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '5a9b3c1d-2e4f-4a6b-8c7d-9e0f1a2b3c4d';
const SECRET = 'Xy8Q~two-instances-photo-secret';
const USERS = Array.from({ length: 16 }, (_, i) => i + 700);

let graph: FakeGraph;
let a: TestHost;
let b: RunningServer;

beforeAll(async () => {
  graph = await startFakeGraph();
  const env = {
    JOBS_POLL_INTERVAL_SECONDS: '0.5', JOBS_SWEEP_INTERVAL_SECONDS: '1', ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    MS_GRAPH_URL: graph.graphUrl, MS_LOGIN_URL: graph.loginUrl,
  };
  a = await startHost({ plugins: [entra], env });
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: a.config.publicUrl, LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: TEST_JWT_SECRET, DB_POOL_MAX: '5', SHUTDOWN_TIMEOUT_MS: '5000', ...env,
  });
  b = await startServer({ config, log: pino({ level: 'silent' }), databaseUrl: a.databaseUrl, plugins: [entra], routes: defaultRoutes });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await graph?.close();
});

describe('two instances on one database', () => {
  it('fetches each provisioned user’s photo exactly once though both instances run photo-sync workers and sweeps', async () => {
    const dir = await a.createDirectory({ org: 'photos', provider: 'entra', seats: 50 });
    // Photo sync on, the way the admin API stores it: settings plus the secret sealed for this directory.
    await a.query(`update directory set settings = settings || jsonb_build_object('photoSync', $2::jsonb), photo_client_secret_enc = $3 where id = $1`, [
      dir.directoryId, JSON.stringify({ enabled: true, tenantId: TENANT, clientId: CLIENT }), sealSecret(TEST_ENCRYPTION_KEY, SECRET, dir.directoryId),
    ]);
    const graphIds = USERS.map((n) => entraUser(n).externalId as string);
    for (const id of graphIds) graph.answer(id, { status: 200, contentType: 'image/jpeg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(256)]) });

    const urls = [a.url, b.url];
    const created = await Promise.all(USERS.map((n) => scimClient(`${urls[n % 2]}/scim/entra/${dir.directoryId}`, dir.secretToken).post('/Users', entraUser(n))));
    expect(created.map((r) => r.status)).toEqual(USERS.map(() => 201));
    const userIds = created.map((r) => r.body.id as string);

    const stored = () => a.query<{ n: number }>('select count(*)::int as n from user_photo where user_id = any($1::uuid[])', [userIds]);
    await eventually(async () => (await stored())[0]!.n === USERS.length, 30_000, 'every photo stored');
    await eventually(async () => (await a.query(`select 1 from pgboss.job where name = 'photo-sync' and state in ('created', 'retry', 'active')`)).length === 0, 10_000, 'photo queue drained');
    // A duplicate would come from the other instance's sweep queueing a user again after its job completed. That is
    // an absence, which no condition can be polled for: give both sweeps three passes (1 s each) before counting.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const perUser = new Map<string, number>();
    for (const request of graph.photoRequests) perUser.set(request.userId, (perUser.get(request.userId) ?? 0) + 1);
    expect(Object.fromEntries(perUser)).toEqual(Object.fromEntries(graphIds.map((id) => [id, 1])));

    const events = await a.query<{ resource_id: string; outcome: string; status: number }>(
      `select resource_id, outcome, status from provisioning_event where operation = 'photo-sync' and directory_id = $1`, [dir.directoryId]);
    expect(events.map((e) => e.resource_id).sort()).toEqual([...userIds].sort());
    expect(events.filter((e) => e.outcome !== 'success' || e.status !== 200)).toEqual([]);

    // App tokens are cached per process (not shared through the database): one token request per instance that
    // took a job, at most two, and every photo request carried one of the tokens issued.
    const tokens = new Set(graph.photoRequests.map((r) => r.authorization));
    expect(graph.tokenRequests.length).toBeGreaterThanOrEqual(1);
    expect(graph.tokenRequests.length).toBeLessThanOrEqual(2);
    expect(tokens.size).toBe(graph.tokenRequests.length);
    console.log(`[two-instances-photos] ${JSON.stringify({ users: USERS.length, photoRequests: graph.photoRequests.length, tokenRequests: graph.tokenRequests.length })}`);
  });
});
