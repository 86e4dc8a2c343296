import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_RETENTION_QUEUE } from '../../src/jobs/log-retention.schedule.js';
import { JOB_SCHEMA } from '../../src/jobs/queues.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { codeOf, entraUser, gql, productToken } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

// Issue 14, item 3: provisioning events are pruned by a scheduled pg-boss job, per directory, by age and by count
// (the directory's own setting, set over GraphQL, else the instance default), in short batches that never block
// SCIM writes; old refused-request counts go too, and a group whose only write event is pruned keeps its ETag.

let host: TestHost;
let boss: PgBoss;
let owner: string;
let admin: string;
let organizationId: string;
const dirs: Record<'byDays' | 'byCount' | 'byDefault' | 'forever', { id: string; client: ScimClient }> = {} as never;

const SETTINGS = 'settings { retentionDays retentionMaxEvents effectiveRetentionDays effectiveRetentionMaxEvents }';
const UPDATE = `mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) { directory { ${SETTINGS} } } }`;

beforeAll(async () => {
  // The schedule never fires during the run (1 January, midnight): the test sends the job itself, like an occurrence.
  host = await startHost({ env: { PROVISIONING_LOG_PRUNE_CRON: '0 0 1 1 *', PROVISIONING_LOG_RETENTION_DAYS: '90', JOBS_POLL_INTERVAL_SECONDS: '0.5' } });
  owner = await productToken({ org: 'retention', role: 'owner' });
  admin = await productToken({ org: 'retention', role: 'admin' });
  for (const name of ['byDays', 'byCount', 'byDefault', 'forever'] as const) {
    const created = await host.createDirectory({ org: 'retention', provider: 'entra', name, seats: 2000 });
    dirs[name] = { id: created.directoryId, client: scimClient(created.tenantUrl, created.secretToken) };
    organizationId = created.organizationId;
  }
  // A client of the host's own queue, as a second instance would be: the retention job it sends is run by the host.
  boss = new PgBoss({ connectionString: host.databaseUrl, schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: false, max: 2 });
  boss.on('error', () => {});
  await boss.start();
}, 120_000);
afterAll(async () => {
  await boss?.stop({ graceful: false });
  await host?.close();
});

/** Backdated events of a directory: `count` rows around `days` days ago (one second apart), as SQL setup. */
async function oldEvents(directoryId: string, days: number, count: number): Promise<void> {
  await host.query(
    `insert into provisioning_event (organization_id, directory_id, occurred_at, operation, method, path, outcome, status, duration_ms)
     select $1, $2, now() - make_interval(days => $3) - g * interval '1 second', 'listUsers', 'GET', '/Users', case when g % 10 = 0 then 'failure' else 'success' end, 200, 1
     from generate_series(1, $4) g`,
    [organizationId, directoryId, days, count],
  );
}

async function provision(client: ScimClient, from: number, count: number): Promise<void> {
  for (let n = from; n < from + count; n++) {
    const response = await client.post('/Users', entraUser(n, 'retention.example'));
    expect(response.status).toBe(201);
  }
}

const ids = async (directoryId: string, where = 'true'): Promise<string[]> =>
  (await host.query<{ id: string }>(`select id::text as id from provisioning_event where directory_id = $1 and ${where} order by id`, [directoryId])).map((row) => row.id);

/** Sends one retention job, as the schedule does, and waits until the host's worker has finished it. */
async function runRetentionJob(): Promise<{ output: Record<string, unknown>; startedOn: Date; completedOn: Date }> {
  const id = await boss.send(LOG_RETENTION_QUEUE, {});
  expect(id).toBeTruthy();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = await boss.getJobById(LOG_RETENTION_QUEUE, id!);
    if (job?.state === 'completed') return { output: job.output as Record<string, unknown>, startedOn: job.startedOn, completedOn: job.completedOn! };
    if (job?.state === 'failed' || Date.now() > deadline) throw new Error(`retention job ${job?.state ?? 'missing'}: ${JSON.stringify(job?.output)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('provisioning log retention', () => {
  it('is a setting per directory over GraphQL (admins and owners), with the instance default behind it', async () => {
    const set = async (token: string, directoryId: string, change: Record<string, unknown>) => await gql(host, UPDATE, { input: { directoryId, ...change } }, token);
    expect((await set(admin, dirs.byDays.id, { retentionDays: 30 })).data.updateDirectorySettings.directory.settings).toEqual({
      retentionDays: 30,
      retentionMaxEvents: null,
      effectiveRetentionDays: 30,
      effectiveRetentionMaxEvents: null,
    });
    expect((await set(owner, dirs.byCount.id, { retentionMaxEvents: 120 })).data.updateDirectorySettings.directory.settings).toEqual({
      retentionDays: null,
      retentionMaxEvents: 120,
      effectiveRetentionDays: 90,
      effectiveRetentionMaxEvents: 120,
    });
    // 0 = no limit: this directory keeps everything although the instance default is 90 days.
    expect((await set(owner, dirs.forever.id, { retentionDays: 0 })).data.updateDirectorySettings.directory.settings.effectiveRetentionDays).toBeNull();

    const editor = await productToken({ org: 'retention', role: 'editor' });
    expect(codeOf(await set(editor, dirs.byDefault.id, { retentionDays: 1 }))).toBe('FORBIDDEN');
    const negative = await set(admin, dirs.byDefault.id, { retentionDays: -1 });
    expect({ code: codeOf(negative), field: negative.errors?.[0]?.extensions?.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'retentionDays' });
    expect(codeOf(await set(admin, dirs.byDefault.id, { retentionMaxEvents: 1_000_000_001 }))).toBe('BAD_USER_INPUT');

    // null returns to the instance default.
    await set(admin, dirs.byDefault.id, { retentionDays: 7 });
    const back = await set(admin, dirs.byDefault.id, { retentionDays: null });
    expect(back.data.updateDirectorySettings.directory.settings).toMatchObject({ retentionDays: null, effectiveRetentionDays: 90 });
  });

  it('is scheduled once for all instances (the schedule row of PROVISIONING_LOG_PRUNE_CRON, a stately queue)', async () => {
    const [schedule] = await host.query<{ cron: string; timezone: string }>(`select cron, timezone from ${JOB_SCHEMA}.schedule where name = $1`, [LOG_RETENTION_QUEUE]);
    expect(schedule).toEqual({ cron: '0 0 1 1 *', timezone: 'UTC' });
    const [queue] = await host.query<{ policy: string }>(`select policy from ${JOB_SCHEMA}.queue where name = $1`, [LOG_RETENTION_QUEUE]);
    expect(queue?.policy).toBe('stately');
  });

  it('deletes exactly the events past each directory’s limit, while SCIM writes go on', { timeout: 120_000 }, async () => {
    for (const [name, dir] of Object.entries(dirs)) {
      await oldEvents(dir.id, 10, 60);
      await oldEvents(dir.id, 45, 60);
      await oldEvents(dir.id, 100, 60);
      await oldEvents(dir.id, 400, name === 'byDefault' ? 100_000 : 60);
    }
    await Promise.all(Object.values(dirs).map((dir, i) => provision(dir.client, i * 100, 5)));

    // A group last written 400 days ago by a membership PATCH (which leaves its row alone): its ETag is that event's id.
    const group = await dirs.byDefault.client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Old group' });
    expect(group.status).toBe(201);
    const [member] = await host.query<{ id: string }>('select id from app_user where directory_id = $1 limit 1', [dirs.byDefault.id]);
    const patched = await dirs.byDefault.client.patch(`/Groups/${group.body.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: member!.id }] }],
    });
    expect(patched.status).toBeLessThan(300);
    await host.query(`update provisioning_event set occurred_at = now() - interval '400 days' where resource_type = 'Group' and resource_id = $1`, [group.body.id]);
    const etagBefore = (await dirs.byDefault.client.get(`/Groups/${group.body.id}`)).headers.get('etag');
    expect(etagBefore).toBeTruthy();

    await host.query(
      `insert into refused_request (directory_id, minute, reason, status, count, last_at)
       values ($1, date_trunc('minute', now()) - interval '100 days', 'invalid-token', 401, 3, now() - interval '100 days'),
              ($1, date_trunc('minute', now()) - interval '1 day', 'invalid-token', 401, 2, now() - interval '1 day')`,
      [dirs.byDefault.id],
    );

    const expected = {
      byDays: await ids(dirs.byDays.id, `occurred_at >= now() - interval '30 days'`),
      byDefault: await ids(dirs.byDefault.id, `occurred_at >= now() - interval '90 days'`),
      byCount: (
        await host.query<{ id: string }>(
          `select id::text as id from (select id from provisioning_event where directory_id = $1 and occurred_at >= now() - interval '90 days'
             order by occurred_at desc, id desc limit 120) x order by id`,
          [dirs.byCount.id],
        )
      ).map((row) => row.id),
      forever: await ids(dirs.forever.id),
    };
    expect(expected.byDays).toHaveLength(65);
    expect(expected.byDefault.length).toBeGreaterThanOrEqual(125);
    expect(expected.byCount).toHaveLength(120);
    expect(expected.forever).toHaveLength(245);

    // SCIM writes of the directory being pruned, all through the pass.
    const writes: { status: number; at: number; body?: unknown }[] = [];
    let writing = true;
    const writer = (async () => {
      for (let n = 1000; writing && n < 2500; n++) {
        const response = await dirs.byDefault.client.post('/Users', entraUser(n, 'retention.example'));
        writes.push({ status: response.status, at: Date.now(), ...(response.status === 201 ? {} : { body: response.body }) });
      }
    })();
    let job;
    try {
      job = await runRetentionJob();
    } finally {
      writing = false;
      await writer;
    }
    const during = writes.filter((w) => w.at >= job.startedOn.getTime() && w.at <= job.completedOn.getTime());
    expect(during.length).toBeGreaterThan(0);
    expect(writes.filter((w) => w.status !== 201)).toEqual([]);

    expect(job.output).toMatchObject({ complete: true, failed: 0, refused: 1 });
    expect(await ids(dirs.byDays.id)).toEqual(expected.byDays);
    expect(await ids(dirs.byCount.id)).toEqual(expected.byCount);
    expect(await ids(dirs.forever.id)).toEqual(expected.forever);
    // The default directory keeps what was younger than 90 days and every write made during the pass, nothing older.
    const kept = new Set(await ids(dirs.byDefault.id));
    const written = await ids(dirs.byDefault.id, `operation = 'create' and resource_type = 'User'`);
    expect(written).toHaveLength(5 + writes.length);
    expect([...expected.byDefault, ...written].filter((id) => !kept.has(id))).toEqual([]);
    expect(await ids(dirs.byDefault.id, `occurred_at < now() - interval '90 days'`)).toEqual([]);
    // byDays: 45, 100 and 400 days old; byCount: 100 and 400 days old, then all but the newest 120 of the rest;
    // byDefault: 100 and 400 days old, and the group's two events.
    expect(job.output.events).toBe(180 + 125 + 60 + 100_000 + 2);

    const refused = await host.query<{ count: number }>('select count from refused_request where directory_id = $1', [dirs.byDefault.id]);
    expect(refused).toEqual([{ count: 2 }]);
    // The group's version moved onto its row when its write event went: the same ETag as before.
    expect((await dirs.byDefault.client.get(`/Groups/${group.body.id}`)).headers.get('etag')).toBe(etagBefore);

    // The log query still pages what is left.
    const page = await gql(host, 'query($d: ID!) { provisioningEvents(first: 5, filter: { directoryId: $d }) { totalCount edges { node { id } } } }', { d: dirs.byCount.id }, admin);
    expect(page.data.provisioningEvents.totalCount).toBe(120);

    // A second pass finds nothing more to delete.
    expect((await runRetentionJob()).output).toMatchObject({ events: 0, refused: 0, complete: true });
  });
});
