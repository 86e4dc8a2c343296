import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findUsersPage, type UserSort } from '../../src/domain/users/users.queries.js';
import { createTestDatabase, type TestDatabase } from '../../src/testkit/postgres.js';

let database: TestDatabase;
let pool: pg.Pool;
let organizationId: string;
const USERS = 37;

beforeAll(async () => {
  database = await createTestDatabase({ adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') });
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  organizationId = (await pool.query<{ id: string }>(`insert into organization (slug, name) values ('keyset', 'Keyset') returning id`)).rows[0]!.id;
  await pool.query(`insert into organization (slug, name) values ('keyset-other', 'Other')`);
  // Ties on every sort key (three users per timestamp, repeated and missing names and e-mails, mixed case).
  await pool.query(
    `insert into app_user (organization_id, origin, display_name, email, active, created_at)
     select $1, 'manual', case when g % 5 = 0 then null else (array['ada', 'Ada', 'Bob', 'Émile', 'zoë'])[1 + g % 4] || (g % 3) end,
       case when g % 4 = 0 then null else 'u' || (g % 7) || '@example.com' end, g % 6 <> 0,
       timestamptz '2026-01-01 00:00:00.123456+00' + (g / 3) * interval '1 microsecond'
     from generate_series(1, ${USERS}) g`,
    [organizationId],
  );
  await pool.query(`insert into app_user (organization_id, origin, display_name) select id, 'manual', 'x' from organization where slug = 'keyset-other'`);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const EXPRESSIONS: Record<UserSort, string> = { createdAt: 'created_at', displayName: "coalesce(lower(display_name), '')", email: "coalesce(lower(email), '')" };

describe('fetchKeysetPage (typed keyset over the table, count as a subquery)', () => {
  for (const sort of ['createdAt', 'displayName', 'email'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`pages by ${sort} ${direction} through every user exactly once, in the database's order, with stable cursors`, async () => {
        const expected = await pool.query<{ id: string; key: string }>(
          `select id, (${EXPRESSIONS[sort]})::text as key from app_user where organization_id = $1 order by ${EXPRESSIONS[sort]} ${direction}, id ${direction}`,
          [organizationId],
        );
        const seen: { id: string; key: string }[] = [];
        let after: { key: string; id: string } | undefined;
        for (let page = 0; page < 20; page++) {
          const result = await findUsersPage(pool, organizationId, { filter: {}, sort, direction, first: 4, after });
          expect(result.total).toBe(USERS);
          seen.push(...result.rows.map((r) => ({ id: r.id, key: r.sort_key })));
          for (const row of result.rows) expect(row.sort_id).toBe(row.id);
          if (!result.hasNextPage) break;
          const last = result.rows.at(-1)!;
          after = { key: last.sort_key, id: last.sort_id };
        }
        expect(seen).toEqual(expected.rows);
        // After the last row: no rows, and the total still comes (from a count of its own).
        const end = await findUsersPage(pool, organizationId, { filter: {}, sort, direction, first: 4, after: { key: seen.at(-1)!.key, id: seen.at(-1)!.id } });
        expect(end).toEqual({ rows: [], total: USERS, hasNextPage: false });
      });
    }
  }

  it('counts the filtered list, not the page, and continues a filtered list from a cursor', async () => {
    const active = (await pool.query<{ n: number }>(`select count(*)::int as n from app_user where organization_id = $1 and active`, [organizationId])).rows[0]!.n;
    const first = await findUsersPage(pool, organizationId, { filter: { active: true }, sort: 'createdAt', direction: 'asc', first: 10 });
    expect(first.total).toBe(active);
    expect(first.rows).toHaveLength(10);
    const last = first.rows.at(-1)!;
    const rest = await findUsersPage(pool, organizationId, { filter: { active: true }, sort: 'createdAt', direction: 'asc', first: 100, after: { key: last.sort_key, id: last.sort_id } });
    expect(rest.total).toBe(active);
    expect(rest.rows).toHaveLength(active - 10);
    expect(rest.rows.every((r) => r.active && r.organizationId === organizationId)).toBe(true);
  });
});
