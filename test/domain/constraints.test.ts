import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';

let host: TestHost;
beforeAll(async () => {
  host = await startHost({ plugins: [] });
});
afterAll(async () => await host?.close());

async function rejects(text: string, params: unknown[]): Promise<string> {
  try {
    await host.query(text, params);
  } catch (error) {
    return (error as { constraint?: string; code?: string }).constraint ?? (error as { code: string }).code;
  }
  throw new Error('statement was accepted');
}

describe('database constraints', () => {
  it('migrations from empty created every table', async () => {
    const rows = await host.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['app_user', 'card', 'directory', 'group_member', 'mikro_orm_migrations', 'organization', 'provisioning_event', 'scim_group', 'seat', 'template', 'user_photo']),
    );
  });

  it('refuses a second userName differing only in case within a directory, allows it in another', async () => {
    const a = await host.createDirectory({ org: 'cons', provider: 'entra' });
    const b = await host.createDirectory({ org: 'cons', provider: 'entra', name: 'other' });
    const insert = `insert into app_user (organization_id, directory_id, origin, user_name, external_id) values ($1, $2, 'directory', $3, $4)`;
    await host.query(insert, [a.organizationId, a.directoryId, 'Ada@Example.com', 'x1']);
    expect(await rejects(insert, [a.organizationId, a.directoryId, 'ada@example.COM', 'x2'])).toBe('app_user_directory_user_name_unique');
    await host.query(insert, [b.organizationId, b.directoryId, 'ada@example.com', 'x1']);
  });

  it('makes externalId required and unique (exact case) only where users are matched by it', async () => {
    const byUserName = await host.createDirectory({ org: 'cons-m', provider: 'entra' });
    const byExternalId = await host.createDirectory({ org: 'cons-m', provider: 'entra', name: 'by externalId', settings: { matchingAttribute: 'externalId' } });
    const insert = `insert into app_user (organization_id, directory_id, origin, user_name, external_id) values ($1, $2, 'directory', $3, $4)`;
    const into = (d: typeof byUserName) => [d.organizationId, d.directoryId];
    await host.query(insert, [...into(byUserName), 'a@example.com', 'x1']);
    await host.query(insert, [...into(byUserName), 'b@example.com', 'x1']);
    await host.query(insert, [...into(byUserName), 'c@example.com', null]);
    await host.query(insert, [...into(byExternalId), 'a@example.com', 'x1']);
    expect(await rejects(insert, [...into(byExternalId), 'b@example.com', 'x1'])).toBe('app_user_directory_external_id_unique');
    await host.query(insert, [...into(byExternalId), 'c@example.com', 'X1']);
    expect(await rejects(insert, [...into(byExternalId), 'd@example.com', null])).toBe('app_user_external_id_required');
    expect(await rejects(insert, [...into(byExternalId), 'd@example.com', ''])).toBe('app_user_external_id_required');
    // The trigger decides the key from the directory, whatever the writer says.
    expect(await rejects(`insert into app_user (organization_id, directory_id, origin, user_name, external_id, external_id_key) values ($1, $2, 'directory', 'e@example.com', 'x1', null)`, into(byExternalId))).toBe('app_user_directory_external_id_unique');
  });

  it('refuses a second group with the same displayName in a directory', async () => {
    const a = await host.createDirectory({ org: 'cons-g', provider: 'entra' });
    const insert = `insert into scim_group (organization_id, directory_id, display_name) values ($1, $2, $3)`;
    await host.query(insert, [a.organizationId, a.directoryId, 'Sales']);
    expect(await rejects(insert, [a.organizationId, a.directoryId, 'sales'])).toBe('scim_group_directory_display_name_unique');
  });

  it('allows one card and one seat per user', async () => {
    const a = await host.createDirectory({ org: 'cons-c', provider: 'entra' });
    const [user] = await host.query<{ id: string }>(`insert into app_user (organization_id, origin, email) values ($1, 'manual', 'm@example.com') returning id`, [a.organizationId]);
    await host.query(`insert into card (organization_id, user_id, slug) values ($1, $2, 's1')`, [a.organizationId, user!.id]);
    expect(await rejects(`insert into card (organization_id, user_id, slug) values ($1, $2, 's2')`, [a.organizationId, user!.id])).toBe('card_user_unique');
    await host.query(`update seat set user_id = $1 where id = (select min(id) from seat where organization_id = $2)`, [user!.id, a.organizationId]);
    expect(await rejects(`update seat set user_id = $1 where id = (select max(id) from seat where organization_id = $2)`, [user!.id, a.organizationId])).toBe('seat_user_unique');
  });

  it('stores directory tokens only as hashes', async () => {
    const a = await host.createDirectory({ org: 'cons-t', provider: 'entra' });
    const [row] = await host.query<{ token_hash: Buffer }>(`select token_hash from directory where id = $1`, [a.directoryId]);
    expect(row!.token_hash).toBeInstanceOf(Buffer);
    expect(row!.token_hash.length).toBe(32);
    const dump = JSON.stringify(await host.query(`select * from directory`));
    expect(dump).not.toContain(a.secretToken);
  });

  it('keeps the seat pool at the organization limit', async () => {
    const a = await host.createDirectory({ org: 'cons-s', provider: 'entra', seats: 7 });
    const [row] = await host.query<{ n: number }>(`select count(*)::int as n from seat where organization_id = $1`, [a.organizationId]);
    expect(row!.n).toBe(7);
  });
});
