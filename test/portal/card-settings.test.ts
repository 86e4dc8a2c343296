/**
 * The card settings the admin portal sets (issue 13 item 5), through the public schema: template per directory and
 * per group, invite e-mails on/off and resend to everyone of a directory who has not accepted, domain assignment,
 * photo-sync credentials write-only (set / not set), deprovisioning policy; and the role rules: viewers and
 * editors read all of it but cannot delete directory-managed users or cards.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, entraOrganization, gql, productToken, provisionUsers, ROLES, type Role } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';

const SETTINGS = `query($id: ID!) { directory(id: $id) { seatsUsed template { name } settings { templateId invitesEnabled domainAssignment deprovisionPolicy
  photoSync { enabled tenantId clientId hasClientSecret } } } organization { seats { limit used available } } }`;
const UPDATE = 'mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) { directory { settings { templateId invitesEnabled domainAssignment deprovisionPolicy photoSync { hasClientSecret } } } } }';
const RESEND = 'mutation($input: ResendInvitesInput!) { resendInvites(input: $input) { count users { id } } }';
const SECRET = 'photo-client-secret-9f8e7d';

let host: TestHost;
const tokens = {} as Record<Role, string>;
let acme: { client: ScimClient; directoryId: string; organizationId: string };
let second: { directoryId: string; client: ScimClient };
let users: string[];

beforeAll(async () => {
  host = await startHost({ env: { ENCRYPTION_KEY: randomBytes(32).toString('base64') } });
  acme = await entraOrganization(host, 'acme', 20);
  for (const role of ROLES) tokens[role] = await productToken({ org: 'acme', role });
  const created = await host.createDirectory({ org: 'acme', provider: 'okta', name: 'Okta', settings: { invitesEnabled: true } });
  second = { directoryId: created.directoryId, client: scimClient(created.tenantUrl, created.secretToken) };
});
afterAll(async () => await host?.close());

describe('card settings of a directory', () => {
  it('sets template, invites, domain assignment, deprovisioning policy and photo sync; admins and owners only', async () => {
    const template = await gql(host, 'mutation { createTemplate(input: { name: "Sales card" }) { template { id } } }', {}, tokens.editor);
    const templateId = template.data.createTemplate.template.id;
    const input = { directoryId: acme.directoryId, templateId, invitesEnabled: true, domainAssignment: true, deprovisionPolicy: 'KEEP_PUBLIC', photoSync: { enabled: true, tenantId: 'contoso', clientId: 'photo-app', clientSecret: SECRET } };
    for (const role of ['editor', 'viewer', 'member'] as const) expect(codeOf(await gql(host, UPDATE, { input }, tokens[role]))).toBe('FORBIDDEN');
    const updated = await gql(host, UPDATE, { input }, tokens.admin);
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateDirectorySettings.directory.settings).toEqual({ templateId, invitesEnabled: true, domainAssignment: true, deprovisionPolicy: 'KEEP_PUBLIC', photoSync: { hasClientSecret: true } });
    users = await provisionUsers(acme.client, 1, 4);
  });

  it('lets viewers and editors read every setting, seats used and left, and never returns the photo-sync secret', async () => {
    for (const role of ['viewer', 'editor', 'admin', 'owner'] as const) {
      const read = await gql(host, SETTINGS, { id: acme.directoryId }, tokens[role]);
      expect(read.errors).toBeUndefined();
      expect(read.data.directory).toMatchObject({
        seatsUsed: 4,
        template: { name: 'Sales card' },
        settings: { invitesEnabled: true, domainAssignment: true, deprovisionPolicy: 'KEEP_PUBLIC', photoSync: { enabled: true, tenantId: 'contoso', clientId: 'photo-app', hasClientSecret: true } },
      });
      expect(read.data.organization.seats).toEqual({ limit: 20, used: 4, available: 16 });
      expect(JSON.stringify(read.raw)).not.toContain(SECRET);
    }
    // Members (card holders) see neither directories nor seats.
    expect(codeOf(await gql(host, SETTINGS, { id: acme.directoryId }, tokens.member))).toBe('FORBIDDEN');
    // No output type of the schema can carry it: the secret exists only as an input field.
    const types = await gql(host, '{ __schema { types { name kind fields { name } } } }', {}, tokens.admin);
    const outputFields = types.data.__schema.types.filter((t: { kind: string }) => t.kind === 'OBJECT').flatMap((t: { name: string; fields: { name: string }[] }) => t.fields.map((f) => `${t.name}.${f.name}`));
    expect(outputFields.filter((f: string) => /secret/i.test(f) && !/hasClientSecret|secretToken/.test(f))).toEqual([]);
    // Keeping the stored secret: photo sync changed without clientSecret still has one; null removes it.
    const kept = await gql(host, UPDATE, { input: { directoryId: acme.directoryId, photoSync: { enabled: false, tenantId: 'contoso', clientId: 'photo-app' } } }, tokens.admin);
    expect(kept.data.updateDirectorySettings.directory.settings.photoSync).toEqual({ hasClientSecret: true });
    const removed = await gql(host, UPDATE, { input: { directoryId: acme.directoryId, photoSync: null } }, tokens.admin);
    expect(removed.data.updateDirectorySettings.directory.settings.photoSync).toBeNull();
  });

  it('sets a group’s template (editors too) and the directory’s default (admins)', async () => {
    const group = await acme.client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', members: [{ value: users[0] }] });
    const template = (await gql(host, 'mutation { createTemplate(input: { name: "Group card" }) { template { id } } }', {}, tokens.editor)).data.createTemplate.template.id;
    const SET = 'mutation($input: SetGroupTemplateInput!) { setGroupTemplate(input: $input) { cardsUpdated group { template { name } } } }';
    expect(codeOf(await gql(host, SET, { input: { groupId: group.body.id, templateId: template, priority: 1 } }, tokens.viewer))).toBe('FORBIDDEN');
    const set = await gql(host, SET, { input: { groupId: group.body.id, templateId: template, priority: 1 } }, tokens.editor);
    expect(set.errors).toBeUndefined();
    expect(set.data.setGroupTemplate).toMatchObject({ cardsUpdated: 1, group: { template: { name: 'Group card' } } });
    const card = await gql(host, 'query($id: ID!) { user(id: $id) { card { template { name } } } }', { id: users[0] }, tokens.viewer);
    expect(card.data.user.card.template.name).toBe('Group card');
  });
});

describe('resendInvites for a directory', () => {
  it('queues every user of that directory who has not accepted, and nobody else', async () => {
    await provisionUsers(second.client, 50, 3, 'okta.example');
    // One of them accepted; one in the first directory is waiting too.
    await host.query(`update app_user set invite_status = 'accepted' where directory_id = $1 and user_name = 'user50@okta.example'`, [second.directoryId]);
    await host.query(`update app_user set invite_status = 'sent' where directory_id = $1`, [acme.directoryId]);
    const pending = await host.query<{ id: string }>(`select id from app_user where directory_id = $1 and invite_status <> 'accepted' order by id`, [second.directoryId]);
    expect(pending).toHaveLength(2);
    for (const role of ['editor', 'viewer'] as const) expect(codeOf(await gql(host, RESEND, { input: { directoryId: second.directoryId } }, tokens[role]))).toBe('FORBIDDEN');
    const resent = await gql(host, RESEND, { input: { directoryId: second.directoryId } }, tokens.admin);
    expect(resent.errors).toBeUndefined();
    expect(resent.data.resendInvites.count).toBe(2);
    expect(resent.data.resendInvites.users.map((u: { id: string }) => u.id).sort()).toEqual(pending.map((p) => p.id));
    const untouched = await host.query<{ invite_status: string }>('select distinct invite_status from app_user where directory_id = $1', [acme.directoryId]);
    expect(untouched).toEqual([{ invite_status: 'sent' }]);
  });

  it('refuses userIds with directoryId, and a directory of another organization', async () => {
    const both = await gql(host, RESEND, { input: { directoryId: second.directoryId, userIds: [users[0]] } }, tokens.admin);
    expect(both.errors?.[0]).toMatchObject({ message: 'name either userIds or directoryId, not both', extensions: { code: 'BAD_USER_INPUT', field: 'directoryId' } });
    const foreign = await entraOrganization(host, 'foreign');
    expect(codeOf(await gql(host, RESEND, { input: { directoryId: foreign.directoryId } }, tokens.admin))).toBe('NOT_FOUND');
    expect(codeOf(await gql(host, RESEND, { input: { directoryId: 'not-an-id' } }, tokens.admin))).toBe('BAD_USER_INPUT');
  });
});

describe('role rules for directory-managed users and cards', () => {
  it('viewers and editors read users and cards but cannot delete directory-managed ones; admins can', async () => {
    const target = users[3]!;
    for (const role of ['viewer', 'editor'] as const) {
      const read = await gql(host, 'query($id: ID!) { user(id: $id) { id card { id } } }', { id: target }, tokens[role]);
      expect(read.errors).toBeUndefined();
      const cardId = read.data.user.card.id;
      const deleteUser = await gql(host, 'mutation($id: ID!) { deleteUser(id: $id) { deletedUserId } }', { id: target }, tokens[role]);
      expect(deleteUser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const deleteCard = await gql(host, 'mutation($id: ID!) { deleteCard(id: $id) { deletedCardId } }', { id: cardId }, tokens[role]);
      expect(deleteCard.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await host.query('select 1 from app_user where id = $1', [target])).toHaveLength(1);
    const deleted = await gql(host, 'mutation($id: ID!) { deleteUser(id: $id) { deletedUserId freedSeat } }', { id: target }, tokens.admin);
    expect(deleted.data.deleteUser).toEqual({ deletedUserId: target, freedSeat: true });
    expect((await gql(host, '{ directories { id seatsUsed } }', {}, tokens.viewer)).data.directories.find((d: { id: string }) => d.id === acme.directoryId).seatsUsed).toBe(3);
  });
});
