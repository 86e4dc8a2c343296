import { describe, expect, it } from 'vitest';
import { EntityTable } from '../../src/db/sql/entity-table.js';
import { raw, sql, statement } from '../../src/db/sql/fragment.js';
import { User } from '../../src/domain/users/user.entity.js';
import { Seat } from '../../src/domain/seats/seat.entity.js';

describe('EntityTable: a table described once, by its entity', () => {
  const users = new EntityTable(User, 'u');

  it('derives the table and column names from the entity metadata', () => {
    expect(users.name).toBe('app_user');
    expect(users.from).toBe('app_user u');
    expect(users.col('userName')).toBe('u.user_name');
    expect(users.column('microsoftTenantId')).toBe('microsoft_tenant_id');
    expect(users.columnList(['id', 'inviteAcceptedAt'])).toBe('id, invite_accepted_at');
    expect(() => users.column('nope' as never)).toThrow(/app_user has no property nope/);
  });

  it('selects columns under their property names and maps timestamps to Dates', () => {
    const projection = users.projection(['id', 'userName', 'createdAt']);
    expect(projection.sql).toBe('u.id as "id", u.user_name as "userName", u.created_at as "createdAt"');
    const row = projection.read({ id: 'a', userName: 'x', createdAt: '2026-12-02T10:00:00.000Z' });
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(row.createdAt.toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect(users.projection(['id'], { qualified: false }).sql).toBe('id as "id"');
  });

  it('renders the values of an insert and the set list of an update from one list of properties', () => {
    const written = ['userName', 'displayName', 'email'] as const;
    const stmt = statement<{ id: string; userName: string; displayName: string | null; email: string | null }>(
      (p) => sql`insert into ${raw(users.name)} (${raw(users.columnList(written))}) values (${users.valueList(written, p)});
        update ${raw(users.from)} set ${users.setList(written, p, { email: sql`coalesce(${p.email}, u.email)` })} where u.id = ${p.id}`,
    );
    expect(stmt.text).toBe(`insert into app_user (user_name, display_name, email) values ($1, $2, $3);
        update app_user u set user_name = $1, display_name = $2, email = coalesce($3, u.email) where u.id = $4`);
    expect(stmt.values({ id: 'i', userName: 'n', displayName: null, email: 'e' })).toEqual(['n', null, 'e', 'i']);
  });

  it('reads a bigint primary key declared as a number as a number', () => {
    const seats = new EntityTable(Seat, 's');
    expect(seats.projection(['id']).read({ id: '42' }).id).toBe(42);
  });
});

describe('statement: named, typed parameters instead of positional arrays', () => {
  it('numbers each distinct name once, in order of first use', () => {
    const stmt = statement<{ id: string; name: string; org: string }>(
      (p) => sql`update template set name = ${p.name} where id = ${p.id} and organization_id = ${p.org} and ${p.name} <> ''`,
    );
    expect(stmt.text).toBe("update template set name = $1 where id = $2 and organization_id = $3 and $1 <> ''");
    expect(stmt.values({ id: 'i', name: 'n', org: 'o' })).toEqual(['n', 'i', 'o']);
  });

  it('binds a missing optional value as null and splices trusted text', () => {
    const stmt = statement<{ id: string; email?: string | null }>((p) => sql`select ${raw('1')} where ${p.id} = ${p.email}`);
    expect(stmt.text).toBe('select 1 where $1 = $2');
    expect(stmt.values({ id: 'i' })).toEqual(['i', null]);
  });

  it('refuses a literal value in a statement text', () => {
    expect(() => statement<{ id: string }>((p) => sql`select ${p.id}, ${'literal'}`)).toThrow(/named parameters only/);
  });
});
