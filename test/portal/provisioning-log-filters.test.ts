/**
 * The provisioning log as the admin portal reads it (issue 13 item 3): filtered by outcome, user (id or userName),
 * group, status and directory, in SQL for pages and with the same filter on the live subscription; each event's
 * request and response with the error in plain words; the user filter walks its own index.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProvisioningEventsPage } from '../../src/domain/provisioning-log/provisioning-events.queries.js';
import type { Queryable } from '../../src/db/sql/run.js';
import { entraOrganization, entraUser, gql, productToken, type GraphQLResponse } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { eventually } from '../jobs/helpers/jobs-host.js';
import type { ScimClient } from '../../src/testkit/scim-client.js';

let host: TestHost;
let admin: string;
let acme: { client: ScimClient; directoryId: string; organizationId: string };
let other: { client: ScimClient; directoryId: string; organizationId: string };
const ids: Record<string, string> = {};
const clients: Client[] = [];

const PAGE = `query($filter: ProvisioningEventFilterInput) { provisioningEvents(first: 100, filter: $filter) { totalCount edges { node {
  operation outcome status resourceType resourceId directoryId
  request { method path operation resourceType resourceId requestId }
  response { status outcome scimType detail summary } } } } }`;

interface Node {
  operation: string;
  outcome: string;
  status: number;
  resourceType: string | null;
  resourceId: string | null;
  directoryId: string;
  request: { method: string; path: string; operation: string; resourceType: string | null; resourceId: string | null; requestId: string | null };
  response: { status: number; outcome: string; scimType: string | null; detail: string | null; summary: string };
}

async function page(filter: Record<string, unknown>): Promise<{ response: GraphQLResponse; nodes: Node[] }> {
  const response = await gql(host, PAGE, { filter }, admin);
  return { response, nodes: response.data?.provisioningEvents.edges.map((e: { node: Node }) => e.node) ?? [] };
}

beforeAll(async () => {
  host = await startHost();
  admin = await productToken({ org: 'acme', role: 'admin' });
  acme = await entraOrganization(host, 'acme', 3);
  other = await entraOrganization(host, 'other', 10);
  for (const n of [1, 2]) ids[`user${n}`] = (await acme.client.post('/Users', entraUser(n))).body.id;
  ids.otherUser = (await other.client.post('/Users', entraUser(1))).body.id;
  expect((await acme.client.patch(`/Users/${ids.user1}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'Lead' }] })).status).toBe(200);
  const group = await acme.client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', members: [{ value: ids.user2 }] });
  expect(group.status).toBe(201);
  ids.group = group.body.id;
  expect((await acme.client.post('/Users', entraUser(1))).status).toBe(409);
  expect((await acme.client.get('/Users?filter=nonsense')).status).toBe(400);
  expect((await acme.client.post('/Users', entraUser(3))).status).toBe(201);
  expect((await acme.client.post('/Users', entraUser(4))).status).toBe(403);
  // Reads and failures are written in batches within a moment.
  await eventually(async () => ((await page({ outcome: 'FAILURE' })).nodes.length === 3 ? true : undefined), 10_000, 'failures logged');
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await host?.close();
});

describe('provisioningEvents filters', () => {
  it('by user id: the user’s creation and update, nothing of other users or organizations', async () => {
    const { nodes } = await page({ userId: ids.user1 });
    expect(nodes.map((n) => `${n.request.method} ${n.operation} ${n.status}`)).toEqual(['PATCH patch 200', 'POST create 201']);
    expect(nodes.every((n) => n.resourceId === ids.user1 && n.directoryId === acme.directoryId)).toBe(true);
    expect((await page({ userId: ids.otherUser })).nodes).toEqual([]);
  });

  it('by userName, case-insensitively, as the user filter gives', async () => {
    const byName = await page({ userName: 'USER1@EXAMPLE.COM' });
    expect(byName.nodes).toEqual((await page({ userId: ids.user1 })).nodes);
    expect((await page({ userName: 'nobody@example.com' })).nodes).toEqual([]);
  });

  it('by group: its creation with members', async () => {
    const { nodes } = await page({ groupId: ids.group });
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ operation: 'create', resourceType: 'Group', status: 201, request: { method: 'POST', path: `/scim/entra/${acme.directoryId}/Groups` } });
  });

  it('by outcome and status, with each failure explained in plain words', async () => {
    const failures = await page({ outcome: 'FAILURE' });
    expect(failures.nodes.map((n) => n.status).sort()).toEqual([400, 403, 409]);
    const [conflict] = (await page({ statuses: [409] })).nodes;
    expect(conflict).toMatchObject({
      outcome: 'FAILURE',
      request: { method: 'POST', path: `/scim/entra/${acme.directoryId}/Users`, resourceType: 'User', requestId: expect.any(String) },
      response: { status: 409, outcome: 'FAILURE', scimType: 'uniqueness', detail: expect.any(String), summary: 'Refused: a user with the same identifier already exists.' },
    });
    const [seat] = (await page({ statuses: [403] })).nodes;
    expect(seat!.response).toMatchObject({ summary: 'Refused: no seat was left for a new user.', detail: expect.stringMatching(/^no licence seat left/) });
    const [invalid] = (await page({ statuses: [400], outcome: 'FAILURE', directoryId: acme.directoryId })).nodes;
    expect(invalid!.response.summary).toMatch(/^Refused as invalid/);
    expect(invalid!.request.path).toBe(`/scim/entra/${acme.directoryId}/Users`);
    const created = (await page({ statuses: [201], userId: ids.user2 })).nodes;
    expect(created.map((n) => n.response.summary)).toEqual(['Done: the user was created.']);
    expect((await page({ statuses: [201, 409] })).response.data.provisioningEvents.totalCount).toBe(5);
  });

  it('refuses malformed filters naming the field', async () => {
    const badStatus = await page({ statuses: [42] });
    expect(badStatus.response.errors?.[0]).toMatchObject({ message: 'filter.statuses: 42 is not an HTTP status', extensions: { code: 'BAD_USER_INPUT', field: 'filter.statuses' } });
    const badId = await page({ userId: 'not-an-id' });
    expect(badId.response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.userId' });
  });
});

describe('the provisioningEvents subscription takes the same filter', () => {
  function connect(token: string): Client {
    const client = createClient({ url: `${host.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    clients.push(client);
    return client;
  }

  async function roundTrip(client: Client): Promise<void> {
    for await (const result of client.iterate({ query: '{ viewer { role } }' })) {
      expect(result.errors).toBeUndefined();
      break;
    }
  }

  it('delivers only the events of a user named before it exists, and only failures with a given status', async () => {
    const client = connect(admin);
    const byName = client.iterate({ query: 'subscription($f: ProvisioningEventFilterInput) { provisioningEvents(filter: $f) { operation status resourceId response { summary } } }', variables: { f: { userName: 'User9@Example.com' } } });
    const conflicts = client.iterate({ query: 'subscription($f: ProvisioningEventFilterInput) { provisioningEvents(filter: $f) { status request { method } } }', variables: { f: { statuses: [409], directoryId: acme.directoryId } } });
    const nextByName = byName.next();
    const nextConflict = conflicts.next();
    await roundTrip(client);
    await gql(host, 'mutation { updateOrganization(input: { seatLimit: 20 }) { organization { id } } }', {}, await productToken({ org: 'acme', role: 'owner' }));
    expect((await acme.client.post('/Users', entraUser(8))).status).toBe(201);
    const nine = await acme.client.post('/Users', entraUser(9));
    expect(nine.status).toBe(201);
    expect((await acme.client.post('/Users', entraUser(8))).status).toBe(409);
    const { value } = await nextByName;
    expect(value).toEqual({ data: { provisioningEvents: { operation: 'create', status: 201, resourceId: nine.body.id, response: { summary: 'Done: the user was created.' } } } });
    expect((await nextConflict).value).toEqual({ data: { provisioningEvents: { status: 409, request: { method: 'POST' } } } });
    await byName.return?.();
    await conflicts.return?.();
  });

  it('refuses a filter naming another directory than directoryId', async () => {
    const client = connect(admin);
    for await (const result of client.iterate({ query: 'subscription($d: ID, $f: ProvisioningEventFilterInput) { provisioningEvents(directoryId: $d, filter: $f) { status } }', variables: { d: acme.directoryId, f: { directoryId: other.directoryId } } })) {
      expect(result.errors?.[0]).toMatchObject({ message: 'directoryId and filter.directoryId name different directories', extensions: { code: 'BAD_USER_INPUT' } });
      break;
    }
  });
});

describe('the user filter at 30,000 events', () => {
  it('walks the index of what events concern, not the whole log', async () => {
    await host.query(
      `insert into provisioning_event (organization_id, directory_id, occurred_at, operation, method, path, resource_type, resource_id, outcome, status, duration_ms)
       select $1::uuid, $2::uuid, now() - (g || ' seconds')::interval, 'update', 'PATCH', '/Users/x', 'User', md5((g % 3000)::text), 'success', 200, 1
       from generate_series(1, 30000) g`,
      [acme.organizationId, acme.directoryId],
    );
    await host.query('analyze provisioning_event');
    const plans: string[] = [];
    const explainer: Queryable = {
      async query(text: string, params?: unknown[]) {
        const rows = await host.query<{ 'QUERY PLAN': string }>(`explain ${text}`, params);
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
        return { rows: [], rowCount: 0 } as never;
      },
    };
    await findProvisioningEventsPage(explainer, acme.organizationId, { filter: { userId: ids.user1 }, first: 50 });
    expect(plans[0]).toMatch(/provisioning_event_org_resource_idx/);
    expect(plans[0]).not.toMatch(/Seq Scan on provisioning_event/);
  });
});
