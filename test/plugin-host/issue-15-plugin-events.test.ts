import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, type PluginEventMap } from '../../src/plugin-api/index.js';
import { importPlugin } from '../../src/plugin-host/plugin-loader.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

// Issue 15: the events a plugin hears (`ctx.on`) are defined once, in src/domain/plugin-events.ts, and the domain's
// event map extends them. A plugin subscribed to every published event hears each SCIM write with exactly the
// payload PluginEventMap names (ids only).
const PUBLISHED: (keyof PluginEventMap)[] = [
  'user.provisioned',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.deprovisioned',
  'card.created',
  'card.deleted',
  'group.provisioned',
  'group.deprovisioned',
  'group.membersChanged',
];

const heard: { event: string; payload: unknown }[] = [];
const listener = definePlugin({
  name: 'listener',
  version: '1.0.0',
  apiVersion: '^1.0.0',
  setup(ctx) {
    for (const event of PUBLISHED) ctx.on(event, (payload) => void heard.push({ event, payload }));
  },
});

let host: TestHost;
let client: ScimClient;
let organizationId: string;
let directoryId: string;
beforeAll(async () => {
  host = await startHost({ plugins: [listener, await importPlugin('entra')] });
  const directory = await host.createDirectory({ org: 'plugin-events-15', provider: 'entra', seats: 5 });
  ({ organizationId, directoryId } = directory);
  client = scimClient(directory.tenantUrl, directory.secretToken);
});
afterAll(async () => await host?.close());

/** What the listener heard during `write` (events are emitted after commit, before the response). */
async function heardDuring(write: () => Promise<void>): Promise<{ event: string; payload: unknown }[]> {
  const from = heard.length;
  await write();
  return heard.slice(from);
}

const patch = (operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations });

describe('domain events a plugin subscribes to (issue 15)', () => {
  let userId: string;
  let groupId: string;

  it('a provisioned user: user.provisioned and card.created, ids only', async () => {
    const events = await heardDuring(async () => {
      const created = await client.post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'ada@plugin-events.example',
        externalId: 'ext-ada',
        active: true,
        displayName: 'Ada Lovelace',
        emails: [{ value: 'ada@plugin-events.example', type: 'work', primary: true }],
      });
      expect(created.status).toBe(201);
      userId = created.body.id;
    });
    const [card] = await host.query<{ id: string }>('select id from card where user_id = $1', [userId]);
    expect(card).toBeDefined();
    expect(events).toEqual([
      { event: 'user.provisioned', payload: { organizationId, directoryId, userId, linked: false } },
      { event: 'card.created', payload: { organizationId, userId, cardId: card!.id } },
    ]);
  });

  it('a changed, deactivated and reactivated user: user.updated with user.deactivated / user.reactivated', async () => {
    const ids = { organizationId, directoryId, userId };
    expect(await heardDuring(async () => void expect((await client.patch(`/Users/${userId}`, patch([{ op: 'replace', path: 'title', value: 'Analyst' }]))).status).toBe(200))).toEqual([
      { event: 'user.updated', payload: ids },
    ]);
    expect(await heardDuring(async () => void expect((await client.patch(`/Users/${userId}`, patch([{ op: 'replace', path: 'active', value: false }]))).status).toBe(200))).toEqual([
      { event: 'user.updated', payload: ids },
      { event: 'user.deactivated', payload: ids },
    ]);
    expect(await heardDuring(async () => void expect((await client.patch(`/Users/${userId}`, patch([{ op: 'replace', path: 'active', value: true }]))).status).toBe(200))).toEqual([
      { event: 'user.updated', payload: ids },
      { event: 'user.reactivated', payload: ids },
    ]);
  });

  it('a group, its members and its deletion: group.provisioned, group.membersChanged with counts, group.deprovisioned', async () => {
    const provisioned = await heardDuring(async () => {
      const created = await client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Analysts', externalId: 'ext-analysts' });
      expect(created.status).toBe(201);
      groupId = created.body.id;
    });
    expect(provisioned).toEqual([{ event: 'group.provisioned', payload: { organizationId, directoryId, groupId } }]);

    const added = await heardDuring(async () => void expect((await client.patch(`/Groups/${groupId}`, patch([{ op: 'add', path: 'members', value: [{ value: userId }] }]))).status).toBeLessThan(300));
    expect(added).toEqual([{ event: 'group.membersChanged', payload: { organizationId, directoryId, groupId, added: 1, removed: 0 } }]);
    const removed = await heardDuring(async () => void expect((await client.patch(`/Groups/${groupId}`, patch([{ op: 'remove', path: `members[value eq "${userId}"]` }]))).status).toBeLessThan(300));
    expect(removed).toEqual([{ event: 'group.membersChanged', payload: { organizationId, directoryId, groupId, added: 0, removed: 1 } }]);

    const deleted = await heardDuring(async () => void expect((await client.delete(`/Groups/${groupId}`)).status).toBe(204));
    expect(deleted).toEqual([{ event: 'group.deprovisioned', payload: { organizationId, directoryId, groupId } }]);
  });

  it('a deleted user: user.deprovisioned (account not kept) and card.deleted', async () => {
    const [card] = await host.query<{ id: string }>('select id from card where user_id = $1', [userId]);
    const events = await heardDuring(async () => void expect((await client.delete(`/Users/${userId}`)).status).toBe(204));
    expect(events).toEqual([
      { event: 'user.deprovisioned', payload: { organizationId, directoryId, userId, accountKept: false } },
      { event: 'card.deleted', payload: { organizationId, userId, cardId: card!.id } },
    ]);
  });
});
