/**
 * Issue 11 item 8: the safe default for leavers. Entra's first signal when someone leaves is `active: "False"`;
 * by default the card is then kept (the row and its fields stay) but every public route answers 410 until the user
 * is active again. Keeping it public is the explicit `keepPublic` (GraphQL KEEP_PUBLIC). Through the real Entra
 * endpoint, GraphQL and the public routes on a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migration20261124090000_leaver_default } from '../../src/domain/migrations/Migration20261124090000_leaver_default.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { gql, productToken } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** Entra's deactivation and reactivation: `Replace` with a string boolean (its `booleanStrings` quirk). */
const deactivate = { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] };
const reactivate = { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] };
/** A 1×1 PNG, so `/photo` is a public route that answers 200 while the card is shown. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=', 'base64');

let host: TestHost;
beforeAll(async () => {
  host = await startHost({ env: { SCIM_RATE_LIMIT_PER_SECOND: '10000' } });
});
afterAll(async () => await host?.close());

async function directory(org: string, settings?: Record<string, unknown>): Promise<{ client: ScimClient; directoryId: string }> {
  const dir = await host.createDirectory({ org, provider: 'entra', settings });
  return { client: scimClient(dir.tenantUrl, dir.secretToken), directoryId: dir.directoryId };
}

async function provision(client: ScimClient, userName: string): Promise<{ id: string; slug: string }> {
  const created = await client.post('/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    active: true,
    displayName: 'Leaving Person',
    title: 'Account Director',
    emails: [{ primary: true, type: 'work', value: userName }],
    phoneNumbers: [{ type: 'work', value: '+1 555 0177' }],
  });
  expect(created.status).toBe(201);
  await host.query(`insert into user_photo (user_id, content_type, data) values ($1, 'image/png', $2)`, [created.body.id, PIXEL]);
  const [card] = await host.query<{ slug: string }>('select slug from card where user_id = $1', [created.body.id]);
  return { id: created.body.id, slug: card!.slug };
}

/** Every public route of a card (src/cards/public-card.routes.ts). */
const routes = (slug: string) => [`/c/${slug}`, `/c/${slug}.vcf`, `/c/${slug}/qr.svg`, `/c/${slug}/qr.png`, `/c/${slug}/photo`];

async function statuses(slug: string): Promise<number[]> {
  return await Promise.all(routes(slug).map(async (path) => (await fetch(`${host.url}${path}`)).status));
}

async function expectGone(slug: string): Promise<void> {
  for (const path of routes(slug)) {
    const response = await fetch(`${host.url}${path}`);
    expect(response.status, path).toBe(410);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.text();
    for (const secret of ['Leaving', 'Account Director', '555', 'leaver']) expect(body).not.toContain(secret);
  }
}

async function cardOf(userId: string): Promise<{ status: string; fields: Record<string, unknown> } | undefined> {
  const [row] = await host.query<{ status: string; fields: Record<string, unknown> }>('select status, fields from card where user_id = $1', [userId]);
  return row;
}

const SETTINGS = 'mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) { directory { settings { deprovisionPolicy } } } }';
const READ = 'query($id: ID!) { directory(id: $id) { settings { deprovisionPolicy } } }';

describe('a directory with default settings', () => {
  it('keeps a deactivated user’s card but answers 410 on every public route, and 200 again on reactivation', async () => {
    const { client } = await directory('leaver-default');
    const { id, slug } = await provision(client, 'leaver@leaver-default.example');
    expect(await statuses(slug)).toEqual([200, 200, 200, 200, 200]);

    const deactivated = await client.patch(`/Users/${id}`, deactivate);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    await expectGone(slug);
    // Kept, not deleted: the same row, its fields and its seat.
    expect(await cardOf(id)).toMatchObject({ status: 'suspended', fields: { displayName: 'Leaving Person', title: 'Account Director' } });
    expect(await host.query('select 1 from seat where user_id = $1', [id])).toHaveLength(1);

    // Directory updates to a deactivated user keep the card suspended.
    expect((await client.patch(`/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'title', value: 'Former Director' }] })).status).toBe(200);
    await expectGone(slug);

    expect((await client.patch(`/Users/${id}`, reactivate)).body.active).toBe(true);
    expect(await statuses(slug)).toEqual([200, 200, 200, 200, 200]);
    expect((await cardOf(id))!.status).toBe('active');
  });

  it('reads as SUSPEND in GraphQL, and a user created inactive gets a suspended card', async () => {
    const { client, directoryId } = await directory('leaver-read');
    const token = await productToken({ org: 'leaver-read', role: 'admin' });
    expect((await gql(host, READ, { id: directoryId }, token)).data.directory.settings.deprovisionPolicy).toBe('SUSPEND');
    const [row] = await host.query<{ settings: Record<string, unknown> }>('select settings from directory where id = $1', [directoryId]);
    expect(row!.settings).not.toHaveProperty('deprovisionPolicy');
    const created = await client.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'inactive@leaver-read.example', active: false });
    expect(created.status).toBe(201);
    expect((await cardOf(created.body.id))!.status).toBe('suspended');
  });
});

describe('the explicit keep-public setting', () => {
  it('keeps the card public while the user is deactivated; switching applies to users already deactivated', async () => {
    const { client, directoryId } = await directory('leaver-public');
    const token = await productToken({ org: 'leaver-public', role: 'admin' });
    const chosen = await gql(host, SETTINGS, { input: { directoryId, deprovisionPolicy: 'KEEP_PUBLIC' } }, token);
    expect(chosen.errors).toBeUndefined();
    expect(chosen.data.updateDirectorySettings.directory.settings.deprovisionPolicy).toBe('KEEP_PUBLIC');
    const { id, slug } = await provision(client, 'stays@leaver-public.example');

    expect((await client.patch(`/Users/${id}`, deactivate)).body.active).toBe(false);
    expect(await statuses(slug)).toEqual([200, 200, 200, 200, 200]);

    // Back to the default: the user already deactivated is taken off at once, not at the next write.
    await gql(host, SETTINGS, { input: { directoryId, deprovisionPolicy: 'SUSPEND' } }, token);
    await expectGone(slug);
    await gql(host, SETTINGS, { input: { directoryId, deprovisionPolicy: 'KEEP_PUBLIC' } }, token);
    expect(await statuses(slug)).toEqual([200, 200, 200, 200, 200]);
  });

  it('refuses the old KEEP value in GraphQL', async () => {
    const { directoryId } = await directory('leaver-old-enum');
    const token = await productToken({ org: 'leaver-old-enum', role: 'admin' });
    const refused = await gql(host, SETTINGS, { input: { directoryId, deprovisionPolicy: 'KEEP' } }, token);
    expect(refused.errors?.[0]?.message).toMatch(/KEEP/);
    expect(refused.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });
});

describe('directories stored with the old default', () => {
  it('read a stored "keep" as suspend, and the migration removes it and suspends the cards of users already deactivated', async () => {
    const legacy = await directory('leaver-legacy', { deprovisionPolicy: 'keep' });
    const publicDir = await directory('leaver-legacy-public', { deprovisionPolicy: 'keepPublic' });
    const left = await provision(legacy.client, 'left@leaver-legacy.example');
    const stays = await provision(legacy.client, 'stays@leaver-legacy.example');
    const kept = await provision(publicDir.client, 'kept@leaver-legacy-public.example');

    // A stored 'keep' (what every directory got on creation before) no longer keeps a leaver public.
    await legacy.client.patch(`/Users/${left.id}`, deactivate);
    await expectGone(left.slug);
    await publicDir.client.patch(`/Users/${kept.id}`, deactivate);

    // As the old code left it: the leaver's card active under 'keep'.
    await host.query(`update card set status = 'active' where user_id = $1`, [left.id]);
    const migration = new Migration20261124090000_leaver_default(undefined as never, undefined as never);
    await migration.up();
    for (const query of migration.getQueries()) await host.query(query as string);

    const settings = await host.query<{ id: string; settings: Record<string, unknown> }>('select id, settings from directory where id = any($1::uuid[])', [[legacy.directoryId, publicDir.directoryId]]);
    expect(Object.fromEntries(settings.map((s) => [s.id, s.settings.deprovisionPolicy ?? null]))).toEqual({ [legacy.directoryId]: null, [publicDir.directoryId]: 'keepPublic' });
    await expectGone(left.slug);
    expect(await statuses(stays.slug)).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(kept.slug)).toEqual([200, 200, 200, 200, 200]);
  });
});
