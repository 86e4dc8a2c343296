import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealSecret } from '../../src/domain/directories/secret-box.js';
import { entraUser, eventually, startJobsHost, TEST_ENCRYPTION_KEY, type JobsHost } from './helpers/jobs-host.js';
import { startFakeGraph, type FakeGraph } from './helpers/fake-graph.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '5a9b3c1d-2e4f-4a6b-8c7d-9e0f1a2b3c4d';
const SECRET = 'Xy8Q~photo-sync-client-secret-value';
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size)]);
const externalIdOf = (n: number) => entraUser(n).externalId as string;

let graph: FakeGraph;
let host: JobsHost;
beforeAll(async () => {
  graph = await startFakeGraph();
  host = await startJobsHost({ env: { MS_GRAPH_URL: graph.graphUrl, MS_LOGIN_URL: graph.loginUrl } });
});
afterAll(async () => {
  await host?.close();
  await graph?.close();
});

/** Turns photo sync on the way the admin API stores it: settings plus the secret sealed for this directory. */
async function enablePhotoSync(directoryId: string, clientId = CLIENT): Promise<void> {
  await host.query(`update directory set settings = settings || jsonb_build_object('photoSync', $2::jsonb), photo_client_secret_enc = $3 where id = $1`, [
    directoryId,
    JSON.stringify({ enabled: true, tenantId: TENANT, clientId }),
    sealSecret(TEST_ENCRYPTION_KEY, SECRET, directoryId),
  ]);
}

const photoEvents = (userId: string) =>
  host.query<{ outcome: string; status: number; path: string; detail: string; method: string }>(
    `select outcome, status, path, detail, method from provisioning_event where operation = 'photo-sync' and resource_id = $1 order by id`,
    [userId],
  );
const photoOf = async (userId: string) => (await host.query<{ content_type: string; data: Buffer }>('select content_type, data from user_photo where user_id = $1', [userId]))[0];
const untilEvents = (userId: string, count: number) =>
  eventually(async () => ((await photoEvents(userId)).length >= count ? photoEvents(userId) : undefined), 20_000, `${count} photo events of ${userId}`);

describe('profile photos from Microsoft Graph', () => {
  let client: Awaited<ReturnType<JobsHost['entraDirectory']>>['client'];
  const users: Record<number, string> = {};

  it('stores the photo of each provisioned user with one cached app token; a user without a photo is not an error', async () => {
    const dir = await host.entraDirectory('photos');
    client = dir.client;
    await enablePhotoSync(dir.directoryId);
    const photo = jpeg(2048);
    graph.answer(externalIdOf(1), { status: 200, contentType: 'image/jpeg', data: photo });
    graph.answer('user3@contoso.example', { status: 200, contentType: 'image/png', data: Buffer.from('png-bytes') });
    for (const [n, extra] of [[1, {}], [2, {}], [3, { externalId: 'alias3' }]] as const) {
      const created = await client.post('/Users', entraUser(n, extra));
      expect(created.status).toBe(201);
      users[n] = created.body.id;
    }
    const [first] = await untilEvents(users[1]!, 1);
    const [none] = await untilEvents(users[2]!, 1);
    await untilEvents(users[3]!, 1);

    expect(first).toMatchObject({ outcome: 'success', status: 200, method: 'JOB', path: `/users/${externalIdOf(1)}/photo/$value` });
    expect(first!.detail).toBe(`photo stored (${photo.length} bytes, image/jpeg)`);
    const stored = await photoOf(users[1]!);
    expect(stored!.content_type).toBe('image/jpeg');
    expect(Buffer.compare(stored!.data, photo)).toBe(0);
    // and the public card serves those bytes
    const [card] = await host.query<{ slug: string }>('select slug from card where user_id = $1', [users[1]]);
    const served = await fetch(`${host.url}/c/${card!.slug}/photo`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.compare(Buffer.from(await served.arrayBuffer()), photo)).toBe(0);

    expect(none).toMatchObject({ outcome: 'success', status: 404, detail: 'the user has no photo in Microsoft Graph' });
    expect(await photoOf(users[2]!)).toBeUndefined();
    // externalId is not a GUID here: Graph is asked by userName (the UPN)
    expect((await photoOf(users[3]!))!.data.toString()).toBe('png-bytes');
    expect(graph.photoRequests.map((r) => r.userId)).toContain('user3@contoso.example');

    const checked = await host.query<{ n: number }>('select count(*)::int as n from app_user where id = any($1::uuid[]) and photo_checked_at is not null', [Object.values(users)]);
    expect(checked[0]!.n).toBe(3);
    expect(graph.tokenRequests).toHaveLength(1);
    expect(graph.tokenPaths[0]).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(Object.fromEntries(graph.tokenRequests[0]!)).toEqual({ grant_type: 'client_credentials', client_id: CLIENT, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' });
    expect(new Set(graph.photoRequests.map((r) => r.authorization))).toEqual(new Set(['Bearer app-token-1']));
  });

  it('retries a Graph failure (500, then 200) and records the failed attempt', async () => {
    const photo = jpeg(512);
    graph.answer(externalIdOf(4), { status: 500 }, { status: 200, contentType: 'image/jpeg', data: photo });
    const created = await client.post('/Users', entraUser(4));
    users[4] = created.body.id;
    const events = await untilEvents(users[4]!, 2);
    expect(events.map((e) => [e.outcome, e.status])).toEqual([
      ['failure', 500],
      ['success', 200],
    ]);
    expect(events[0]!.detail).toBe('Graph answered 500 UnknownError (attempt 1 of 6; will retry)');
    expect(Buffer.compare((await photoOf(users[4]!))!.data, photo)).toBe(0);
    expect(graph.tokenRequests).toHaveLength(1);
  });

  it('fetches the photo again when the directory updates the user', async () => {
    const changed = jpeg(1024);
    graph.answer(externalIdOf(1), { status: 200, contentType: 'image/jpeg', data: changed });
    const patched = await client.patch(`/Users/${users[1]}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'displayName', value: 'User One' }],
    });
    expect(patched.status).toBe(200);
    await untilEvents(users[1]!, 2);
    expect(Buffer.compare((await photoOf(users[1]!))!.data, changed)).toBe(0);
  });

  it('syncs users provisioned before photo sync was turned on (the sweep)', async () => {
    const dir = await host.entraDirectory('photos-later');
    const created = await dir.client.post('/Users', entraUser(5));
    graph.answer(externalIdOf(5), { status: 200, contentType: 'image/jpeg', data: jpeg(64) });
    await enablePhotoSync(dir.directoryId);
    const [event] = await untilEvents(created.body.id, 1);
    expect(event).toMatchObject({ outcome: 'success', status: 200 });
  });

  it('records a refused token request as a failure with Microsoft’s error code, and succeeds once the token is granted', async () => {
    const dir = await host.entraDirectory('photos-bad-secret');
    await enablePhotoSync(dir.directoryId, '0f0e0d0c-0b0a-4908-8706-050403020100');
    graph.rejectTokens(true);
    graph.answer(externalIdOf(6), { status: 200, contentType: 'image/jpeg', data: jpeg(32) });
    const created = await dir.client.post('/Users', entraUser(6));
    const [failure] = await untilEvents(created.body.id, 1);
    expect(failure).toMatchObject({ outcome: 'failure', status: 401 });
    expect(failure!.detail).toMatch(/^token request failed: 401 invalid_client \(AADSTS7000215\) \(attempt 1 of 6; will retry\)$/);
    graph.rejectTokens(false);
    const events = await untilEvents(created.body.id, 2);
    expect(events.at(-1)).toMatchObject({ outcome: 'success', status: 200 });
  });

  it('never shows the client secret or an app token in logs, events, the job queue, settings or SCIM', async () => {
    const secrets = [SECRET, 'app-token-'];
    const haystacks = [
      host.logs.join('\n'),
      JSON.stringify(await host.query('select * from provisioning_event')),
      JSON.stringify(await host.query('select data, output from pgboss.job')),
      JSON.stringify(await host.query('select settings, photo_client_secret_enc from directory')),
      JSON.stringify((await client.get('/Users')).body),
    ];
    expect(host.logs.some((line) => line.includes('photo sync failed'))).toBe(true);
    for (const haystack of haystacks) for (const secret of secrets) expect(haystack).not.toContain(secret);
  });
});
