import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient } from '../../src/testkit/scim-client.js';
import { entraUser } from '../graphql/graphql-helpers.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

// Issue 11, item 6: a directory answers only under its own provider's path (an Entra directory's token used to work
// under /scim/okta/<id> with Okta's dialect), and an unknown provider path answers a SCIM 404, not plain text.

let host: TestHost;
let entra: Awaited<ReturnType<TestHost['createDirectory']>>;
let okta: Awaited<ReturnType<TestHost['createDirectory']>>;

beforeAll(async () => {
  host = await startHost();
  entra = await host.createDirectory({ org: 'paths', provider: 'entra' });
  okta = await host.createDirectory({ org: 'paths', provider: 'okta', name: 'okta' });
});
afterAll(async () => await host?.close());

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

async function send(path: string, init: RequestInit = {}): Promise<{ status: number; type: string | null; body: any; headers: Headers }> {
  const response = await fetch(`${host.url}${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // plain text stays text: the assertion below shows it
  }
  return { status: response.status, type: response.headers.get('content-type'), body, headers: response.headers };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('a directory under another provider’s path', () => {
  it('is refused exactly like a directory that does not exist there, with its own valid token', async () => {
    const wrong = await send(`/scim/okta/${entra.directoryId}/Users?count=1`, { headers: bearer(entra.secretToken) });
    const missing = await send(`/scim/okta/${randomUUID()}/Users?count=1`, { headers: bearer(entra.secretToken) });
    expect(wrong.status).toBe(401);
    expect(wrong.type).toMatch(/^application\/scim\+json/);
    expect(wrong.body).toEqual(missing.body);
    expect(wrong.body).toMatchObject({ schemas: [SCIM_ERROR], status: '401' });
    expect(wrong.headers.get('www-authenticate')).toBe(missing.headers.get('www-authenticate'));
    // the other way round too, and the own paths keep working
    expect((await send(`/scim/entra/${okta.directoryId}/Users?count=1`, { headers: bearer(okta.secretToken) })).status).toBe(401);
    expect((await scimClient(entra.tenantUrl, entra.secretToken).get('/Users?count=1')).status).toBe(200);
    expect((await scimClient(okta.tenantUrl, okta.secretToken).get('/Users?count=1')).status).toBe(200);
    // discovery endpoints are refused the same way
    expect((await send(`/scim/okta/${entra.directoryId}/ServiceProviderConfig`, { headers: bearer(entra.secretToken) })).status).toBe(401);
  });

  it('never applies the other provider’s dialect: Entra’s "True" PATCH under /scim/okta changes nothing', async () => {
    const client = scimClient(entra.tenantUrl, entra.secretToken);
    const created = await client.post('/Users', { ...entraUser(1, 'paths.example'), active: false });
    expect(created.status).toBe(201);
    const patch = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] };
    const wrong = await send(`/scim/okta/${entra.directoryId}/Users/${created.body.id}`, {
      method: 'PATCH',
      headers: { ...bearer(entra.secretToken), 'content-type': 'application/scim+json' },
      body: JSON.stringify(patch),
    });
    expect(wrong.status).toBe(401);
    expect((await client.get(`/Users/${created.body.id}`)).body.active).toBe(false);
    // under its own path Entra's dialect applies and the same PATCH works
    const right = await client.patch(`/Users/${created.body.id}`, patch);
    expect(right.status).toBe(200);
    expect(right.body.active).toBe(true);
    // a refused request is not a provisioning event of the directory
    const events = await host.query<{ path: string }>('select path from provisioning_event where directory_id = $1', [entra.directoryId]);
    expect(events.filter((e) => e.path.startsWith('/scim/okta/'))).toEqual([]);
  });
});

describe('paths under /scim that no provider serves', () => {
  it('answer a SCIM 404 error body for an unknown provider, whatever the method', async () => {
    const cases: [string, RequestInit][] = [
      [`/scim/nosuch/${entra.directoryId}/Users`, { headers: bearer(entra.secretToken) }],
      [`/scim/nosuch/${entra.directoryId}/Users`, { method: 'POST', headers: { ...bearer(entra.secretToken), 'content-type': 'application/scim+json' }, body: JSON.stringify(entraUser(2)) }],
      ['/scim/nosuch', {}],
      ['/scim', {}],
      ['/scim/', {}],
      ['/scim/entraX/x/Users', {}],
    ];
    for (const [path, init] of cases) {
      const response = await send(path, init);
      expect(response.status, path).toBe(404);
      expect(response.type, path).toMatch(/^application\/scim\+json/);
      expect(response.body, path).toMatchObject({ schemas: [SCIM_ERROR], status: '404', detail: expect.any(String) });
    }
    expect(await host.query('select 1 from app_user where user_name = $1', ['user2@example.com'])).toEqual([]);
  });

  it('answer a SCIM 404 under a known provider for a path it does not serve', async () => {
    for (const path of ['/scim/entra', `/scim/entra/${entra.directoryId}/Nope`, '/scim/okta/']) {
      const response = await send(path, { headers: bearer(entra.secretToken) });
      expect(response.status, path).toBe(404);
      expect(response.body, path).toMatchObject({ schemas: [SCIM_ERROR], status: '404' });
    }
  });

  it('leave paths that merely start with "scim" to the routes behind', async () => {
    const response = await send('/scimulator');
    expect(response.status).toBe(404);
    expect(response.type ?? '').not.toMatch(/scim\+json/);
  });
});
