/**
 * Regression tests for list filters and sorts answered from SQL (issue 12, item 1): each case below answered
 * differently from the in-memory evaluator before (an empty list, a 400, or another order), and the hot lookups
 * still use their indexes.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import entra from '../../plugins/entra/src/index.js';
import { compileSql } from '../../src/db/sql/fragment.js';
import { compileGroupFilter, compileUserFilter } from '../../src/plugin-host/filter-to-sql.js';
import { groupResourceType, parseFilter, SCHEMA_GROUP, SCHEMA_USER, userResourceType } from '../../src/scim/index.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

let host: TestHost;
let client: ScimClient;
let directoryId: string;
const id: Record<string, string> = {};
const created: Record<string, string> = {};

beforeAll(async () => {
  host = await startHost({ plugins: [entra] });
  const dir = await host.createDirectory({ org: 'filter-sql', provider: 'entra', seats: 10 });
  directoryId = dir.directoryId;
  client = scimClient(dir.tenantUrl, dir.secretToken);
  const users = {
    // The primary e-mail is not the first; its JSON text sorts before the others' ("home" < "work").
    ann: { userName: 'Ann@x', externalId: 'Ext-1', title: 'Zed', emails: [{ type: 'work', value: 'aa@x' }, { type: 'home', value: 'zz@x', primary: true }] },
    bob: { userName: 'bob@x', externalId: 'ext-2', title: 'alpha', emails: [{ type: 'work', value: 'mm@x' }, { type: 'other' }] },
    cy: { userName: 'cy@x' },
  };
  for (const [key, body] of Object.entries(users)) {
    const res = await client.post('/Users', { schemas: [SCHEMA_USER], active: true, ...body });
    expect(res.status).toBe(201);
    id[key] = res.body.id;
    created[key] = res.body.meta.created;
  }
  for (const [key, members] of [['team', [id.ann]], ['empty', []]] as const) {
    const res = await client.post('/Groups', { schemas: [SCHEMA_GROUP], displayName: key === 'team' ? 'Team' : 'Empty', members: members.map((value) => ({ value })) });
    expect(res.status).toBe(201);
    id[key] = res.body.id;
  }
}, 120_000);

afterAll(async () => await host?.close());

const list = async (endpoint: string, filter: string, extra = '') => {
  const res = await client.get(`${endpoint}?filter=${encodeURIComponent(filter)}${extra}`);
  return res.status === 200 ? (res.body.Resources as { id: string }[]).map((r) => r.id) : { status: res.status, scimType: res.body.scimType };
};
const users = (...keys: string[]) => keys.map((k) => id[k]);

describe('filters that matched nothing or failed before', () => {
  it('reads groups on Users from the memberships', async () => {
    expect(await list('/Users', 'groups.display eq "TEAM"')).toEqual(users('ann'));
    expect(await list('/Users', 'groups[display sw "te" and type eq "direct"]')).toEqual(users('ann'));
    expect(await list('/Users', `groups eq "${id.team!.toUpperCase()}"`)).toEqual(users('ann'));
    expect(await list('/Users', 'not (groups pr)')).toEqual(users('bob', 'cy'));
  });

  it('reads members on Groups, ordering comparisons included', async () => {
    expect(await list('/Groups', 'members.value ge "0"')).toEqual([id.team]);
    expect(await list('/Groups', 'members[type eq "user"]')).toEqual([id.team]);
    expect(await list('/Groups', 'not (members pr)')).toEqual([id.empty]);
  });

  it('answers meta.resourceType and meta.version', async () => {
    expect(await list('/Users', 'meta.resourceType eq "User"')).toEqual(users('ann', 'bob', 'cy'));
    expect(await list('/Users', 'meta.version eq "W/\\"1\\""')).toEqual(users('ann', 'bob', 'cy'));
    expect(await list('/Groups', 'meta.resourceType eq "user"')).toEqual([]);
  });

  it('matches meta.created at the millisecond it is published with', async () => {
    expect(await list('/Users', `meta.created eq "${created.bob}"`)).toEqual(users('bob'));
    expect(await list('/Users', `meta.created le "${created.ann}"`)).toEqual(users('ann'));
  });

  it('takes a value path with a following sub-attribute, as Entra sends it', async () => {
    expect(await list('/Users', 'emails[type eq "home"].value eq "ZZ@x"')).toEqual(users('ann'));
    expect(await list('/Users', 'emails[type eq "work"].value eq "zz@x"')).toEqual([]);
  });

  it('honours caseExact of externalId and id (RFC 7643 §3.1)', async () => {
    expect(await list('/Users', 'externalId eq "ext-1"')).toEqual([]);
    expect(await list('/Users', 'externalId eq "Ext-1"')).toEqual(users('ann'));
    expect(await list('/Users', `id eq "${id.ann!.toUpperCase()}"`)).toEqual([]);
    expect(await list('/Users', `id sw "${id.ann!.slice(0, 8)}"`)).toEqual(users('ann'));
    // Uniqueness of externalId follows the directory's matching attribute (test/plugin-host/issue-12-matching-attribute.test.ts).
  });

  it('ne on a multi-valued attribute looks at the values there are (an element without the sub-attribute has none)', async () => {
    expect(await list('/Users', 'emails.value ne "mm@x"')).toEqual(users('ann', 'cy'));
  });

  it('refuses what it cannot filter with invalidFilter instead of an empty list', async () => {
    for (const filter of ['meta.location eq "x"', 'groups.$ref pr', 'password eq "x"']) expect(await list('/Users', filter)).toEqual({ status: 400, scimType: 'invalidFilter' });
    expect(await list('/Groups', 'members[$ref co "x"]')).toEqual({ status: 400, scimType: 'invalidFilter' });
  });
});

describe('sorting (RFC 7644 §3.4.2.3)', () => {
  it('sorts a multi-valued attribute by its primary value, else its first; no value last ascending, first descending', async () => {
    expect(await list('/Users', 'userName pr', '&sortBy=emails.value')).toEqual(users('bob', 'ann', 'cy'));
    expect(await list('/Users', 'userName pr', '&sortBy=emails&sortOrder=descending')).toEqual(users('cy', 'ann', 'bob'));
    expect(await list('/Users', 'userName pr', '&sortBy=title&sortOrder=descending')).toEqual(users('cy', 'ann', 'bob'));
  });

  it('refuses sort keys it cannot order by', async () => {
    for (const sortBy of ['name', 'groups.display', 'x509Certificates.value', 'meta.location']) {
      const res = await client.get(`/Users?sortBy=${encodeURIComponent(sortBy)}`);
      expect({ sortBy, status: res.status, scimType: res.body.scimType }).toEqual({ sortBy, status: 400, scimType: 'invalidValue' });
    }
  });
});

describe('hot lookups keep their indexes', () => {
  it.each([
    ['user', 'userName eq "Ann@x"', /app_user_directory_user_name_unique/],
    ['user', 'externalId eq "Ext-1"', /app_user_directory_external_id_unique/],
    // The primary key, or the (directory_id, created_at, id) index with id in its condition: either is a lookup.
    ['user', 'id eq "00000000-0000-4000-8000-000000000000"', /Index Cond: .*\bid = /],
    ['group', 'displayName eq "team"', /scim_group_directory_display_name_unique/],
    ['group', 'externalId eq "x"', /scim_group_directory_external_id_unique/],
    ['group', 'id eq "00000000-0000-4000-8000-000000000000"', /Index Cond: .*\bid = /],
  ])('%s %s → %s', async (resource, filter, index) => {
    const where = resource === 'user' ? compileUserFilter(parseFilter(filter, userResourceType()), {} as never) : compileGroupFilter(parseFilter(filter, groupResourceType()));
    const table = resource === 'user' ? 'app_user u' : 'scim_group g';
    const alias = resource === 'user' ? 'u' : 'g';
    const { text, values } = compileSql(where, 1);
    const db = new pg.Client({ connectionString: host.databaseUrl });
    await db.connect();
    try {
      // Tiny tables make a sequential scan cheapest; with it priced out, only an indexable condition avoids one.
      await db.query('set enable_seqscan = off');
      const plan = (await db.query(`explain select ${alias}.id from ${table} where ${alias}.directory_id = $1 and (${text})`, [directoryId, ...values])).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(index);
      expect(plan).not.toMatch(/Seq Scan/);
    } finally {
      await db.end();
    }
  });
});
