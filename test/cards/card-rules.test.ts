/**
 * The card rules (docs/cards.md), each proven through the real Entra SCIM endpoint on a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
let host: TestHost;

beforeAll(async () => {
  host = await startHost({ env: { SCIM_RATE_LIMIT_PER_SECOND: '10000', SCIM_MAX_CONCURRENT_PER_DIRECTORY: '0' } });
});
afterAll(async () => await host?.close());

function entraUser(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    userName,
    externalId: userName.split('@')[0],
    active: true,
    displayName: `Person ${userName.split('@')[0]}`,
    name: { givenName: 'Person', familyName: userName.split('@')[0] },
    title: 'Engineer',
    emails: [{ primary: true, type: 'work', value: userName }],
    phoneNumbers: [{ type: 'work', value: '+1 555 0100' }],
    addresses: [{ type: 'work', locality: 'Seattle', country: 'US' }],
    [ENTERPRISE]: { department: 'R&D', employeeNumber: '42' },
    ...extra,
  };
}

async function directory(org: string, options: { seats?: number; settings?: Record<string, unknown> } = {}): Promise<{ client: ScimClient; directoryId: string; organizationId: string }> {
  const dir = await host.createDirectory({ org, provider: 'entra', seats: options.seats ?? 50, settings: options.settings });
  return { client: scimClient(dir.tenantUrl, dir.secretToken), directoryId: dir.directoryId, organizationId: dir.organizationId };
}

async function seatsUsed(organizationId: string): Promise<number> {
  const [row] = await host.query<{ used: number }>('select count(*)::int as used from seat where organization_id = $1 and user_id is not null', [organizationId]);
  return row!.used;
}

async function cardOf(userId: string) {
  const [row] = await host.query<{ status: string; fields: any; overrides: any; template_id: string | null }>('select status, fields, overrides, template_id from card where user_id = $1', [userId]);
  return row;
}

describe('rule 1–2: seats and cards on provisioning', () => {
  it('gives a provisioned user a seat and a card from the directory template', async () => {
    const { client, organizationId } = await directory('rule-one');
    const [template] = await host.query<{ id: string }>("insert into template (organization_id, name) values ($1, 'Sales') returning id", [organizationId]);
    await host.query("update directory set settings = settings || jsonb_build_object('templateId', $2::text) where organization_id = $1", [organizationId, template!.id]);
    // The directory principal is cached while LISTEN works; a settings change notifies, like the API does.
    await host.query("select pg_notify('cardbridge_directory', id::text) from directory where organization_id = $1", [organizationId]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const created = await client.post('/Users', entraUser('ada@rule-one.example'));
    expect(created.status).toBe(201);
    expect(await seatsUsed(organizationId)).toBe(1);
    const card = await cardOf(created.body.id);
    expect(card).toMatchObject({ status: 'active', template_id: template!.id });
    expect(card!.fields).toMatchObject({ displayName: 'Person ada', title: 'Engineer', department: 'R&D', company: expect.any(String) });
    expect(card!.fields.emails).toEqual([{ type: 'work', value: 'ada@rule-one.example' }]);
  });

  it('never hands out more seats than the limit under 40 parallel creates, and leaves nothing half-created', async () => {
    const { client, organizationId, directoryId } = await directory('rule-two', { seats: 5 });
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => client.post('/Users', entraUser(`u${i}@rule-two.example`))));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 403)).toHaveLength(35);
    const refused = responses.find((r) => r.status === 403)!;
    expect(refused.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '403' });
    expect(refused.body.detail).toMatch(/no licence seat left: all 5 seats/);

    expect(await seatsUsed(organizationId)).toBe(5);
    const [counts] = await host.query<{ users: number; cards: number; seats: number }>(
      `select (select count(*)::int from app_user where organization_id = $1) as users,
              (select count(*)::int from card where organization_id = $1) as cards,
              (select count(*)::int from seat where organization_id = $1) as seats`,
      [organizationId],
    );
    expect(counts).toEqual({ users: 5, cards: 5, seats: 5 });

    // Every refusal is in the provisioning log with the admin-readable detail.
    const deadline = Date.now() + 5000;
    let failures: { detail: string }[] = [];
    while (Date.now() < deadline) {
      failures = await host.query("select detail from provisioning_event where directory_id = $1 and outcome = 'failure' and status = 403", [directoryId]);
      if (failures.length >= 35) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(failures).toHaveLength(35);
    expect(failures[0]!.detail).toMatch(/no licence seat left/);
  });
});

describe('rule 3: deprovisioning', () => {
  it('deletes user and card and frees the seat, so the next user gets it', async () => {
    const { client, organizationId } = await directory('rule-three', { seats: 1 });
    const first = await client.post('/Users', entraUser('first@rule-three.example'));
    expect(first.status).toBe(201);
    expect((await client.post('/Users', entraUser('second@rule-three.example'))).status).toBe(403);
    expect((await client.delete(`/Users/${first.body.id}`)).status).toBe(204);
    expect(await host.query('select 1 from app_user where id = $1', [first.body.id])).toHaveLength(0);
    expect(await cardOf(first.body.id)).toBeUndefined();
    expect(await seatsUsed(organizationId)).toBe(0);
    expect((await client.post('/Users', entraUser('second@rule-three.example'))).status).toBe(201);
  });

  it('keeps the account of a manually invited user the directory only matched, and removes only card and seat', async () => {
    const { client, organizationId } = await directory('rule-three-manual');
    const [manual] = await host.query<{ id: string }>(
      "insert into app_user (organization_id, origin, email, display_name, role) values ($1, 'manual', 'Grace@Rule-Three-Manual.example', 'Grace', 'editor') returning id",
      [organizationId],
    );
    const created = await client.post('/Users', entraUser('grace@rule-three-manual.example'));
    expect(created.status).toBe(201);
    expect(created.body.id).toBe(manual!.id);
    expect(await cardOf(manual!.id)).toBeDefined();
    expect((await client.delete(`/Users/${manual!.id}`)).status).toBe(204);
    const [kept] = await host.query<{ origin: string; directory_id: string | null; role: string }>('select origin, directory_id, role from app_user where id = $1', [manual!.id]);
    expect(kept).toEqual({ origin: 'manual', directory_id: null, role: 'editor' });
    expect(await cardOf(manual!.id)).toBeUndefined();
    expect(await seatsUsed(organizationId)).toBe(0);
    expect((await client.get(`/Users/${manual!.id}`)).status).toBe(404);
  });
});

describe('rule 4: linking by e-mail', () => {
  it('links a manual user case-insensitively instead of duplicating, and gives them a card', async () => {
    const { client, organizationId } = await directory('rule-four');
    const [manual] = await host.query<{ id: string }>("insert into app_user (organization_id, origin, email) values ($1, 'manual', 'LIN@rule-four.example') returning id", [organizationId]);
    const created = await client.post('/Users', entraUser('lin@Rule-Four.example'));
    expect(created.status).toBe(201);
    expect(created.body.id).toBe(manual!.id);
    expect(await host.query('select id from app_user where organization_id = $1', [organizationId])).toEqual([{ id: manual!.id }]);
    expect((await cardOf(manual!.id))!.status).toBe('active');
    expect(await seatsUsed(organizationId)).toBe(1);
  });
});

describe('rule 5: active=false and active=true', () => {
  const deactivate = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] };
  const reactivate = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] };

  it('keeps card and seat by default, the card suspended (issue 11: no longer public)', async () => {
    const { client, organizationId } = await directory('rule-five-keep');
    const { body } = await client.post('/Users', entraUser('kim@rule-five-keep.example'));
    expect((await client.patch(`/Users/${body.id}`, deactivate)).body.active).toBe(false);
    expect((await cardOf(body.id))!.status).toBe('suspended');
    expect(await seatsUsed(organizationId)).toBe(1);
  });

  it('keeps the card public under the explicit keepPublic policy', async () => {
    const { client } = await directory('rule-five-public', { settings: { deprovisionPolicy: 'keepPublic' } });
    const { body } = await client.post('/Users', entraUser('kai@rule-five-public.example'));
    await client.patch(`/Users/${body.id}`, deactivate);
    expect((await cardOf(body.id))!.status).toBe('active');
  });

  it('suspends the card under the suspend policy and restores it on active=true', async () => {
    const { client } = await directory('rule-five-suspend', { settings: { deprovisionPolicy: 'suspend' } });
    const { body } = await client.post('/Users', entraUser('lee@rule-five-suspend.example'));
    await client.patch(`/Users/${body.id}`, deactivate);
    expect((await cardOf(body.id))!.status).toBe('suspended');
    const restored = await client.patch(`/Users/${body.id}`, reactivate);
    expect(restored.body.active).toBe(true);
    expect((await cardOf(body.id))!.status).toBe('active');
  });
});

describe('rule 7: attribute flow', () => {
  it('flows directory changes into the card and keeps the holder overrides apart', async () => {
    const { client } = await directory('rule-seven');
    const { body } = await client.post('/Users', entraUser('max@rule-seven.example'));
    await host.query(`update card set overrides = '{"title": "Chief Tinkerer"}' where user_id = $1`, [body.id]);
    const patched = await client.patch(`/Users/${body.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'title', value: 'Principal Engineer' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Platform' },
        { op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0199' },
      ],
    });
    expect(patched.status).toBe(200);
    const card = await cardOf(body.id);
    expect(card!.fields).toMatchObject({ title: 'Principal Engineer', department: 'Platform' });
    expect(card!.fields.phones).toEqual(expect.arrayContaining([{ type: 'mobile', value: '+1 555 0199' }, { type: 'work', value: '+1 555 0100' }]));
    expect(card!.overrides).toEqual({ title: 'Chief Tinkerer' });
  });
});

describe('rule 1 with groups: template of the highest-priority group', () => {
  it('follows group membership and priority, and falls back when the user leaves the groups', async () => {
    const { client, organizationId } = await directory('rule-groups');
    const [base, sales, execs] = await host.query<{ id: string }>(
      "insert into template (organization_id, name, created_at) values ($1, 'Base', now() - interval '1 hour'), ($1, 'Sales', now()), ($1, 'Execs', now()) returning id",
      [organizationId],
    );
    const user = await client.post('/Users', entraUser('ray@rule-groups.example'));
    expect((await cardOf(user.body.id))!.template_id).toBe(base!.id);
    const salesGroup = await client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales' });
    const execGroup = await client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Execs' });
    await host.query('update scim_group set template_id = $2, template_priority = $3 where id = $1', [salesGroup.body.id, sales!.id, 10]);
    await host.query('update scim_group set template_id = $2, template_priority = $3 where id = $1', [execGroup.body.id, execs!.id, 20]);
    const add = (id: string) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }] });
    const remove = (id: string) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Remove', path: `members[value eq "${id}"]` }] });

    expect((await client.patch(`/Groups/${salesGroup.body.id}`, add(user.body.id))).status).toBe(204);
    expect((await cardOf(user.body.id))!.template_id).toBe(sales!.id);
    await client.patch(`/Groups/${execGroup.body.id}`, add(user.body.id));
    expect((await cardOf(user.body.id))!.template_id).toBe(execs!.id);
    await client.patch(`/Groups/${execGroup.body.id}`, remove(user.body.id));
    expect((await cardOf(user.body.id))!.template_id).toBe(sales!.id);
    expect((await client.delete(`/Groups/${salesGroup.body.id}`)).status).toBe(204);
    expect((await cardOf(user.body.id))!.template_id).toBe(base!.id);
  });
});

describe('rule 8: domain-based assignment', () => {
  it('places a user in the organization whose e-mail domains match, with that organization’s seat', async () => {
    const other = await host.createDirectory({ org: 'assign-beta', provider: 'entra', seats: 3 });
    await host.query("update organization set email_domains = '{beta.example}' where id = $1", [other.organizationId]);
    const { client, organizationId } = await directory('assign-alpha', { settings: { domainAssignment: true, assignmentOrganizationIds: [other.organizationId] } });
    const beta = await client.post('/Users', entraUser('bo@beta.example'));
    const alpha = await client.post('/Users', entraUser('al@assign-alpha.example'));
    expect([beta.status, alpha.status]).toEqual([201, 201]);
    const rows = await host.query<{ id: string; organization_id: string }>('select id, organization_id from app_user where id = any($1::uuid[])', [[beta.body.id, alpha.body.id]]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.organization_id]))).toEqual({ [beta.body.id]: other.organizationId, [alpha.body.id]: organizationId });
    expect(await seatsUsed(other.organizationId)).toBe(1);
    expect(await seatsUsed(organizationId)).toBe(1);
    // The directory still manages the assigned user.
    expect((await client.get(`/Users/${beta.body.id}`)).status).toBe(200);
  });
});
