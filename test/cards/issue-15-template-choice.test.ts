/**
 * Which template a card uses (issue 15): the statements that pick or re-pick templates read the candidates and write
 * what the card rules' templateFor picks. Through the real server on a real database: a user in two groups whose
 * rules have equal priority and names that sort differently by code unit than by a linguistic collation ('Zeta' before
 * 'beta'), a directory default and the organization's first template; after every change (membership, rule priority,
 * directory default, a deleted template) the stored card template is templateFor's pick from the same candidates.
 * The same picks in preview: the plan, the users page and the cards the go-live makes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateFor, type GroupTemplateRule } from '../../src/domain/cards/card.rules.js';
import type { ScimClient } from '../../src/testkit/scim-client.js';
import { scimClient } from '../../src/testkit/scim-client.js';
import { entraOrganization, gql, productToken, provisionUsers } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const CARD = 'query($id: ID!) { user(id: $id) { card { template { id } } } }';
const SET_RULE = 'mutation($input: SetGroupTemplateInput!) { setGroupTemplate(input: $input) { cardsUpdated } }';
const SET_DEFAULT = 'mutation($input: UpdateDirectorySettingsInput!) { updateDirectorySettings(input: $input) { directory { settings { templateId } } } }';

let host: TestHost;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => await host?.close());

async function createTemplate(name: string, token: string): Promise<string> {
  const created = await gql(host, 'mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { template { id } } }', { input: { name } }, token);
  expect(created.errors).toBeUndefined();
  return created.data.createTemplate.template.id;
}

async function createGroup(client: ScimClient, displayName: string): Promise<string> {
  const group = await client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName });
  expect(group.status).toBe(201);
  return group.body.id;
}

async function changeMembers(client: ScimClient, groupId: string, op: 'Add' | 'Remove', userIds: string[]): Promise<void> {
  const response = await client.patch(`/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op, path: 'members', value: userIds.map((value) => ({ value })) }] });
  expect(response.status).toBe(204);
}

/** What the test knows of the candidates: the groups' rules, who is in which group, the defaults. */
class Model {
  readonly rules = new Map<string, GroupTemplateRule>();
  readonly members = new Map<string, Set<string>>();
  directoryDefault: string | null = null;
  organizationFirst: string | null;
  constructor(organizationFirst: string | null) {
    this.organizationFirst = organizationFirst;
  }

  join(groupId: string, userId: string): void {
    this.members.set(groupId, (this.members.get(groupId) ?? new Set()).add(userId));
  }

  leave(groupId: string, userId: string): void {
    this.members.get(groupId)?.delete(userId);
  }

  templateOf(userId: string): string | null {
    const groupRules = [...this.rules].filter(([groupId]) => this.members.get(groupId)?.has(userId)).map(([, rule]) => rule);
    return templateFor({ groupRules, directoryDefault: this.directoryDefault, organizationFirst: this.organizationFirst });
  }
}

describe('the template of a live card is what templateFor picks', () => {
  let client: ScimClient;
  let directoryId: string;
  let admin: string;
  let ada: string;
  let bob: string;
  let model: Model;
  const t: Record<string, string> = {};
  const groups: Record<string, string> = {};

  async function expectCards(): Promise<void> {
    for (const userId of [ada, bob]) {
      const read = await gql(host, CARD, { id: userId }, admin);
      expect(read.errors).toBeUndefined();
      expect(read.data.user.card.template?.id ?? null).toBe(model.templateOf(userId));
    }
  }

  async function setRule(group: 'beta' | 'Zeta', template: string, priority: number): Promise<number> {
    const set = await gql(host, SET_RULE, { input: { groupId: groups[group], templateId: template, priority } }, admin);
    expect(set.errors).toBeUndefined();
    model.rules.set(groups[group]!, { templateId: template, priority, groupName: group });
    return set.data.setGroupTemplate.cardsUpdated;
  }

  async function setDefault(templateId: string | null): Promise<void> {
    const set = await gql(host, SET_DEFAULT, { input: { directoryId, templateId } }, admin);
    expect(set.errors).toBeUndefined();
    expect(set.data.updateDirectorySettings.directory.settings.templateId).toBe(templateId);
    model.directoryDefault = templateId;
  }

  it('starts with the organization’s first template, then the directory default', async () => {
    ({ client, directoryId } = await entraOrganization(host, 'choice-live', 10));
    admin = await productToken({ org: 'choice-live', role: 'admin' });
    for (const name of ['Standard', 'Default', 'Other default', 'Beta card', 'Zeta card']) t[name] = await createTemplate(name, admin);
    model = new Model(t.Standard!);
    [ada, bob] = await provisionUsers(client, 1, 2, 'choice.example');
    await expectCards();
    await setDefault(t.Default!);
    expect(model.templateOf(ada)).toBe(t.Default);
    await expectCards();
  });

  it('follows membership changes; equal priorities tie by the names as templateFor compares them', async () => {
    groups.beta = await createGroup(client, 'beta');
    groups.Zeta = await createGroup(client, 'Zeta');
    // No members yet: setting the rules changes no card.
    expect(await setRule('beta', t['Beta card']!, 5)).toBe(0);
    expect(await setRule('Zeta', t['Zeta card']!, 5)).toBe(0);
    await expectCards();

    await changeMembers(client, groups.beta, 'Add', [ada]);
    model.join(groups.beta, ada);
    expect(model.templateOf(ada)).toBe(t['Beta card']);
    await expectCards();

    await changeMembers(client, groups.Zeta, 'Add', [ada, bob]);
    model.join(groups.Zeta, ada);
    model.join(groups.Zeta, bob);
    // 'Z' (U+005A) sorts before 'b' (U+0062): Zeta's rule wins the tie, though 'beta' comes first in a dictionary.
    expect(model.templateOf(ada)).toBe(t['Zeta card']);
    await expectCards();

    await changeMembers(client, groups.Zeta, 'Remove', [ada]);
    model.leave(groups.Zeta, ada);
    expect(model.templateOf(ada)).toBe(t['Beta card']);
    await expectCards();
    await changeMembers(client, groups.Zeta, 'Add', [ada]);
    model.join(groups.Zeta, ada);
    await expectCards();
  });

  it('follows a rule’s priority, counting only the cards whose template changed', async () => {
    // beta above Zeta: ada (in both) moves, bob (only in Zeta) does not.
    expect(await setRule('beta', t['Beta card']!, 6)).toBe(1);
    expect(model.templateOf(ada)).toBe(t['Beta card']);
    await expectCards();
    // The same rule again: nothing changes.
    expect(await setRule('beta', t['Beta card']!, 6)).toBe(0);
    await expectCards();
    // beta at -1 loses to Zeta's 5 (and would still beat the directory default).
    expect(await setRule('beta', t['Beta card']!, -1)).toBe(1);
    expect(model.templateOf(ada)).toBe(t['Zeta card']);
    await expectCards();
  });

  it('follows the directory default and a deleted template', async () => {
    await changeMembers(client, groups.Zeta!, 'Remove', [bob]);
    model.leave(groups.Zeta!, bob);
    await expectCards();
    await setDefault(t['Other default']!);
    expect(model.templateOf(bob)).toBe(t['Other default']);
    await expectCards();
    await setDefault(null);
    expect(model.templateOf(bob)).toBe(t.Standard);
    await expectCards();

    // Deleting Zeta's template drops its rule: ada falls back to beta's.
    const deleted = await gql(host, 'mutation($id: ID!) { deleteTemplate(id: $id) { deletedTemplateId } }', { id: t['Zeta card'] }, admin);
    expect(deleted.errors).toBeUndefined();
    model.rules.delete(groups.Zeta!);
    expect(model.templateOf(ada)).toBe(t['Beta card']);
    await expectCards();
    // Deleting the organization's first template: bob takes the next oldest.
    const first = await gql(host, 'mutation($id: ID!) { deleteTemplate(id: $id) { deletedTemplateId } }', { id: t.Standard }, admin);
    expect(first.errors).toBeUndefined();
    model.organizationFirst = t.Default!;
    await expectCards();
  });
});

describe('a preview directory shows and goes live with templateFor’s picks', () => {
  it('previews the tie winner per user and in the plan, and the go-live writes it', async () => {
    const dir = await host.createDirectory({ org: 'choice-preview', provider: 'entra', seats: 10, settings: { mode: 'preview' } });
    const client = scimClient(dir.tenantUrl, dir.secretToken);
    const owner = await productToken({ org: 'choice-preview', role: 'owner' });
    const t: Record<string, string> = {};
    for (const name of ['Standard', 'Default', 'Beta card', 'Zeta card']) t[name] = await createTemplate(name, owner);
    const set = await gql(host, SET_DEFAULT, { input: { directoryId: dir.directoryId, templateId: t.Default } }, owner);
    expect(set.errors).toBeUndefined();
    const [ada, bob, eve] = await provisionUsers(client, 1, 3, 'preview-choice.example');
    const beta = await createGroup(client, 'beta');
    const zeta = await createGroup(client, 'Zeta');
    await changeMembers(client, beta, 'Add', [ada!, bob!]);
    await changeMembers(client, zeta, 'Add', [ada!]);
    for (const [groupId, templateId] of [[beta, t['Beta card']], [zeta, t['Zeta card']]]) {
      const rule = await gql(host, SET_RULE, { input: { groupId, templateId, priority: 2 } }, owner);
      expect(rule.errors).toBeUndefined();
    }
    const rules: Record<string, GroupTemplateRule[]> = {
      [ada!]: [{ templateId: t['Beta card']!, priority: 2, groupName: 'beta' }, { templateId: t['Zeta card']!, priority: 2, groupName: 'Zeta' }],
      [bob!]: [{ templateId: t['Beta card']!, priority: 2, groupName: 'beta' }],
      [eve!]: [],
    };
    const expected = (userId: string) => templateFor({ groupRules: rules[userId], directoryDefault: t.Default, organizationFirst: t.Standard });
    expect([ada!, bob!, eve!].map(expected)).toEqual([t['Zeta card'], t['Beta card'], t.Default]);

    const preview = await gql(host, `query($id: ID!) { directory(id: $id) { preview { templates { templateId users } users(first: 10) { edges { node { id templateId } } } } } }`, { id: dir.directoryId }, owner);
    expect(preview.errors).toBeUndefined();
    const nodes = preview.data.directory.preview.users.edges.map((e: { node: { id: string; templateId: string } }) => e.node);
    expect(nodes).toEqual([ada!, bob!, eve!].map((id) => ({ id, templateId: expected(id) })));
    // One user each: most used first, then by id.
    expect(preview.data.directory.preview.templates).toEqual([t['Zeta card']!, t['Beta card']!, t.Default!].sort().map((templateId) => ({ templateId, users: 1 })));

    const live = await gql(host, 'mutation($id: ID!) { goLiveDirectory(id: $id) { cardsCreated } }', { id: dir.directoryId }, owner);
    expect(live.errors).toBeUndefined();
    expect(live.data.goLiveDirectory.cardsCreated).toBe(3);
    for (const userId of [ada!, bob!, eve!]) {
      const card = await gql(host, CARD, { id: userId }, owner);
      expect(card.data.user.card.template.id).toBe(expected(userId));
    }
  });
});
