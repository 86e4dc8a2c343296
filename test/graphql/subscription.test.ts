import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { entraOrganization, entraUser, productToken } from './graphql-helpers.js';

let host: TestHost;
const clients: Client[] = [];

beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await host?.close();
});

function connect(token?: string): Client {
  const client = createClient({
    url: `${host.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

const LIVE = 'subscription { provisioningEvents { operation method resourceType status outcome directoryId directory { name } } }';

/** Resolves once the server processed everything sent before it on this socket (messages run in order). */
async function roundTrip(client: Client): Promise<void> {
  for await (const result of client.iterate({ query: '{ viewer { role } }' })) {
    expect(result.errors).toBeUndefined();
    break;
  }
}

describe('subscription provisioningEvents (graphql-ws on /graphql)', () => {
  it('delivers a SCIM POST of the own organization as it happens, and nothing of other organizations', async () => {
    const acme = await entraOrganization(host, 'acme');
    const other = await entraOrganization(host, 'other');
    const client = connect(await productToken({ org: 'acme', role: 'admin' }));
    const live = client.iterate({ query: LIVE });
    const first = live.next();
    await roundTrip(client);
    expect((await other.client.post('/Users', entraUser(1, 'other.example'))).status).toBe(201);
    expect((await acme.client.post('/Users', entraUser(2))).status).toBe(201);
    const { value } = await first;
    expect(value).toEqual({
      data: { provisioningEvents: { operation: 'create', method: 'POST', resourceType: 'User', status: 201, outcome: 'SUCCESS', directoryId: acme.directoryId, directory: { name: 'entra directory' } } },
    });
    await live.return?.();
  });

  it('filters by directory and also carries the batched log of reads and failures', async () => {
    const acme = await entraOrganization(host, 'acme');
    const client = connect(await productToken({ org: 'acme', role: 'viewer' }));
    const live = client.iterate({ query: `subscription($d: ID) { provisioningEvents(directoryId: $d) { operation outcome status } }`, variables: { d: acme.directoryId } });
    const first = live.next();
    await roundTrip(client);
    expect((await acme.client.get('/Users/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    const { value } = await first;
    expect(value).toMatchObject({ data: { provisioningEvents: { outcome: 'FAILURE', status: 404 } } });
    await live.return?.();
  });

  it('refuses members and callers without a token', async () => {
    const member = connect(await productToken({ org: 'acme', role: 'member' }));
    const refused = (await member.iterate({ query: LIVE }).next()).value;
    expect(refused?.errors?.[0]).toMatchObject({ message: 'the member role may not read the provisioning log', extensions: { code: 'FORBIDDEN' } });
    const anonymous = connect();
    expect((await anonymous.iterate({ query: LIVE }).next()).value?.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });
});
