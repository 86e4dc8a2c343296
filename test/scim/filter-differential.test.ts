/**
 * Differential property test: every list query a client can send — filters over every operator, attribute type
 * and case rule, value paths (with and without a following sub-attribute), `not`, nesting, `meta.*`, `groups` on
 * Users and `members` on Groups, sortBy/sortOrder with paging — answers from SQL exactly what the toolkit's
 * in-memory evaluator and sort answer on the same resources, or both refuse it with the same SCIM error.
 *
 * The data is written through SCIM over HTTP once; the in-memory side works on the resources read back unfiltered,
 * with a resource type built from what /Schemas and /ResourceTypes publish (so they must describe what the filter
 * does) and the page size /ServiceProviderConfig publishes. FILTER_DIFF_SEED and FILTER_DIFF_RUNS reproduce or
 * widen a run (fast-check prints the seed and the shrunk query of a failure).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraDialect } from '../../plugins/entra/src/dialect.js';
import entra from '../../plugins/entra/src/index.js';
import * as scim from '../../src/scim/index.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { CUSTOM, CUSTOM_ATTRIBUTES, dateLiteral, datasetArbitrary, groupBody, operator, textLiteral, valuesAt } from './filter-differential.data.js';

// eslint-disable-next-line n/no-process-env
const env = process.env;
const SEED = env.FILTER_DIFF_SEED ? Number(env.FILTER_DIFF_SEED) : 20261124;
const RUNS = env.FILTER_DIFF_RUNS ? Number(env.FILTER_DIFF_RUNS) : 400;
const USERS = 40;
const GROUPS = 10;
const ENT = scim.SCHEMA_ENTERPRISE_USER;

type Doc = Record<string, unknown>;
interface Side {
  kind: 'User' | 'Group';
  endpoint: string;
  docs: Doc[];
  type: scim.ResourceType;
}

let host: TestHost;
let client: ScimClient;
let unicode = false;
let maxResults = 0;
const sides: Record<'User' | 'Group', Side> = {} as never;

/** A resource type rebuilt from the published /Schemas and /ResourceTypes documents. */
function publishedType(name: string, schemas: Doc[], types: Doc[]): scim.ResourceType {
  const schema = (id: string): scim.SchemaDefinition => {
    const s = schemas.find((x) => x.id === id)!;
    return { id, name: String(s.name), description: String(s.description), attributes: (s.attributes as scim.AttributeInput[]).map(scim.defineAttribute) };
  };
  const t = types.find((x) => x.name === name)!;
  const extensions = ((t.schemaExtensions ?? []) as { schema: string; required: boolean }[]).map((e) => ({ schema: schema(e.schema), required: e.required }));
  return scim.defineResourceType({ name, endpoint: String(t.endpoint), schema: schema(String(t.schema)), extensions });
}

async function all(path: string): Promise<Doc[]> {
  const res = await client.get(`${path}?count=1000`);
  expect(res.status).toBe(200);
  return res.body.Resources;
}

beforeAll(async () => {
  host = await startHost({ plugins: [entra] });
  const dir = await host.createDirectory({ org: 'filter-diff', provider: 'entra', seats: USERS + 5, settings: { customSchemas: { [CUSTOM]: CUSTOM_ATTRIBUTES } } });
  client = scimClient(dir.tenantUrl, dir.secretToken);
  // lower() folds like the evaluator (simple mapping) under a UTF-8 libc locale only (docs/scim.md); ASCII data otherwise.
  const [setting] = await host.query<{ ctype: string; provider: string }>(`select datctype as ctype, datlocprovider as provider from pg_database where datname = current_database()`);
  unicode = setting!.provider === 'c' && /utf-?8/i.test(setting!.ctype);
  const data = fc.sample(datasetArbitrary(unicode, USERS, GROUPS), { seed: SEED, numRuns: 1 })[0]!;
  const ids: string[] = [];
  // Batches in parallel: creation times a millisecond or less apart.
  for (let i = 0; i < data.users.length; i += 5) {
    const created = await Promise.all(data.users.slice(i, i + 5).map((u) => client.post('/Users', u)));
    for (const res of created) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
  }
  for (const i of data.touched) {
    const res = await client.patch(`/Users/${ids[i]}`, { schemas: [scim.SCHEMA_PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: `Touched ${i}` }] });
    expect(res.status).toBe(200);
  }
  for (const g of data.groups) expect((await client.post('/Groups', groupBody(g, ids))).status).toBe(201);
  const schemas = (await client.get('/Schemas')).body.Resources as Doc[];
  const types = (await client.get('/ResourceTypes')).body.Resources as Doc[];
  const spc = (await client.get('/ServiceProviderConfig')).body;
  expect(spc).toMatchObject({ filter: { supported: true }, sort: { supported: true } });
  maxResults = spc.filter.maxResults;
  sides.User = { kind: 'User', endpoint: '/Users', docs: await all('/Users'), type: publishedType('User', schemas, types) };
  sides.Group = { kind: 'Group', endpoint: '/Groups', docs: await all('/Groups'), type: publishedType('Group', schemas, types) };
  expect(sides.User.docs).toHaveLength(USERS);
}, 180_000);

afterAll(async () => await host?.close());

type Query = Partial<Record<'filter' | 'sortBy' | 'sortOrder' | 'startIndex' | 'count', string>>;
type Answer = { status: number; scimType?: string } | { status: 200; totalResults: number; startIndex: number; ids: string[] };

/** What the toolkit answers in memory: parse, evaluate, sort, page. */
function inMemory(side: Side, query: Query): Answer {
  let list: scim.ListQuery;
  try {
    list = scim.parseListQuery(query, { resourceType: side.type, dialect: entraDialect, maxPageSize: maxResults });
  } catch (error) {
    if (error instanceof scim.ScimError) return { status: error.status, scimType: error.scimType };
    throw error;
  }
  const core = side.type.schema.id;
  let matched = list.filter ? side.docs.filter((d) => scim.evaluateFilter(list.filter!, d, core)) : side.docs;
  if (list.sortBy) matched = scim.sortResources(matched, list.sortBy, list.sortOrder, core);
  const page = matched.slice(list.startIndex - 1, list.startIndex - 1 + list.count);
  return { status: 200, totalResults: matched.length, startIndex: list.startIndex, ids: page.map((d) => String(d.id)) };
}

async function fromSql(side: Side, query: Query): Promise<Answer> {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const res = await client.get(`${side.endpoint}?${params}`);
  if (res.status !== 200) return { status: res.status, scimType: res.body?.scimType };
  return { status: 200, totalResults: res.body.totalResults, startIndex: res.body.startIndex, ids: (res.body.Resources as Doc[]).map((d) => String(d.id)) };
}

type Kind = 'string' | 'boolean' | 'dateTime' | 'other';
const USER_ATTRIBUTES: Record<Kind, string[]> = {
  string: [
    'userName', 'displayName', 'nickName', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone', 'profileUrl', 'externalId', 'id',
    'name.givenName', 'name.familyName', 'name.formatted', 'emails', 'emails.value', 'emails.type', 'emails.display', 'phoneNumbers.value',
    'addresses.locality', 'addresses.country', 'roles.value', 'ims.value', 'x509Certificates', 'x509Certificates.value',
    `${ENT}:employeeNumber`, `${ENT}:department`, `${ENT}:costCenter`, `${ENT}:manager`, `${ENT}:manager.value`, `${ENT}:manager.$ref`,
    `${CUSTOM}:costCode`, `${CUSTOM}:building`, 'groups', 'groups.value', 'groups.display', 'groups.type', 'meta.resourceType', 'meta.version',
  ],
  boolean: ['active', 'emails.primary', 'addresses.primary', 'phoneNumbers.primary', 'roles.primary'],
  dateTime: ['meta.created', 'meta.lastModified'],
  other: ['name', 'addresses', 'meta', 'password', 'meta.location', 'groups.$ref', 'schemas', 'nosuch'],
};
const GROUP_ATTRIBUTES: Record<Kind, string[]> = {
  string: ['displayName', 'externalId', 'id', 'members', 'members.value', 'members.display', 'members.type', 'meta.resourceType', 'meta.version'],
  boolean: [],
  dateTime: ['meta.created', 'meta.lastModified'],
  other: ['members.$ref', 'meta.location', 'meta'],
};
const HOT = {
  User: ['groups', 'groups.value', 'groups.display', 'groups.type', 'meta.resourceType', 'meta.version', 'externalId', 'id', 'userName'],
  Group: ['members', 'members.value', 'members.display', 'members.type', 'meta.resourceType', 'meta.version', 'externalId', 'id', 'displayName'],
};
/** Multi-valued attributes and their sub-attributes with a kind, for value paths. */
const USER_VALUE_PATHS: Record<string, Record<string, Kind>> = {
  emails: { value: 'string', type: 'string', display: 'string', primary: 'boolean' },
  phoneNumbers: { value: 'string', type: 'string', primary: 'boolean' },
  addresses: { locality: 'string', country: 'string', type: 'string', postalCode: 'string', primary: 'boolean' },
  roles: { value: 'string', primary: 'boolean' },
  groups: { value: 'string', display: 'string', type: 'string', $ref: 'other' },
};
const GROUP_VALUE_PATHS: Record<string, Record<string, Kind>> = { members: { value: 'string', display: 'string', type: 'string', $ref: 'other' } };

const randomCase = (s: string) => fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((f) => [...s].map((c, i) => (f[i] ? c.toUpperCase() : c)).join(''));

function literal(side: Side, path: string, kind: Kind): fc.Arbitrary<string> {
  const pool = valuesAt(side.docs, /^(emails|groups|members|x509Certificates)$/.test(path) || path.endsWith(':manager') ? `${path}.value` : path);
  const odd = fc.constantFrom('null', '5', 'true', '"x"');
  switch (kind) {
    case 'boolean':
      return fc.oneof({ weight: 12, arbitrary: fc.constantFrom('true', 'false', '"True"', '"false"') }, odd);
    case 'dateTime':
      return fc.oneof({ weight: 6, arbitrary: dateLiteral(pool).map((d) => JSON.stringify(d)) }, fc.constantFrom('"yesterday"', 'null'));
    default:
      return fc.oneof({ weight: 16, arbitrary: textLiteral(pool, unicode).map((t) => JSON.stringify(t)) }, odd);
  }
}

/** Operators the kind allows most of the time; any operator (→ invalidFilter on both sides) now and then. */
const OPERATORS_OF: Record<Kind, fc.Arbitrary<string>> = {
  string: operator,
  boolean: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('eq', 'ne', 'pr') }, operator),
  dateTime: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le', 'pr') }, operator),
  other: operator,
};

function comparison(side: Side, path: string, kind: Kind, spelled: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(spelled, OPERATORS_OF[kind], literal(side, path, kind)).map(([name, op, value]) => (op === 'pr' ? `${name} pr` : `${name} ${op} ${value}`));
}

function filterArbitrary(side: Side): fc.Arbitrary<string> {
  const attributes = side.kind === 'User' ? USER_ATTRIBUTES : GROUP_ATTRIBUTES;
  const valuePaths = side.kind === 'User' ? USER_VALUE_PATHS : GROUP_VALUE_PATHS;
  const core = side.type.schema.id;
  const spellings = (path: string) => fc.oneof({ weight: 4, arbitrary: fc.constant(path) }, randomCase(path), fc.constant(path.startsWith('urn:') ? path : `${core}:${path}`));
  const weights: Record<Kind, number> = { string: 6, boolean: 2, dateTime: 2, other: 1 };
  const atom = fc.oneof(
    ...(Object.entries(attributes) as [Kind, string[]][])
      .filter(([, paths]) => paths.length)
      .map(([kind, paths]) => ({ weight: weights[kind], arbitrary: fc.constantFrom(...paths).chain((path) => comparison(side, path, kind, spellings(path))) })),
    // Attributes not read from the stored document, more often: memberships, meta, the indexed columns.
    { weight: 2, arbitrary: fc.constantFrom(...HOT[side.kind]).chain((path) => comparison(side, path, 'string', spellings(path))) },
  );
  const valuePath = fc.constantFrom(...Object.keys(valuePaths)).chain((attribute) => {
    const subs = Object.entries(valuePaths[attribute]!);
    const sub = fc.constantFrom(...subs).chain(([name, kind]) => comparison(side, `${attribute}.${name}`, kind, fc.constant(name)));
    const inner = fc.oneof(sub, fc.tuple(sub, fc.constantFrom('and', 'or'), sub).map(([a, o, b]) => `${a} ${o} ${b}`), sub.map((s) => `not (${s})`));
    const after = fc.option(fc.constantFrom(...subs).chain(([name, kind]) => comparison(side, `${attribute}.${name}`, kind, fc.constant(`.${name}`))), { nil: '' });
    return fc.tuple(inner, after).map(([f, a]) => `${attribute}[${f}]${a}`);
  });
  return fc.letrec<{ filter: string }>((tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: atom },
      { weight: 2, arbitrary: valuePath },
      fc.tuple(tie('filter'), fc.constantFrom('and', 'or'), tie('filter')).map(([a, o, b]) => `${a} ${o} ${b}`),
      tie('filter').map((f) => `not (${f})`),
      tie('filter').map((f) => `(${f})`),
    ),
  })).filter;
}

const SORTS = {
  User: ['userName', 'displayName', 'title', 'name.familyName', 'emails', 'emails.value', 'emails.type', 'emails.primary', 'phoneNumbers.value', 'addresses.locality', 'roles.value',
    'externalId', 'id', 'active', 'meta.created', 'meta.lastModified', 'meta.version', 'profileUrl', 'timezone', `${ENT}:department`, `${ENT}:manager.value`, `${CUSTOM}:costCode`],
  Group: ['displayName', 'externalId', 'id', 'meta.created', 'meta.lastModified', 'meta.version', 'meta.resourceType'],
};
/** sortBy values both sides must refuse alike. */
const BAD_SORTS = {
  User: ['x509Certificates.value', 'name', `${ENT}:manager`, 'groups.display', 'groups', 'password', 'meta.location', 'nosuch'],
  Group: ['members.display', 'members', 'meta.location', 'meta'],
};

function queryArbitrary(side: Side): fc.Arbitrary<Query> {
  const n = side.docs.length;
  const maybe = (arb: fc.Arbitrary<string>, freq: number) => fc.option(arb, { freq, nil: undefined });
  return fc
    .record({
      filter: maybe(filterArbitrary(side), 8),
      sortBy: maybe(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...SORTS[side.kind]) }, fc.constantFrom(...BAD_SORTS[side.kind])), 2),
      sortOrder: maybe(fc.constantFrom('ascending', 'descending', 'Descending'), 2),
      startIndex: maybe(fc.integer({ min: -1, max: n + 2 }).map(String), 2),
      count: maybe(fc.integer({ min: -1, max: n + 2 }).map(String), 2),
    })
    .map((q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Query);
}

describe.each(['User', 'Group'] as const)('%s lists: SQL answers what the in-memory evaluator answers', (kind) => {
  it('for random filters, sorts and pages', async () => {
    const side = sides[kind];
    const runs = kind === 'User' ? RUNS : Math.ceil(RUNS / 2);
    await fc.assert(
      fc.asyncProperty(queryArbitrary(side), async (query) => {
        expect(await fromSql(side, query), JSON.stringify(query)).toEqual(inMemory(side, query));
      }),
      { seed: SEED, numRuns: runs },
    );
  }, 240_000);
});
