import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded-postgres.js';
import { pendingInviteUserIds, requestInvites } from '../../src/domain/cards/invites.service.js';
import { entraUser, eventually, startJobsHost, type JobsHost } from './helpers/jobs-host.js';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function smtpServer(): Promise<SmtpCapture> {
  const smtp = await startSmtpCapture();
  cleanups.push(() => smtp.close());
  return smtp;
}

async function jobsHost(env: Record<string, string>, reuse?: JobsHost): Promise<JobsHost> {
  const host = await startJobsHost({ env, database: reuse?.database, dataDir: reuse?.dataDir });
  cleanups.push(() => host.close());
  return host;
}

const inviteEvents = (host: JobsHost) =>
  host.query<{ outcome: string; status: number; detail: string }>(`select outcome, status, detail from provisioning_event where operation = 'invite-email' order by id`);

describe('invite e-mails when SMTP is slow or failing', () => {
  it('answers the SCIM create at once while a slow SMTP server takes seconds; the mail arrives afterwards', async () => {
    const smtp = await smtpServer();
    smtp.delay(1500);
    const host = await jobsHost({ SMTP_URL: smtp.url });
    const { client } = await host.entraDirectory('slow-smtp', { invitesEnabled: true });
    const started = performance.now();
    const created = await client.post('/Users', entraUser(1));
    const elapsed = performance.now() - started;
    expect(created.status).toBe(201);
    expect(elapsed).toBeLessThan(1000);
    expect(smtp.messages).toHaveLength(0);
    await eventually(() => smtp.messages.length === 1, 20_000, 'the mail');
  });

  it('retries a temporary refusal (451) with back-off until the mail is accepted, logging each attempt', async () => {
    const smtp = await smtpServer();
    smtp.failNext(2, 451);
    const host = await jobsHost({ SMTP_URL: smtp.url });
    const { client } = await host.entraDirectory('flaky-smtp', { invitesEnabled: true });
    const started = performance.now();
    const created = await client.post('/Users', entraUser(2));
    expect(created.status).toBe(201);
    expect(performance.now() - started).toBeLessThan(1000);
    await eventually(() => smtp.messages.length === 1, 25_000, 'the mail after two refusals');
    expect(smtp.attempts).toBe(3);
    expect(smtp.messages[0]!.to).toEqual(['user2@contoso.example']);
    const events = await eventually(async () => ((await inviteEvents(host)).length === 3 ? inviteEvents(host) : undefined), 5000, 'three events');
    expect(events.map((e) => [e.outcome, e.status])).toEqual([
      ['failure', 451],
      ['failure', 451],
      ['success', 250],
    ]);
    expect(events[0]!.detail).toMatch(/attempt 1 of 6; will retry/);
    const [user] = await host.query<{ invite_status: string }>('select invite_status from app_user where id = $1', [created.body.id]);
    expect(user!.invite_status).toBe('sent');
  });

  it('gives up at once on a permanent refusal (550); the sweep leaves the user alone until an admin resends', async () => {
    const smtp = await smtpServer();
    smtp.failNext(1, 550);
    const host = await jobsHost({ SMTP_URL: smtp.url });
    const { client, organizationId } = await host.entraDirectory('bouncing', { invitesEnabled: true });
    const created = await client.post('/Users', entraUser(3));
    const userId = created.body.id as string;
    const [failed] = await eventually(async () => {
      const rows = await host.query<{ invite_failed_at: string | null; invite_status: string }>('select invite_failed_at, invite_status from app_user where id = $1', [userId]);
      return rows[0]?.invite_failed_at ? rows : undefined;
    }, 20_000, 'the invite marked failed');
    expect(failed!.invite_status).toBe('pending');
    expect(smtp.attempts).toBe(1);
    expect((await inviteEvents(host)).map((e) => [e.outcome, e.status, /gave up/.test(e.detail)])).toEqual([['failure', 550, true]]);
    expect(await pendingInviteUserIds(host.server.pool, 100)).not.toContain(userId);

    const resent = await requestInvites(host.server.pool, host.server.events, organizationId, [userId], { resend: true });
    expect(resent.queued).toEqual([userId]);
    await eventually(() => smtp.messages.length === 1, 20_000, 'the resent mail');
    expect(smtp.attempts).toBe(2);
  });
});

describe('invite e-mails survive a restart', () => {
  it('keeps failed sends queued across a shutdown; a new process on the same database delivers every mail once', async () => {
    const downPort = await freePort();
    const first = await jobsHost({ SMTP_URL: `smtp://127.0.0.1:${downPort}` });
    const { client } = await first.entraDirectory('restart', { invitesEnabled: true });
    const ids: string[] = [];
    for (const n of [11, 12, 13]) {
      const created = await client.post('/Users', entraUser(n));
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    // every user's job has failed at least once and waits for its retry in PostgreSQL
    await eventually(async () => {
      const rows = await first.query<{ n: number }>(`select count(distinct singleton_key)::int as n from pgboss.job where name = 'invite-email' and state = 'retry'`);
      return rows[0]!.n === 3;
    }, 20_000, 'three jobs in retry');
    const failures = await inviteEvents(first);
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures.every((e) => e.outcome === 'failure' && e.status === 502 && /SMTP unreachable: ECONNREFUSED/.test(e.detail))).toBe(true);
    await first.stop();

    const smtp = await startSmtpCapture({ port: downPort });
    cleanups.push(() => smtp.close());
    const second = await jobsHost({ SMTP_URL: smtp.url }, first);
    await eventually(() => smtp.messages.length === 3, 30_000, 'three mails after the restart');
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['user11@contoso.example', 'user12@contoso.example', 'user13@contoso.example']);
    await eventually(async () => (await second.query(`select 1 from app_user where id = any($1::uuid[]) and invite_status = 'sent'`, [ids])).length === 3, 10_000, 'users marked sent');
    expect(smtp.messages).toHaveLength(3);
  });

  it('mails a user whose invite was committed but whose event was lost (a crash between commit and queue)', async () => {
    const smtp = await smtpServer();
    const host = await jobsHost({ SMTP_URL: smtp.url });
    const { client } = await host.entraDirectory('lost-event');
    const created = await client.post('/Users', entraUser(21));
    expect(created.status).toBe(201);
    // What the provisioning transaction commits for a directory with invites on, without the event that follows it.
    await host.query(`update app_user set invite_status = 'pending' where id = $1`, [created.body.id]);
    await eventually(() => smtp.messages.length === 1, 20_000, 'the mail queued by the sweep');
    expect(smtp.messages[0]!.to).toEqual(['user21@contoso.example']);
  });
});
