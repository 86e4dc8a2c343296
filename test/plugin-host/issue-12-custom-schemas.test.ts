/**
 * Issue 12, item 5: custom extension schemas are declared through GraphQL (admins and owners), validated, and
 * change what the directory's SCIM endpoint offers at once: `/Schemas` and `/ResourceTypes` list them, typed values
 * round-trip and filter, data under an undeclared schema is a 400 naming the schema to declare, and a declared
 * attribute feeds the card field it names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { codeOf, gql, productToken, ROLES, type Role } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
// The URN Microsoft's attribute-mapping tutorial uses for `extension_<appId>_<attr>` sources.
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';
const OTHER = 'urn:acme:params:scim:schemas:extension:badges:1.0:User';

const UPDATE = `mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) {
  directory { settings { customSchemas { urn name attributes { name type multiValued caseExact cardField } } } } } }`;

let host: TestHost;
let client: ScimClient;
let directoryId: string;
const tokens = {} as Record<Role, string>;

const SCHEMAS = [
  {
    urn: CUSTOM,
    attributes: [
      { name: 'costCenterCode', type: 'STRING', caseExact: true },
      { name: 'badgeNumber', type: 'INTEGER' },
      { name: 'remote', type: 'BOOLEAN' },
      { name: 'hiredAt', type: 'DATE_TIME' },
      { name: 'skills', type: 'STRING', multiValued: true },
      { name: 'jobTitleLocal', cardField: 'TITLE' },
    ],
  },
  { urn: OTHER, name: 'Badges', attributes: [{ name: 'level', type: 'DECIMAL' }, { name: 'pronouns', cardField: 'DEPARTMENT' }] },
];

async function declare(schemas: unknown, token = tokens.admin) {
  const response = await gql(host, UPDATE, { input: { directoryId, customSchemas: schemas } }, token);
  // The change reaches the SCIM endpoint's cached principal by NOTIFY, milliseconds after the commit.
  if (!response.errors) {
    const urns = (schemas as { urn: string }[]).map((s) => s.urn).sort();
    await expect.poll(async () => (await client.get('/Schemas')).body.Resources.map((r: { id: string }) => r.id).filter((id: string) => urns.includes(id)).sort(), { timeout: 5000, interval: 20 }).toEqual(urns);
  }
  return response;
}

function user(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [CORE, ENTERPRISE, CUSTOM], userName, active: true, title: 'Engineer', emails: [{ type: 'work', primary: true, value: userName }], ...extra };
}

beforeAll(async () => {
  host = await startHost();
  const dir = await host.createDirectory({ org: 'custom-schemas', provider: 'entra', seats: 50 });
  directoryId = dir.directoryId;
  client = scimClient(dir.tenantUrl, dir.secretToken);
  for (const role of ROLES) tokens[role] = await productToken({ org: 'custom-schemas', role });
});
afterAll(async () => await host?.close());

describe('declaring custom schemas through GraphQL', () => {
  it('is for admins and owners: lower roles get FORBIDDEN and nothing changes', async () => {
    for (const role of ['editor', 'viewer', 'member'] as const) expect(codeOf(await declare(SCHEMAS, tokens[role])), role).toBe('FORBIDDEN');
    expect((await client.get('/Schemas')).body.totalResults).toBe(3);
  });

  it('refuses what is not a valid declaration with BAD_USER_INPUT naming the field', async () => {
    const cases: [unknown, string, RegExp][] = [
      [[{ urn: 'acme-badges', attributes: [{ name: 'a' }] }], 'customSchemas[0].urn', /not a schema URN/],
      [[{ urn: 'urn:ietf:params:scim:schemas:core:2.0:Group', attributes: [{ name: 'a' }] }], 'customSchemas[0].urn', /RFC 7643\/7644/],
      [[{ urn: ENTERPRISE, attributes: [{ name: 'a' }] }], 'customSchemas[0].urn', /Enterprise User/],
      [[{ urn: `${ENTERPRISE}:more`, attributes: [{ name: 'a' }] }], 'customSchemas[0].urn', /Enterprise User/],
      [[{ urn: CUSTOM, attributes: [{ name: 'a' }] }, { urn: CUSTOM.toLowerCase(), attributes: [{ name: 'b' }] }], 'customSchemas[1].urn', /declared twice/],
      [[{ urn: 'urn:acme:x', attributes: [{ name: 'a' }] }, { urn: 'urn:acme:x:y', attributes: [{ name: 'b' }] }], 'customSchemas[1].urn', /overlap/],
      [[{ urn: CUSTOM, attributes: [{ name: '1st' }] }], 'customSchemas[0].attributes[0].name', /ATTRNAME/],
      [[{ urn: CUSTOM, attributes: [{ name: 'a.b' }] }], 'customSchemas[0].attributes[0].name', /ATTRNAME/],
      [[{ urn: CUSTOM, attributes: [{ name: 'Code' }, { name: 'code' }] }], 'customSchemas[0].attributes[1].name', /twice/],
      [[{ urn: CUSTOM, attributes: [] }], 'customSchemas[0].attributes', /1–100 attributes/],
      [[{ urn: CUSTOM, attributes: [{ name: 'n', type: 'INTEGER', cardField: 'TITLE' }] }], 'customSchemas[0].attributes[0].cardField', /single-valued string/],
      [[{ urn: CUSTOM, attributes: [{ name: 'n', multiValued: true, cardField: 'TITLE' }] }], 'customSchemas[0].attributes[0].cardField', /single-valued string/],
      [[{ urn: CUSTOM, attributes: [{ name: 'a', cardField: 'TITLE' }, { name: 'b', cardField: 'TITLE' }] }], 'customSchemas[0].attributes[1].cardField', /already fed/],
      [Array.from({ length: 21 }, (_, i) => ({ urn: `urn:acme:s${i}`, attributes: [{ name: 'a' }] })), 'customSchemas', /at most 20/],
    ];
    for (const [schemas, field, message] of cases) {
      const response = await declare(schemas);
      expect(response.errors?.[0]?.extensions, JSON.stringify(schemas).slice(0, 120)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.errors?.[0]?.message).toMatch(message);
    }
    expect((await client.get('/Schemas')).body.totalResults).toBe(3);
  });

  it('declares schemas and reads them back', async () => {
    const response = await declare(SCHEMAS);
    expect(response.errors).toBeUndefined();
    // Listed by URN (case-insensitive): urn:acme… before urn:ietf….
    expect(response.data.updateDirectorySettings.directory.settings.customSchemas).toEqual([
      { urn: OTHER, name: 'Badges', attributes: [
        { name: 'level', type: 'DECIMAL', multiValued: false, caseExact: false, cardField: null },
        { name: 'pronouns', type: 'STRING', multiValued: false, caseExact: false, cardField: 'DEPARTMENT' },
      ] },
      {
        urn: CUSTOM,
        name: 'CustomExtensionName',
        attributes: [
          { name: 'costCenterCode', type: 'STRING', multiValued: false, caseExact: true, cardField: null },
          { name: 'badgeNumber', type: 'INTEGER', multiValued: false, caseExact: false, cardField: null },
          { name: 'remote', type: 'BOOLEAN', multiValued: false, caseExact: false, cardField: null },
          { name: 'hiredAt', type: 'DATE_TIME', multiValued: false, caseExact: false, cardField: null },
          { name: 'skills', type: 'STRING', multiValued: true, caseExact: false, cardField: null },
          { name: 'jobTitleLocal', type: 'STRING', multiValued: false, caseExact: false, cardField: 'TITLE' },
        ],
      },
    ]);
  });
});

describe('what the SCIM endpoint offers then', () => {
  it('/Schemas and /ResourceTypes describe the declared schemas exactly', async () => {
    const schemas = (await client.get('/Schemas')).body;
    expect(schemas.Resources.map((s: { id: string }) => s.id)).toEqual([CORE, ENTERPRISE, OTHER, CUSTOM, 'urn:ietf:params:scim:schemas:core:2.0:Group']);
    const custom = (await client.get(`/Schemas/${CUSTOM}`)).body;
    expect(custom).toMatchObject({ id: CUSTOM, name: 'CustomExtensionName', meta: { resourceType: 'Schema', location: `${client.baseUrl}/Schemas/${CUSTOM}` } });
    const attribute = (name: string) => custom.attributes.find((a: { name: string }) => a.name === name);
    expect(attribute('badgeNumber')).toEqual({
      name: 'badgeNumber', type: 'integer', multiValued: false, description: '', required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none',
    });
    expect(attribute('costCenterCode')).toMatchObject({ type: 'string', caseExact: true });
    expect(attribute('hiredAt')).toMatchObject({ type: 'dateTime' });
    expect(attribute('skills')).toMatchObject({ type: 'string', multiValued: true });
    expect(attribute('jobTitleLocal')).toMatchObject({ description: "Feeds the card's title." });
    expect((await client.get(`/Schemas/${OTHER}`)).body).toMatchObject({ name: 'Badges', attributes: [{ name: 'level', type: 'decimal' }, { name: 'pronouns', type: 'string' }] });

    const types = (await client.get('/ResourceTypes/User')).body;
    expect(types.schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }, { schema: OTHER, required: false }, { schema: CUSTOM, required: false }]);
  });

  it('a user with the extension’s attributes round-trips with its types, and filters by them', async () => {
    const created = await client.post('/Users', user('ada@custom.example', {
      [CUSTOM]: { costCenterCode: 'CC-7', badgeNumber: 4711, remote: true, hiredAt: '2024-03-01T09:00:00Z', skills: ['scim', 'graphql'] },
      [OTHER]: { level: 2.5 },
    }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.schemas).toEqual([CORE, OTHER, CUSTOM]);
    const read = (await client.get(`/Users/${created.body.id}`)).body;
    expect(read[CUSTOM]).toEqual({ costCenterCode: 'CC-7', badgeNumber: 4711, remote: true, hiredAt: '2024-03-01T09:00:00Z', skills: ['scim', 'graphql'] });
    expect(read[OTHER]).toEqual({ level: 2.5 });

    const find = async (filter: string) => (await client.get(`/Users?filter=${encodeURIComponent(filter)}`)).body;
    expect((await find(`${CUSTOM}:badgeNumber gt 4000`)).totalResults).toBe(1);
    expect((await find(`${CUSTOM}:badgeNumber gt 5000`)).totalResults).toBe(0);
    expect((await find(`${CUSTOM}:remote eq true`)).totalResults).toBe(1);
    expect((await find(`${CUSTOM}:costCenterCode eq "cc-7"`)).totalResults).toBe(0);
    expect((await find(`${CUSTOM}:skills eq "SCIM"`)).totalResults).toBe(1);
    expect((await find(`${CUSTOM}:hiredAt lt "2025-01-01T00:00:00Z"`)).totalResults).toBe(1);
    expect(await find(`${CUSTOM}:badgeNumber co "4"`)).toMatchObject({ status: '400', scimType: 'invalidFilter' });

    // Entra's PATCH names the attribute with its schema URN; booleans arrive as strings.
    const patched = await client.patch(`/Users/${created.body.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: `${CUSTOM}:remote`, value: 'False' }, { op: 'Add', path: `${CUSTOM}:badgeNumber`, value: 42 }],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body[CUSTOM]).toMatchObject({ remote: false, badgeNumber: 42 });
  });

  it('refuses a value of the wrong type with 400 invalidValue', async () => {
    const response = await client.post('/Users', user('bad@custom.example', { [CUSTOM]: { badgeNumber: 'many' } }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  it('data under an undeclared schema is 400 invalidValue naming the schema to declare, and nothing is written', async () => {
    const undeclared = 'urn:ietf:params:scim:schemas:extension:Undeclared:2.0:User';
    const detail = `schema "${undeclared}" is not declared for User on this directory: declare it with its attributes in the directory's custom extension schemas (customSchemas), or leave its attributes out of the mapping`;
    // As Microsoft documents the request: the extension's attributes in an object under its URN …
    const nested = await client.post('/Users', user('nested@custom.example', { schemas: [CORE, undeclared], [undeclared]: { employeeCode: 'x' } }));
    expect(nested.status).toBe(400);
    expect(nested.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidValue', detail });
    // … or flattened, `<urn>:<attribute>`.
    const flat = await client.post('/Users', user('flat@custom.example', { [`${undeclared}:employeeCode`]: 'x' }));
    expect(flat.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidValue', detail });
    expect(await host.query("select 1 from app_user where user_name in ('nested@custom.example', 'flat@custom.example')")).toEqual([]);

    const existing = (await client.get(`/Users?filter=${encodeURIComponent('userName eq "ada@custom.example"')}`)).body.Resources[0];
    const patch = await client.patch(`/Users/${existing.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Add', path: `${undeclared}:employeeCode`, value: 'x' }],
    });
    expect(patch.status).toBe(400);
    expect(patch.body.scimType).toBe('invalidPath');
    expect(patch.body.detail).toContain(`schema "${undeclared}" is not declared for User on this directory`);
  });

  it('a declared attribute feeds the card field it names', async () => {
    const created = await client.post('/Users', user('grace@custom.example', {
      displayName: 'Grace Hopper',
      [ENTERPRISE]: { department: 'Navy' },
      [CUSTOM]: { jobTitleLocal: 'Konteradmiralin' },
      [OTHER]: { pronouns: 'she/her' },
    }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const CARD = 'query($id: ID!) { user(id: $id) { title department card { fields { title department } } } }';
    const read = await gql(host, CARD, { id: created.body.id }, tokens.admin);
    expect(read.data.user).toEqual({ title: 'Konteradmiralin', department: 'she/her', card: { fields: { title: 'Konteradmiralin', department: 'she/her' } } });
    const [card] = await host.query<{ slug: string }>('select slug from card where user_id = $1', [created.body.id]);
    const page = await (await fetch(`${host.url}/c/${card!.slug}`)).text();
    expect(page).toContain('Konteradmiralin');
    expect(page).not.toContain('Engineer');

    // The directory's own title returns when the custom attribute goes.
    const patched = await client.patch(`/Users/${created.body.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Remove', path: `${CUSTOM}:jobTitleLocal` }],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await gql(host, CARD, { id: created.body.id }, tokens.admin)).data.user.card.fields.title).toBe('Engineer');
  });

  it('a schema no longer declared disappears from discovery and from stored users, which stay writable', async () => {
    const [ada] = await host.query<{ id: string }>("select id from app_user where user_name = 'ada@custom.example'");
    // Drop OTHER, and change badgeNumber's type: its stored integer no longer fits.
    const kept = [{ ...SCHEMAS[0]!, attributes: SCHEMAS[0]!.attributes.map((a) => (a.name === 'badgeNumber' ? { name: 'badgeNumber', type: 'STRING' } : a)) }];
    expect((await declare(kept)).errors).toBeUndefined();
    await expect.poll(async () => (await client.get('/Schemas')).body.Resources.map((s: { id: string }) => s.id), { timeout: 5000, interval: 20 }).not.toContain(OTHER);
    expect((await client.get(`/Schemas/${OTHER}`)).status).toBe(404);
    const read = (await client.get(`/Users/${ada!.id}`)).body;
    expect(read[OTHER]).toBeUndefined();
    expect(read.schemas).toEqual([CORE, CUSTOM]);
    expect(read[CUSTOM]).toEqual({ costCenterCode: 'CC-7', remote: false, hiredAt: '2024-03-01T09:00:00Z', skills: ['scim', 'graphql'] });
    const patched = await client.patch(`/Users/${ada!.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'title', value: 'Countess' }],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.title).toBe('Countess');

    expect((await declare([])).data.updateDirectorySettings.directory.settings.customSchemas).toEqual([]);
    await expect.poll(async () => (await client.get('/ResourceTypes/User')).body.schemaExtensions, { timeout: 5000, interval: 20 }).toEqual([{ schema: ENTERPRISE, required: false }]);
  });
});
