/**
 * Issue 15's worked example of a user column: SCIM core `preferredLanguage` (RFC 7643 §4.1.1, in Entra's default
 * attribute mapping) stored in `app_user.preferred_language` and read as GraphQL's `User.preferredLanguage`, through
 * the real Entra SCIM endpoint and GraphQL over HTTP on a real database: every write that sets a user's columns
 * (create, PATCH, PUT, linking a manually invited user, live and in preview) sets it; a value that is not an
 * Accept-Language value is 400 invalidValue and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { entraUser, gql, productToken } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const filter = (expression: string) => `?filter=${encodeURIComponent(expression)}`;

let host: TestHost;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => await host?.close());

async function directory(org: string, settings?: Record<string, unknown>): Promise<{ client: ScimClient; organizationId: string; owner: string }> {
  const dir = await host.createDirectory({ org, provider: 'entra', seats: 10, settings });
  return { client: scimClient(dir.tenantUrl, dir.secretToken), organizationId: dir.organizationId, owner: await productToken({ org, role: 'owner' }) };
}

/** The user as GraphQL reads it. */
async function graphqlUser(id: string, token: string): Promise<{ userName: string | null; preferredLanguage: string | null }> {
  const response = await gql(host, 'query ($id: ID!) { user(id: $id) { userName preferredLanguage } }', { id }, token);
  expect(response.errors).toBeUndefined();
  return response.data.user;
}

/** The stored row: the column, the document's value and the version. */
async function stored(id: string): Promise<{ preferred_language: string | null; document: string | null; version: number }> {
  const [row] = await host.query<{ preferred_language: string | null; document: string | null; version: number }>(
    `select preferred_language, attributes ->> 'preferredLanguage' as document, version from app_user where id = $1`,
    [id],
  );
  return row!;
}

function expectInvalidValue(response: { status: number; body: any }): void {
  expect(response.status).toBe(400);
  expect(response.body).toMatchObject({ schemas: [SCIM_ERROR], status: '400', scimType: 'invalidValue' });
  expect(response.body.detail).toContain('"preferredLanguage" must be an Accept-Language value');
}

describe('preferredLanguage: SCIM in, GraphQL out', () => {
  let client: ScimClient;
  let owner: string;
  let id: string;

  beforeAll(async () => {
    ({ client, owner } = await directory('lang-co'));
  });

  it('an Entra-shaped POST with preferredLanguage: stored in the column and returned by GraphQL', async () => {
    const created = await client.post('/Users', { ...entraUser(1, 'lang.example'), preferredLanguage: 'de-DE' });
    expect(created.status).toBe(201);
    expect(created.body.preferredLanguage).toBe('de-DE');
    id = created.body.id;
    expect(await graphqlUser(id, owner)).toEqual({ userName: 'user1@lang.example', preferredLanguage: 'de-DE' });
    expect(await stored(id)).toMatchObject({ preferred_language: 'de-DE', document: 'de-DE' });
  });

  it('is filtered by (case-insensitively, as RFC 7643 says of a string attribute)', async () => {
    const other = await client.post('/Users', { ...entraUser(2, 'lang.example'), preferredLanguage: 'fr-FR' });
    expect(other.status).toBe(201);
    const found = await client.get(`/Users${filter('preferredLanguage eq "de-de"')}`);
    expect(found.status).toBe(200);
    expect(found.body.Resources.map((u: { id: string }) => u.id)).toEqual([id]);
  });

  it('a PATCH Replace of preferredLanguage is what GraphQL reads next', async () => {
    const patched = await client.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'preferredLanguage', value: 'de-AT, en;q=0.8' }] });
    expect(patched.status).toBe(200);
    expect(patched.body.preferredLanguage).toBe('de-AT, en;q=0.8');
    expect((await graphqlUser(id, owner)).preferredLanguage).toBe('de-AT, en;q=0.8');
  });

  it('a PUT without preferredLanguage clears it', async () => {
    const replaced = await client.put(`/Users/${id}`, entraUser(1, 'lang.example'));
    expect(replaced.status).toBe(200);
    expect(replaced.body.preferredLanguage).toBeUndefined();
    expect((await graphqlUser(id, owner)).preferredLanguage).toBeNull();
    expect(await stored(id)).toMatchObject({ preferred_language: null, document: null });
  });

  it('a value that is not an Accept-Language value is 400 invalidValue, and nothing is written', async () => {
    const before = await stored(id);
    for (const bad of ['Deutsch (DE)', 'de_DE', 'de-DE;q=2', 'de-DE,, en', 'toolonglanguage-DE']) {
      expectInvalidValue(await client.post('/Users', { ...entraUser(3, 'lang.example'), preferredLanguage: bad }));
      expectInvalidValue(await client.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'preferredLanguage', value: bad }] }));
      expectInvalidValue(await client.put(`/Users/${id}`, { ...entraUser(1, 'lang.example'), preferredLanguage: bad }));
    }
    expect(await host.query(`select id from app_user where user_name = 'user3@lang.example'`)).toEqual([]);
    expect(await stored(id)).toEqual(before);
    expect((await client.get(`/Users/${id}`)).body.meta.version).toBe(`W/"${before.version}"`);
  });

  it('a value stored before the check does not make a write that keeps it fail', async () => {
    await host.query(`update app_user set attributes = attributes || '{"preferredLanguage": "Deutsch (DE)"}'::jsonb, preferred_language = 'Deutsch (DE)' where id = $1`, [id]);
    const patched = await client.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'title', value: 'Lead' }] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Lead', preferredLanguage: 'Deutsch (DE)' });
    expectInvalidValue(await client.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'preferredLanguage', value: 'en_US' }] }));
  });
});

describe('preferredLanguage when a directory user takes over a manually invited one (rule 4)', () => {
  for (const mode of ['live', 'preview'] as const) {
    it(`sets it on the linked user (${mode})`, async () => {
      const org = `lang-link-${mode}`;
      const { client, organizationId, owner } = await directory(org, mode === 'preview' ? { mode: 'preview' } : undefined);
      const [manual] = await host.query<{ id: string }>("insert into app_user (organization_id, origin, email) values ($1, 'manual', 'user7@lang-link.example') returning id", [organizationId]);
      const created = await client.post('/Users', { ...entraUser(7, 'lang-link.example'), preferredLanguage: 'nl-BE' });
      expect(created.status).toBe(201);
      expect(created.body.id).toBe(manual!.id);
      expect(await graphqlUser(manual!.id, owner)).toEqual({ userName: 'user7@lang-link.example', preferredLanguage: 'nl-BE' });
    });
  }
});
