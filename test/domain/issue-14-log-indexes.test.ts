import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDirectory } from '../../src/domain/directories/directories.service.js';
import { deleteEventsBatch, LOG_START, retentionCut } from '../../src/domain/provisioning-log/log-retention.js';
import { findProvisioningEventsPage, findRecentEventsByDirectoryIds, type ProvisioningEventFilter } from '../../src/domain/provisioning-log/provisioning-events.queries.js';
import type { Queryable } from '../../src/db/sql/run.js';
import { createOrm, nativePool } from '../../src/db/orm.js';
import { createTestDatabase, type TestDatabase } from '../../src/testkit/postgres.js';

// Issue 14, item 3: the index plan of the provisioning log. 200,000 events (1 % failures, 120 days, three directories
// of two organizations), vacuumed and analyzed like a settled production table; every statement the log query and
// the retention job send is EXPLAINed exactly as the code sends it, and must walk the index named for its shape —
// never a sequential scan of provisioning_event, never a sort of it. (The figures at 10 M events: BENCHMARKS.md.)

const EVENTS = 200_000;
let database: TestDatabase;
let pool: pg.Pool;
let orm: Awaited<ReturnType<typeof createOrm>>;
const org: Record<'a' | 'b', string> = {} as never;
const dir: Record<'big' | 'small' | 'other', string> = {} as never;

beforeAll(async () => {
  database = await createTestDatabase({ adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') });
  orm = await createOrm({ url: database.url, poolMax: 2 });
  pool = await nativePool(orm);
  for (const [key, slug, organization] of [['big', 'idx-a', 'a'], ['small', 'idx-a', 'a'], ['other', 'idx-b', 'b']] as const) {
    const created = await createDirectory(orm.em, { orgSlug: slug, name: key, provider: 'entra' });
    dir[key] = created.directory.id;
    org[organization] = created.organization.id;
  }
  // 75 % in the big directory, 15 % in the small one, 10 % in the other organization; every hundredth is a failure.
  await pool.query(
    `insert into provisioning_event (organization_id, directory_id, occurred_at, request_id, operation, method, path, resource_type, resource_id, outcome, status, duration_ms)
     select case when g % 20 < 18 then $1::uuid else $2::uuid end,
            case when g % 20 < 15 then $3::uuid when g % 20 < 18 then $4::uuid else $5::uuid end,
            now() - interval '120 days' + (g::float8 / $6) * interval '120 days', md5(g::text), 'update', 'PATCH', '/Users/' || g, 'User', md5((g % 5000)::text),
            case when g % 100 = 7 then 'failure' else 'success' end, case when g % 100 = 7 then 400 else 200 end, 3
     from generate_series(1, $6) g`,
    [org.a, org.b, dir.big, dir.small, dir.other, EVENTS],
  );
  await pool.query('vacuum analyze provisioning_event');
}, 120_000);
afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** A Queryable that EXPLAINs what it is sent (with the same parameters) instead of running it, answering `result`. */
function explainer(result: Record<string, unknown>[] = []): Queryable & { plans: PlanNode[] } {
  const plans: PlanNode[] = [];
  return {
    plans,
    async query(text: string, params?: unknown[]) {
      const { rows } = await pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (format json) ${text}`, params);
      plans.push(rows[0]!['QUERY PLAN'][0]!.Plan);
      return { rows: result as never[], rowCount: result.length };
    },
  };
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * How the plan reads provisioning_event (a bitmap scan by the index under it): each scan's type and index, and
 * whether it sorts events (a Sort above a scan of the table; a sort of a CTE's few rows does not count).
 */
function access(plan: PlanNode): { scans: string[]; sorts: boolean } {
  const all = nodes(plan);
  const scans = all
    .filter((n) => n['Relation Name'] === 'provisioning_event' || (n['Node Type'] === 'Bitmap Index Scan' && n['Index Name']?.startsWith('provisioning_event')))
    .filter((n) => n['Node Type'] !== 'Bitmap Heap Scan' && n['Node Type'] !== 'ModifyTable')
    .map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`);
  const readsEvents = (n: PlanNode) => nodes(n).some((inner) => inner['Relation Name'] === 'provisioning_event');
  return { scans: [...new Set(scans)].sort(), sorts: all.some((n) => /Sort/.test(n['Node Type']) && readsEvents(n)) };
}

async function pagePlan(organization: 'a' | 'b', filter: ProvisioningEventFilter, options: { withTotal?: boolean; after?: boolean } = {}) {
  const db = explainer();
  const after = options.after ? { key: new Date(Date.now() - 30 * 86_400_000).toISOString(), id: '123456' } : undefined;
  await findProvisioningEventsPage(db, org[organization], { filter, first: 50, after, withTotal: options.withTotal ?? false });
  return access(db.plans[0]!);
}

const FAILURES_ORG = 'Index Only Scan provisioning_event_org_failure_idx';
const ORG = /^Index (Only )?Scan provisioning_event_org_time_idx$/;
const DIRECTORY = /^Index (Only )?Scan provisioning_event_directory_time_idx$/;

describe('the provisioning log query at 200,000 events', () => {
  it('pages an organization on its time index, on every page', async () => {
    for (const after of [false, true]) {
      const plan = await pagePlan('a', {}, { after });
      expect(plan.sorts).toBe(false);
      expect(plan.scans).toHaveLength(1);
      expect(plan.scans[0]).toMatch(ORG);
    }
  });

  it('pages a directory on the directory’s time index', async () => {
    const plan = await pagePlan('a', { directoryId: dir.small }, { after: true });
    expect(plan).toMatchObject({ sorts: false, scans: [expect.stringMatching(DIRECTORY)] });
  });

  it('pages failures on the failures-only indexes, and counts them there', async () => {
    expect(await pagePlan('a', { outcome: 'failure' })).toMatchObject({ sorts: false, scans: [expect.stringMatching(/provisioning_event_org_failure_idx$/)] });
    // A directory's failures: the planner takes whichever failures-only index reads fewer entries.
    for (const directoryId of [dir.big, dir.small]) {
      expect(await pagePlan('a', { outcome: 'failure', directoryId })).toMatchObject({
        sorts: false,
        scans: [expect.stringMatching(/^Index (Only )?Scan provisioning_event_(org|directory)_failure_idx$/)],
      });
    }
    // With totalCount: page and count both read the failures alone (an index-only count, no heap).
    const counted = await pagePlan('a', { outcome: 'failure' }, { withTotal: true });
    expect(counted.scans.every((scan) => scan.endsWith('provisioning_event_org_failure_idx'))).toBe(true);
    expect(counted.scans).toContain(FAILURES_ORG);
  });

  it('pages successes and time windows on the time index', async () => {
    expect(await pagePlan('a', { outcome: 'success' })).toMatchObject({ sorts: false, scans: [expect.stringMatching(ORG)] });
    const since = new Date(Date.now() - 100 * 86_400_000);
    const until = new Date(since.getTime() + 86_400_000);
    expect(await pagePlan('b', { since, until })).toMatchObject({ sorts: false, scans: [expect.stringMatching(ORG)] });
  });

  it('counts a directory on its time index', async () => {
    const plan = await pagePlan('a', { directoryId: dir.small }, { withTotal: true });
    expect(plan.sorts).toBe(false);
    expect(plan.scans.length).toBeGreaterThan(0);
    expect(plan.scans.every((scan) => scan.endsWith('provisioning_event_directory_time_idx'))).toBe(true);
  });

  it('reads a directory’s latest events (Directory.recentEvents) on its time index', async () => {
    const db = explainer();
    await findRecentEventsByDirectoryIds(db, [dir.big, dir.small], 10);
    expect(access(db.plans[0]!)).toMatchObject({ sorts: false, scans: [expect.stringMatching(DIRECTORY)] });
  });
});

describe('the retention job’s statements at 200,000 events', () => {
  it('finds the count cut by skipping entries of the directory’s time index', async () => {
    const db = explainer();
    await retentionCut(db, { directoryId: dir.big, days: 90, maxEvents: 100_000 });
    expect(access(db.plans[0]!).scans).toEqual(['Index Only Scan provisioning_event_directory_time_idx']);
  });

  it('deletes a batch found on the directory’s time index, by primary key', async () => {
    const db = explainer([{ deleted: 0, at: null, id: null }]);
    const cut = { at: new Date(Date.now() - 90 * 86_400_000).toISOString(), id: '0' };
    await deleteEventsBatch(db, dir.big, LOG_START, cut, 5000);
    const { scans, sorts } = access(db.plans[0]!);
    expect(sorts).toBe(false);
    expect(scans).toEqual(['Index Only Scan provisioning_event_directory_time_idx', 'Index Scan provisioning_event_pkey']);
  });
});
