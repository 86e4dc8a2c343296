import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestInvites } from '../../src/domain/cards/invites.service.js';
import { scimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { entraUser, eventually } from './helpers/jobs-host.js';
import { parseMessage, startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture.js';

const FAST_JOBS = { JOBS_POLL_INTERVAL_SECONDS: '0.5', JOBS_SWEEP_INTERVAL_SECONDS: '1', JOBS_RETRY_DELAY_SECONDS: '1' };
const LINK = /http:\/\/127\.0\.0\.1:\d+\/invites\/[A-Za-z0-9_-]{43}/;

let smtp: SmtpCapture;
let host: TestHost;
let dataDir: string;
beforeAll(async () => {
  smtp = await startSmtpCapture();
  dataDir = await mkdtemp(join(tmpdir(), 'cardbridge-invites-'));
  host = await startHost({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Contoso Cards <cards@contoso.example>', DATA_DIR: dataDir, ...FAST_JOBS } });
});
afterAll(async () => {
  await host?.close();
  await smtp?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

describe('invite e-mails over SMTP', () => {
  let organizationId: string;
  let userIds: string[];

  it('mails each user provisioned into a directory with invites on, once, with a working accept link', async () => {
    const dir = await host.createDirectory({ org: 'contoso', provider: 'entra', settings: { invitesEnabled: true } });
    organizationId = (await host.query<{ organization_id: string }>('select organization_id from directory where id = $1', [dir.directoryId]))[0]!.organization_id;
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    const created = await Promise.all([1, 2, 3].map((n) => client.post('/Users', entraUser(n))));
    expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
    userIds = created.map((r) => r.body.id as string);

    await eventually(() => smtp.messages.length >= 3, 20_000, 'three invite mails');
    await eventually(async () => (await host.query(`select 1 from app_user where invite_status = 'sent'`)).length === 3, 10_000, 'three users marked sent');
    expect(smtp.messages.map((m) => m.to).sort()).toEqual([['user1@contoso.example'], ['user2@contoso.example'], ['user3@contoso.example']]);
    for (const message of smtp.messages) {
      expect(message.from).toBe('cards@contoso.example');
      expect(message.subject).toBe('contoso invites you to your digital business card');
      expect(message.text).toMatch(LINK);
      expect(message.html).toContain('Accept invitation');
      expect(message.html).toContain(LINK.exec(message.text)![0]);
    }
    const rows = await host.query<{ invite_status: string; invited_at: string | null }>('select invite_status, invited_at from app_user where id = any($1::uuid[])', [userIds]);
    expect(rows.every((r) => r.invite_status === 'sent' && r.invited_at)).toBe(true);
    // only hashes are stored
    const stored = await host.query<{ hash: string }>(`select encode(token_hash, 'hex') as hash from invite_token`);
    const token = LINK.exec(smtp.messages[0]!.text)![0].split('/').pop()!;
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('shows the invite on GET without accepting it, accepts on POST, and stays accepted on a second POST', async () => {
    const link = LINK.exec(mailsTo('user1@contoso.example')[0]!.text)![0];
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('<form method="post">');
    expect((await host.query<{ invite_status: string }>('select invite_status from app_user where id = $1', [userIds[0]]))[0]!.invite_status).toBe('sent');

    const accepted = await fetch(link, { method: 'POST', redirect: 'manual' });
    expect(accepted.status).toBe(303);
    expect(new URL(accepted.headers.get('location')!, link).toString()).toBe(link);
    const confirmation = await fetch(link);
    expect(confirmation.status).toBe(200);
    expect(await confirmation.text()).toContain("You're all set");
    const [first] = await host.query<{ invite_status: string; invite_accepted_at: string }>('select invite_status, invite_accepted_at from app_user where id = $1', [userIds[0]]);
    expect(first!.invite_status).toBe('accepted');

    expect((await fetch(link, { method: 'POST', redirect: 'manual' })).status).toBe(303);
    const [again] = await host.query<{ invite_accepted_at: string }>('select invite_accepted_at from app_user where id = $1', [userIds[0]]);
    expect(again!.invite_accepted_at).toBe(first!.invite_accepted_at);
  });

  it('answers an unknown or malformed token with a 404 page', async () => {
    for (const token of ['A'.repeat(43), 'nope', 'x'.repeat(500)]) {
      const get = await fetch(`${host.url}/invites/${token}`);
      expect(get.status).toBe(404);
      expect(await get.text()).toContain('Invitation not found');
      expect((await fetch(`${host.url}/invites/${token}`, { method: 'POST' })).status).toBe(404);
    }
  });

  it('resends to users who have not accepted, never to the accepted one', async () => {
    const events = host.server.events;
    const result = await requestInvites(host.server.pool, events, organizationId, [...userIds, '00000000-0000-4000-8000-000000000000'], { resend: true });
    expect(result.queued.sort()).toEqual([userIds[1], userIds[2]].sort());
    expect(result.skipped).toEqual([
      { userId: userIds[0], reason: 'accepted' },
      { userId: '00000000-0000-4000-8000-000000000000', reason: 'notFound' },
    ]);
    await eventually(() => smtp.messages.length >= 5, 20_000, 'two resent mails');
    expect(mailsTo('user2@contoso.example')).toHaveLength(2);
    expect(mailsTo('user3@contoso.example')).toHaveLength(2);
    // the first link still works after a resend
    const firstLink = LINK.exec(mailsTo('user2@contoso.example')[0]!.text)![0];
    expect((await fetch(firstLink)).status).toBe(200);

    // without `resend`, users already mailed are skipped; an accepted user is never queued, not even by the sweep
    const again = await requestInvites(host.server.pool, events, organizationId, userIds);
    expect(again.queued).toEqual([]);
    expect(again.skipped.map((s) => s.reason).sort()).toEqual(['accepted', 'alreadyInvited', 'alreadyInvited']);
    const jobs = await host.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'invite-email' and singleton_key = $1`, [userIds[0]]);
    expect(jobs[0]!.n).toBe(1);
    expect(mailsTo('user1@contoso.example')).toHaveLength(1);
  });

  it('records each mail sent in the provisioning log', async () => {
    const events = await host.query<{ outcome: string; status: number; detail: string }>(`select outcome, status, detail from provisioning_event where operation = 'invite-email' and method = 'JOB'`);
    expect(events).toHaveLength(5);
    expect(events.every((e) => e.outcome === 'success' && e.status === 250)).toBe(true);
  });

  it('holds the invite of a user provisioned inactive until the directory activates them', async () => {
    const dir = await host.createDirectory({ org: 'contoso', provider: 'entra', name: 'inactive first', settings: { invitesEnabled: true } });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    const created = await client.post('/Users', entraUser(7, { active: false }));
    expect(created.status).toBe(201);
    await eventually(async () => (await host.query(`select 1 from pgboss.job where name = 'invite-email' and singleton_key = $1 and state = 'completed'`, [created.body.id])).length === 1, 10_000, 'the job to run');
    expect(mailsTo('user7@contoso.example')).toHaveLength(0);
    expect((await host.query<{ invite_status: string }>('select invite_status from app_user where id = $1', [created.body.id]))[0]!.invite_status).toBe('pending');

    const activated = await client.patch(`/Users/${created.body.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: true }] });
    expect(activated.status).toBe(200);
    await eventually(() => mailsTo('user7@contoso.example').length === 1, 20_000, 'the invite after activation');
  });

  it('does not mail users of a directory with invites off, nor users without an e-mail address', async () => {
    const off = await host.createDirectory({ org: 'contoso', provider: 'entra', name: 'no invites' });
    expect((await scimClient(off.tenantUrl, off.secretToken).post('/Users', entraUser(9))).status).toBe(201);
    const on = await host.createDirectory({ org: 'contoso', provider: 'entra', name: 'invites, no mail', settings: { invitesEnabled: true } });
    const noMail = await scimClient(on.tenantUrl, on.secretToken).post('/Users', entraUser(10, { emails: undefined }));
    expect(noMail.status).toBe(201);
    const rows = await host.query<{ invite_status: string }>(`select invite_status from app_user where user_name in ('user9@contoso.example', 'user10@contoso.example')`);
    expect(rows.map((r) => r.invite_status)).toEqual(['none', 'none']);
  });
});

describe('invite e-mails without SMTP_URL', () => {
  it('writes an .eml file to DATA_DIR/outbox', async () => {
    const outboxDir = await mkdtemp(join(tmpdir(), 'cardbridge-outbox-'));
    const devHost = await startHost({ env: { DATA_DIR: outboxDir, ...FAST_JOBS } });
    try {
      const dir = await devHost.createDirectory({ org: 'fabrikam', provider: 'entra', settings: { invitesEnabled: true } });
      expect((await scimClient(dir.tenantUrl, dir.secretToken).post('/Users', entraUser(4))).status).toBe(201);
      const files = await eventually(async () => {
        const names = await readdir(join(outboxDir, 'outbox')).catch(() => []);
        return names.filter((n) => n.endsWith('.eml')).length ? names : undefined;
      }, 20_000, 'an .eml file');
      expect(files).toHaveLength(1);
      const raw = await readFile(join(outboxDir, 'outbox', files[0]!), 'utf8');
      expect(raw).toMatch(/^To: user4@contoso\.example/m);
      expect(parseMessage(raw).text).toMatch(LINK);
      await eventually(async () => (await devHost.query(`select 1 from app_user where invite_status = 'sent'`)).length === 1, 10_000, 'the user marked sent');
    } finally {
      await devHost.close();
      await rm(outboxDir, { recursive: true, force: true });
    }
  });
});
