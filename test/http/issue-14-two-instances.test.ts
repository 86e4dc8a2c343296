import { createClient, type Client } from 'graphql-ws';
import pino from 'pino';
import WebSocket from 'ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import entra from '../../plugins/entra/src/index.js';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/db/embedded-postgres.js';
import { defaultRoutes } from '../../src/host/default-routes.js';
import { startServer, type RunningServer } from '../../src/host/start-server.js';
import { TEST_JWT_SECRET } from '../../src/testkit/host.js';
import { scimClient } from '../../src/testkit/scim-client.js';
import { entraUser, gql, productToken } from '../graphql/graphql-helpers.js';
import { probePlugin } from '../helpers/probe-plugin.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { eventually } from '../jobs/helpers/jobs-host.js';
import { startSmtpCapture, type SmtpCapture } from '../jobs/helpers/smtp-capture.js';

// Issue 14 item 2: two instances on one PostgreSQL. Two hosts in this process: each has its own token cache, rate
// and concurrency limiters, LISTEN connection, pool and pg-boss workers; they share only the database, as two
// processes behind a load balancer do. Figures are printed with [two-instances] for the release note.

const pendingSlow: (() => void)[] = [];
const probe = probePlugin({ onSlow: (release) => void pendingSlow.push(release) });
let smtp: SmtpCapture;
let a: TestHost;
let b: RunningServer;
let urls: string[];
const clients: Client[] = [];
const figures: Record<string, unknown> = {};

const ENV = { JOBS_POLL_INTERVAL_SECONDS: '0.5', JOBS_SWEEP_INTERVAL_SECONDS: '1', SCIM_MAX_CONCURRENT_PER_DIRECTORY: '16' };

beforeAll(async () => {
  smtp = await startSmtpCapture();
  a = await startHost({ plugins: [entra, probe], env: { ...ENV, SMTP_URL: smtp.url } });
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: a.config.publicUrl, LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: TEST_JWT_SECRET, DB_POOL_MAX: '5', SHUTDOWN_TIMEOUT_MS: '5000', SMTP_URL: smtp.url, ...ENV,
  });
  b = await startServer({ config, log: pino({ level: 'silent' }), databaseUrl: a.databaseUrl, plugins: [entra, probe], routes: defaultRoutes });
  urls = [a.url, b.url];
  // Each hears the other's heartbeat within a second or so.
  await eventually(() => a.server.instances.count() === 2 && b.instances.count() === 2, 10_000, 'both instances counting two');
});
afterAll(async () => {
  for (const release of pendingSlow.splice(0)) release();
  for (const client of clients) await client.dispose();
  await b?.close();
  await a?.close();
  await smtp?.close();
  console.log(`[two-instances] ${JSON.stringify(figures)}`);
});

/** The Tenant URL of `directoryId` on instance `url` (same directory, other front door). */
const tenantOn = (url: string, directoryId: string) => `${url}/scim/entra/${directoryId}`;

async function status(url: string, directoryId: string, token: string): Promise<number> {
  const response = await fetch(`${tenantOn(url, directoryId)}/Users?count=1`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

/** Polls both instances until both answer `expected`; returns ms from `since` until the last one did. */
async function untilBoth(since: number, check: (url: string) => Promise<boolean>): Promise<number> {
  const took: number[] = [];
  await Promise.all(urls.map(async (url) => {
    await eventually(() => check(url), 5_000, `change seen on ${url}`);
    took.push(performance.now() - since);
  }));
  return Math.max(...took);
}

describe('two instances on one database', () => {
  it('token rotation, disabling and a settings change take effect on both within a second', async () => {
    const dir = await a.createDirectory({ org: 'rotate', provider: 'entra' });
    const admin = await productToken({ org: 'rotate', role: 'admin' });
    // Both token caches hold the token before each change.
    for (const url of urls) expect(await status(url, dir.directoryId, dir.secretToken)).toBe(200);
    let since = performance.now();
    const rotated = await gql(a, 'mutation($input: RotateDirectoryTokenInput!) { rotateDirectoryToken(input: $input) { secretToken } }', { input: { directoryId: dir.directoryId, overlapSeconds: 0 } }, admin);
    expect(rotated.errors).toBeUndefined();
    const token = rotated.data.rotateDirectoryToken.secretToken as string;
    figures.rotationMs = Math.round(await untilBoth(since, async (url) => (await status(url, dir.directoryId, dir.secretToken)) === 401));
    for (const url of urls) expect(await status(url, dir.directoryId, token)).toBe(200);

    const update = (input: Record<string, unknown>) => gql(a, 'mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) { directory { id } } }', { input: { directoryId: dir.directoryId, ...input } }, admin);
    since = performance.now();
    expect((await update({ status: 'DISABLED' })).errors).toBeUndefined();
    figures.disableMs = Math.round(await untilBoth(since, async (url) => (await status(url, dir.directoryId, token)) === 403));
    expect((await update({ status: 'ACTIVE' })).errors).toBeUndefined();
    await untilBoth(performance.now(), async (url) => (await status(url, dir.directoryId, token)) === 200);

    // The deprovision policy travels in the cached principal: a user created inactive on either instance right
    // after the change gets a public card only once that instance dropped its cached settings.
    since = performance.now();
    expect((await update({ deprovisionPolicy: 'KEEP_PUBLIC' })).errors).toBeUndefined();
    let n = 0;
    figures.settingsMs = Math.round(await untilBoth(since, async (url) => {
      const created = await scimClient(tenantOn(url, dir.directoryId), token).post('/Users', { ...entraUser(++n, `p${url.slice(-5)}.example`), active: false });
      expect(created.status).toBe(201);
      const [card] = await a.query<{ status: string }>('select c.status from card c where c.user_id = $1', [created.body.id]);
      return card?.status === 'active';
    }));
    for (const key of ['rotationMs', 'disableMs', 'settingsMs']) expect(figures[key]).toBeLessThan(1_000);
  });

  it('delivers every provisioning event exactly once to a subscriber on either instance, whichever served it', async () => {
    const dir = await a.createDirectory({ org: 'live', provider: 'entra', seats: 100 });
    const token = await productToken({ org: 'live', role: 'admin' });
    const seen = urls.map(() => new Map<string, number>());
    const subscriptions = urls.map((url, i) => {
      const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      clients.push(client);
      return (async () => {
        for await (const result of client.iterate({ query: 'subscription { provisioningEvents { id operation status } }' })) {
          const id = (result.data as { provisioningEvents: { id: string } }).provisioningEvents.id;
          seen[i]!.set(id, (seen[i]!.get(id) ?? 0) + 1);
        }
      })();
    });
    void subscriptions;
    // Subscribed once a write made through either instance reaches both subscribers.
    const warmUp = scimClient(tenantOn(a.url, dir.directoryId), dir.secretToken);
    await eventually(async () => {
      await warmUp.get('/Users?count=1');
      return seen.every((m) => m.size > 0);
    }, 10_000, 'both subscribers live');
    const before = seen.map((m) => new Set(m.keys()));
    const users = Array.from({ length: 40 }, (_, i) => i + 100);
    // In rounds of 12 parallel creates (6 per instance, under each instance's share of the concurrency limit).
    for (let i = 0; i < users.length; i += 12) {
      const round = users.slice(i, i + 12);
      const created = await Promise.all(round.map((n) => scimClient(tenantOn(urls[n % 2]!, dir.directoryId), dir.secretToken).post('/Users', entraUser(n, 'live.example'))));
      expect(created.map((r) => r.status)).toEqual(round.map(() => 201));
    }
    const logged = await a.query<{ id: string }>(`select id::text from provisioning_event where directory_id = $1 and operation = 'create'`, [dir.directoryId]);
    expect(logged).toHaveLength(40);
    await eventually(() => seen.every((m) => logged.every((e) => m.has(e.id))), 10_000, 'every create on both subscribers');
    for (const [i, m] of seen.entries()) {
      const fresh = [...m].filter(([id]) => !before[i]!.has(id));
      expect(fresh.filter(([, count]) => count !== 1)).toEqual([]);
    }
    figures.liveEvents = { creates: 40, perSubscriber: seen.map((m) => m.size) };
  });

  it('holds the per-directory rate limit across instances, not per instance', async () => {
    const perSecond = 10;
    const dir = await a.createDirectory({ org: 'rate', provider: 'entra', settings: { rateLimitPerSecond: perSecond } });
    const started = performance.now();
    // 6N requests inside about a second, alternating between the instances: more than one instance admits (its
    // burst of 2N plus N per second), about as many as two unshared instances would.
    const answers = await Promise.all(Array.from({ length: 6 * perSecond }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * 1000) / (6 * perSecond)));
      return await status(urls[i % 2]!, dir.directoryId, dir.secretToken);
    }));
    const seconds = (performance.now() - started) / 1000;
    const accepted = answers.filter((s) => s === 200).length;
    expect(answers.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    // One instance alone admits its burst (2N) plus N per second; two instances each with the full rate would admit
    // twice that. Shared, the total stays at the single-instance bound.
    const bound = 2 * perSecond + perSecond * seconds;
    figures.rateLimit = { perSecond, sent: answers.length, accepted, seconds: Number(seconds.toFixed(2)), singleInstanceBound: Math.round(bound) };
    expect(accepted).toBeLessThanOrEqual(Math.ceil(bound) + 2);
    expect(accepted).toBeGreaterThanOrEqual(2 * perSecond - 2);
  });

  it('holds the per-directory concurrency limit across instances', async () => {
    const max = 16;
    const dir = await a.createDirectory({ org: 'busy', provider: 'probe' });
    const answers = Array.from({ length: 2 * max }, (_, i) =>
      fetch(`${urls[i % 2]}/scim/probe/${dir.directoryId}/slow`, { headers: { authorization: `Bearer ${dir.secretToken}` } }).then(async (r) => (await r.arrayBuffer(), r.status)));
    // The refused ones answer at once; the admitted ones wait in the slow route.
    const refused: number[] = [];
    await eventually(async () => {
      const settled = await Promise.all(answers.map((p) => Promise.race([p, new Promise<number>((resolve) => setImmediate(() => resolve(0)))])));
      refused.splice(0, refused.length, ...settled.filter((s) => s === 429));
      return pendingSlow.length + refused.length === 2 * max;
    }, 10_000, 'every slow request admitted or refused');
    figures.concurrency = { max, sent: 2 * max, inProgress: pendingSlow.length, refused: refused.length };
    expect(pendingSlow.length).toBe(max);
    for (const release of pendingSlow.splice(0)) release();
    expect((await Promise.all(answers)).filter((s) => s === 200)).toHaveLength(max);
  });

  it('mails each provisioned user exactly once though both instances run job workers', async () => {
    const dir = await a.createDirectory({ org: 'invites', provider: 'entra', settings: { invitesEnabled: true } });
    const users = Array.from({ length: 12 }, (_, i) => i + 300);
    const created = await Promise.all(users.map((n) => scimClient(tenantOn(urls[n % 2]!, dir.directoryId), dir.secretToken).post('/Users', entraUser(n, 'invites.example'))));
    expect(created.map((r) => r.status)).toEqual(users.map(() => 201));
    await eventually(async () => (await a.query(`select 1 from app_user where directory_id = $1 and invite_status = 'sent'`, [dir.directoryId])).length === users.length, 20_000, 'every invite sent');
    // Both workers polled the queue for several rounds after the last send; a duplicate would have gone out by now.
    await eventually(async () => (await a.query(`select 1 from pgboss.job where state in ('created', 'retry', 'active')`)).length === 0, 10_000, 'queue drained');
    const recipients = smtp.messages.flatMap((m) => m.to).filter((to) => to.endsWith('@invites.example'));
    figures.invites = { users: users.length, mails: recipients.length };
    expect(recipients.sort()).toEqual(users.map((n) => `user${n}@invites.example`).sort());
  });

  it('holds the seat limit under parallel creates split across both instances', async () => {
    const seats = 5;
    const dir = await a.createDirectory({ org: 'seats', provider: 'entra', seats });
    const users = Array.from({ length: 3 * seats }, (_, i) => i + 500);
    const created = await Promise.all(users.map((n) => scimClient(tenantOn(urls[n % 2]!, dir.directoryId), dir.secretToken).post('/Users', entraUser(n, 'seats.example'))));
    const statuses = created.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(seats);
    expect(statuses.filter((s) => s === 403)).toHaveLength(2 * seats);
    for (const refusal of created.filter((r) => r.status === 403)) expect(refusal.body.detail).toMatch(/seat/i);
    const [used] = await a.query<{ used: number; users: number }>(
      `select (select count(*)::int from seat where organization_id = $1 and user_id is not null) as used,
              (select count(*)::int from app_user where organization_id = $1) as users`, [dir.organizationId]);
    expect(used).toEqual({ used: seats, users: seats });
    figures.seats = { limit: seats, sent: users.length, created: seats, refused: 2 * seats };
  });
});

describe('two instances starting at once on an empty database', () => {
  it('migrates it once: the second waits for the first and finds nothing pending', async () => {
    const name = `cb_two_start_${process.pid}`;
    const admin = new pg.Client({ connectionString: inject('adminUrl') });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      const url = new URL(inject('adminUrl'));
      url.pathname = `/${name}`;
      const start = async () => {
        const port = await freePort();
        const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_JWT_SECRET, DB_POOL_MAX: '3', SHUTDOWN_TIMEOUT_MS: '5000' });
        return await startServer({ config, log: pino({ level: 'silent' }), databaseUrl: url.toString(), plugins: [entra] });
      };
      const started = await Promise.allSettled([start(), start()]);
      for (const result of started) if (result.status === 'fulfilled') await result.value.close();
      expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'started'))).toEqual(['started', 'started']);
      const check = new pg.Client({ connectionString: url.toString() });
      await check.connect();
      const rows = (await check.query<{ name: string; n: number }>('select name, count(*)::int as n from mikro_orm_migrations group by name')).rows;
      await check.end();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    }
  });
});
