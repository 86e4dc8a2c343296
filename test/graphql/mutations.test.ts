import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, entraOrganization, gql, productToken, provisionUsers, ROLES, type Role } from './graphql-helpers.js';

let host: TestHost;
const tokens = {} as Record<Role, string>;
let acme: Awaited<ReturnType<typeof entraOrganization>>;
let users: string[];
let salesGroupId: string;

beforeAll(async () => {
  host = await startHost({ env: { ENCRYPTION_KEY: randomBytes(32).toString('base64') } });
  acme = await entraOrganization(host, 'acme', 20);
  users = await provisionUsers(acme.client, 1, 6);
  const sales = await acme.client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', members: users.slice(0, 2).map((value) => ({ value })) });
  salesGroupId = sales.body.id;
  for (const role of ROLES) tokens[role] = await productToken({ org: 'acme', role, ...(role === 'member' ? { sub: users[0] } : {}) });
});
afterAll(async () => await host?.close());

async function expectOnly(allowed: Role[], attempt: (token: string) => Promise<Awaited<ReturnType<typeof gql>>>): Promise<void> {
  for (const role of ROLES.filter((r) => !allowed.includes(r))) expect(codeOf(await attempt(tokens[role])), role).toBe('FORBIDDEN');
}

describe('directory mutations', () => {
  const CREATE = 'mutation($input: CreateDirectoryInput!) { createDirectory(input: $input) { tenantUrl secretToken directory { id provider userCount } } }';

  it('creates a directory whose Tenant URL and token work at once (admins and owners)', async () => {
    await expectOnly(['owner', 'admin'], (t) => gql(host, CREATE, { input: { name: 'Okta', provider: 'okta' } }, t));
    const created = await gql(host, CREATE, { input: { name: 'Second Entra', provider: 'entra' } }, tokens.admin);
    expect(created.errors).toBeUndefined();
    const { tenantUrl, secretToken, directory } = created.data.createDirectory;
    expect(tenantUrl).toBe(`${host.config.publicUrl}/scim/entra/${directory.id}`);
    expect((await scimClient(tenantUrl, secretToken).get('/Users')).status).toBe(200);
    const invalid = await gql(host, CREATE, { input: { name: ' ', provider: 'entra' } }, tokens.admin);
    expect(invalid.errors?.[0]).toMatchObject({ message: 'directory name must be 1–200 characters', extensions: { code: 'BAD_USER_INPUT', field: 'name' } });
  });

  it('rotates the Secret Token: the new one works, the old one stops', async () => {
    const created = (await gql(host, CREATE, { input: { name: 'Rotating', provider: 'entra' } }, tokens.owner)).data.createDirectory;
    const ROTATE = 'mutation($input: RotateDirectoryTokenInput!) { rotateDirectoryToken(input: $input) { secretToken directory { id } } }';
    await expectOnly(['owner', 'admin'], (t) => gql(host, ROTATE, { input: { directoryId: created.directory.id } }, t));
    const rotated = await gql(host, ROTATE, { input: { directoryId: created.directory.id } }, tokens.admin);
    expect((await scimClient(created.tenantUrl, rotated.data.rotateDirectoryToken.secretToken).get('/Users')).status).toBe(200);
    expect((await scimClient(created.tenantUrl, created.secretToken).get('/Users')).status).toBe(401);
  });

  it('updates settings; the photo-sync secret is stored encrypted and never returned', async () => {
    const UPDATE = 'mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) { directory { settings { invitesEnabled deprovisionPolicy matchingAttribute photoSync { enabled tenantId clientId hasClientSecret } } } } }';
    const input = { directoryId: acme.directoryId, invitesEnabled: true, deprovisionPolicy: 'SUSPEND', matchingAttribute: 'EXTERNAL_ID', photoSync: { enabled: true, tenantId: 'contoso-tenant', clientId: 'photo-app', clientSecret: 'super-secret-value' } };
    await expectOnly(['owner', 'admin'], (t) => gql(host, UPDATE, { input }, t));
    const response = await gql(host, UPDATE, { input }, tokens.admin);
    expect(response.data.updateDirectorySettings.directory.settings).toEqual({
      invitesEnabled: true,
      deprovisionPolicy: 'SUSPEND',
      matchingAttribute: 'EXTERNAL_ID',
      photoSync: { enabled: true, tenantId: 'contoso-tenant', clientId: 'photo-app', hasClientSecret: true },
    });
    const [row] = await host.query<{ photo_client_secret_enc: string }>('select photo_client_secret_enc from directory where id = $1', [acme.directoryId]);
    expect(row!.photo_client_secret_enc).toMatch(/^v1\./);
    expect(row!.photo_client_secret_enc).not.toContain('super-secret-value');
    const badTemplate = await gql(host, UPDATE, { input: { directoryId: acme.directoryId, templateId: '6b1d1b2e-7c35-4c3e-9d55-1a2b3c4d5e6f' } }, tokens.admin);
    expect(codeOf(badTemplate)).toBe('BAD_USER_INPUT');
    await gql(host, UPDATE, { input: { directoryId: acme.directoryId, deprovisionPolicy: 'SUSPEND', matchingAttribute: 'USER_NAME', invitesEnabled: false } }, tokens.admin);
  });

  it('deletes a directory (owners only); its token stops working and its users stay', async () => {
    const created = (await gql(host, CREATE, { input: { name: 'Doomed', provider: 'entra' } }, tokens.owner)).data.createDirectory;
    const [userId] = await provisionUsers(scimClient(created.tenantUrl, created.secretToken), 900, 1);
    const DELETE = 'mutation($id: ID!) { deleteDirectory(id: $id) { deletedDirectoryId } }';
    await expectOnly(['owner'], (t) => gql(host, DELETE, { id: created.directory.id }, t));
    expect((await gql(host, DELETE, { id: created.directory.id }, tokens.owner)).data.deleteDirectory.deletedDirectoryId).toBe(created.directory.id);
    expect((await scimClient(created.tenantUrl, created.secretToken).get('/Users')).status).toBe(401);
    const user = await gql(host, 'query($id: ID!) { user(id: $id) { origin isDirectoryManaged card { id } } }', { id: userId }, tokens.owner);
    expect(user.data.user).toMatchObject({ origin: 'MANUAL', isDirectoryManaged: false, card: { id: expect.any(String) } });
    expect(codeOf(await gql(host, DELETE, { id: created.directory.id }, tokens.owner))).toBe('NOT_FOUND');
  });
});

describe('templates and group rules', () => {
  const CREATE = 'mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { template { id name editableFields } } }';
  const CARD = 'query($id: ID!) { user(id: $id) { card { template { name } fields { title } directoryFields { title } overrides { title } } } }';
  let templateId: string;

  it('creates, validates and updates templates (editors and up)', async () => {
    await expectOnly(['owner', 'admin', 'editor'], (t) => gql(host, CREATE, { input: { name: `Forbidden ${t.slice(-6)}` } }, t));
    const created = await gql(host, CREATE, { input: { name: 'Sales card', editableFields: ['title'], primaryColor: '#112233' } }, tokens.editor);
    templateId = created.data.createTemplate.template.id;
    expect(codeOf(await gql(host, CREATE, { input: { name: 'sales CARD' } }, tokens.editor))).toBe('CONFLICT');
    const badColor = await gql(host, CREATE, { input: { name: 'Bad', primaryColor: 'red' } }, tokens.editor);
    expect(badColor.errors?.[0]).toMatchObject({ message: 'primaryColor must be a colour like #1f3a5f', extensions: { code: 'BAD_USER_INPUT', field: 'primaryColor' } });
    const badField = await gql(host, CREATE, { input: { name: 'Bad', editableFields: ['salary'] } }, tokens.editor);
    expect(badField.errors?.[0]?.message).toMatch(/^editableFields has unknown fields \(salary\); allowed: /);
    const updated = await gql(host, 'mutation($input: UpdateTemplateInput!) { updateTemplate(input: $input) { template { accentColor editableFields } } }', { input: { templateId, accentColor: '#445566' } }, tokens.editor);
    expect(updated.data.updateTemplate.template).toEqual({ accentColor: '#445566', editableFields: ['title'] });
  });

  it('sets a group → template rule and the members’ cards follow', async () => {
    const SET = 'mutation($input: SetGroupTemplateInput!) { setGroupTemplate(input: $input) { cardsUpdated group { template { name } templatePriority } } }';
    await expectOnly(['owner', 'admin', 'editor'], (t) => gql(host, SET, { input: { groupId: salesGroupId, templateId } }, t));
    const set = await gql(host, SET, { input: { groupId: salesGroupId, templateId, priority: 5 } }, tokens.editor);
    expect(set.data.setGroupTemplate).toEqual({ cardsUpdated: 2, group: { template: { name: 'Sales card' }, templatePriority: 5 } });
    expect((await gql(host, CARD, { id: users[0] }, tokens.viewer)).data.user.card.template.name).toBe('Sales card');
    expect((await gql(host, CARD, { id: users[2] }, tokens.viewer)).data.user.card.template?.name).not.toBe('Sales card');
  });

  it('lets the holder edit only the template’s editable fields, and directory updates keep flowing', async () => {
    const UPDATE = 'mutation($input: UpdateMyCardInput!) { updateMyCard(input: $input) { card { fields { title department } overrides { title } } } }';
    const edited = await gql(host, UPDATE, { input: { fields: { title: 'Chief Card Officer' } } }, tokens.member);
    expect(edited.data.updateMyCard.card).toMatchObject({ fields: { title: 'Chief Card Officer', department: 'Sales' }, overrides: { title: 'Chief Card Officer' } });
    const refused = await gql(host, UPDATE, { input: { fields: { department: 'Marketing' } } }, tokens.member);
    expect(refused.errors?.[0]).toMatchObject({ message: "the card's template does not let you edit department (editable: title)", extensions: { code: 'BAD_USER_INPUT' } });
    const patch = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'title', value: 'Directory Title' }] };
    expect((await acme.client.patch(`/Users/${users[0]}`, patch)).status).toBeLessThan(300);
    expect((await gql(host, CARD, { id: users[0] }, tokens.member)).data.user.card).toMatchObject({ fields: { title: 'Chief Card Officer' }, directoryFields: { title: 'Directory Title' } });
    await gql(host, UPDATE, { input: { fields: { title: null } } }, tokens.member);
    expect((await gql(host, CARD, { id: users[0] }, tokens.member)).data.user.card.fields.title).toBe('Directory Title');
    const serviceToken = await gql(host, UPDATE, { input: { fields: { title: 'x' } } }, tokens.admin);
    expect(serviceToken.errors?.[0]).toMatchObject({ message: 'this token does not belong to a user of the organization', extensions: { code: 'FORBIDDEN' } });
  });

  it('deletes a template; its cards fall back', async () => {
    const DELETE = 'mutation($id: ID!) { deleteTemplate(id: $id) { deletedTemplateId } }';
    await expectOnly(['owner', 'admin', 'editor'], (t) => gql(host, DELETE, { id: templateId }, t));
    expect((await gql(host, DELETE, { id: templateId }, tokens.editor)).errors).toBeUndefined();
    expect((await gql(host, CARD, { id: users[0] }, tokens.viewer)).data.user.card.template).toBeNull();
    expect(codeOf(await gql(host, DELETE, { id: templateId }, tokens.editor))).toBe('NOT_FOUND');
  });
});

describe('users: invites, roles, deletion', () => {
  const INVITE = 'mutation($input: InviteUsersInput!) { inviteUsers(input: $input) { users { id email origin role inviteStatus } alreadyAccepted } }';
  const RESEND = 'mutation($input: ResendInvitesInput!) { resendInvites(input: $input) { count users { id } } }';
  const DELETE = 'mutation($id: ID!) { deleteUser(id: $id) { deletedUserId deletedCardId freedSeat } }';
  const ROLE = 'mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { user { id role } } }';

  it('invites new and existing users, never those who accepted, and asks the job queue to send', async () => {
    const requested: string[][] = [];
    const off = host.server.events.on('invites.requested', (e) => void requested.push(e.userIds));
    await host.query(`update app_user set invite_status = 'accepted' where id = $1`, [users[3]]);
    await expectOnly(['owner', 'admin'], (t) => gql(host, INVITE, { input: { emails: ['x@new.example'] } }, t));
    const response = await gql(host, INVITE, { input: { emails: ['New.Person@new.example', 'user3@example.com', 'user4@example.com'], role: 'EDITOR' } }, tokens.admin);
    off();
    const invited = response.data.inviteUsers;
    expect(invited.alreadyAccepted).toEqual(['user4@example.com']);
    expect(invited.users.map((u: any) => u.email).sort()).toEqual(['new.person@new.example', 'user3@example.com']);
    expect(invited.users.find((u: any) => u.email === 'new.person@new.example')).toMatchObject({ origin: 'MANUAL', role: 'EDITOR', inviteStatus: 'PENDING' });
    expect(requested).toEqual([invited.users.map((u: any) => u.id)]);
    expect(codeOf(await gql(host, INVITE, { input: { emails: ['not-an-address'] } }, tokens.admin))).toBe('BAD_USER_INPUT');
  });

  it('resends only to users who have not accepted', async () => {
    await expectOnly(['owner', 'admin'], (t) => gql(host, RESEND, { input: {} }, t));
    const response = await gql(host, RESEND, { input: { userIds: [users[2], users[3]] } }, tokens.admin);
    expect(response.data.resendInvites).toEqual({ count: 1, users: [{ id: users[2] }] });
  });

  it('follows the directory rules when deleting users and cards', async () => {
    const manual = (await gql(host, INVITE, { input: { emails: ['temp@new.example'] } }, tokens.admin)).data.inviteUsers.users[0].id;
    for (const role of ['viewer', 'member'] as const) expect(codeOf(await gql(host, DELETE, { id: manual }, tokens[role]))).toBe('FORBIDDEN');
    const refused = await gql(host, DELETE, { id: users[5] }, tokens.editor);
    expect(refused.errors?.[0]).toMatchObject({ message: 'this user is managed by a directory; only admins and owners may delete it', extensions: { code: 'FORBIDDEN' } });
    expect((await gql(host, DELETE, { id: manual }, tokens.editor)).data.deleteUser).toEqual({ deletedUserId: manual, deletedCardId: null, freedSeat: false });
    const seatsBefore = (await gql(host, '{ organization { seats { used } } }', {}, tokens.admin)).data.organization.seats.used;
    const deleted = (await gql(host, DELETE, { id: users[5] }, tokens.admin)).data.deleteUser;
    expect(deleted).toMatchObject({ deletedUserId: users[5], deletedCardId: expect.any(String), freedSeat: true });
    expect((await gql(host, '{ organization { seats { used } } }', {}, tokens.admin)).data.organization.seats.used).toBe(seatsBefore - 1);
    expect(await host.query('select 1 from card where id = $1', [deleted.deletedCardId])).toEqual([]);
    expect(codeOf(await gql(host, DELETE, { id: users[5] }, tokens.admin))).toBe('NOT_FOUND');
  });

  it('deletes cards: directory-managed ones by admins and owners only', async () => {
    const cardId = (await gql(host, 'query($id: ID!) { user(id: $id) { card { id } } }', { id: users[4] }, tokens.admin)).data.user.card.id;
    const DELETE_CARD = 'mutation($id: ID!) { deleteCard(id: $id) { deletedCardId userId } }';
    for (const role of ['editor', 'viewer', 'member'] as const) expect(codeOf(await gql(host, DELETE_CARD, { id: cardId }, tokens[role]))).toBe('FORBIDDEN');
    expect((await gql(host, DELETE_CARD, { id: cardId }, tokens.admin)).data.deleteCard).toEqual({ deletedCardId: cardId, userId: users[4] });
  });

  it('changes roles: admins below owner, owners everything, never one’s own, never the last owner away', async () => {
    await expectOnly(['owner', 'admin'], (t) => gql(host, ROLE, { input: { userId: users[1], role: 'VIEWER' } }, t));
    expect((await gql(host, ROLE, { input: { userId: users[1], role: 'EDITOR' } }, tokens.admin)).data.setUserRole.user.role).toBe('EDITOR');
    expect(codeOf(await gql(host, ROLE, { input: { userId: users[1], role: 'OWNER' } }, tokens.admin))).toBe('FORBIDDEN');
    expect((await gql(host, ROLE, { input: { userId: users[1], role: 'OWNER' } }, tokens.owner)).data.setUserRole.user.role).toBe('OWNER');
    const ownerSelf = await productToken({ org: 'acme', role: 'owner', sub: users[1] });
    expect(codeOf(await gql(host, ROLE, { input: { userId: users[1], role: 'ADMIN' } }, ownerSelf))).toBe('FORBIDDEN');
    const lastOwner = await gql(host, ROLE, { input: { userId: users[1], role: 'ADMIN' } }, tokens.owner);
    expect(lastOwner.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'role' } });
  });
});
