import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { probePlugin } from '../helpers/probe-plugin.js';

let host: TestHost;
beforeAll(async () => {
  host = await startHost({ plugins: [probePlugin()] });
});
afterAll(async () => await host?.close());

describe('GET /healthz and /readyz', () => {
  it('answers healthz with ok and a request id', async () => {
    const response = await fetch(`${host.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a well-formed incoming request id and replaces a malformed one', async () => {
    const good = await fetch(`${host.url}/healthz`, { headers: { 'x-request-id': 'entra-abc.123' } });
    expect(good.headers.get('x-request-id')).toBe('entra-abc.123');
    const bad = await fetch(`${host.url}/healthz`, { headers: { 'x-request-id': 'x'.repeat(300) } });
    expect(bad.headers.get('x-request-id')).not.toBe('x'.repeat(300));
  });

  it('answers readyz with the database up', async () => {
    const response = await fetch(`${host.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: 'up' });
  });
});

describe('plugin error edge', () => {
  it('turns an unknown error into a SCIM 500 body without its message', async () => {
    const { directoryId, secretToken } = await host.createDirectory({ org: 'edge', provider: 'probe' });
    const response = await fetch(`${host.url}/scim/probe/${directoryId}/boom`, { headers: { authorization: `Bearer ${secretToken}` } });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toContain('application/scim+json');
    const body: any = await response.json();
    expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(body.status).toBe('500');
    expect(JSON.stringify(body)).not.toMatch(/select|secret internal/);
    expect(body.detail).toContain(response.headers.get('x-request-id'));
    // the server keeps serving
    expect((await fetch(`${host.url}/healthz`)).status).toBe(200);
  });

  it('answers 401 in SCIM shape for a missing or wrong token', async () => {
    const { directoryId } = await host.createDirectory({ org: 'edge', provider: 'probe', name: 'second' });
    const missing = await fetch(`${host.url}/scim/probe/${directoryId}/whoami`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as any).status).toBe('401');
    const wrong = await fetch(`${host.url}/scim/probe/${directoryId}/whoami`, { headers: { authorization: 'Bearer cbt_nope' } });
    expect(wrong.status).toBe(401);
  });

  it("never lets one directory's token reach another directory", async () => {
    const a = await host.createDirectory({ org: 'iso-a', provider: 'probe' });
    const b = await host.createDirectory({ org: 'iso-b', provider: 'probe' });
    const own = await fetch(`${host.url}/scim/probe/${a.directoryId}/whoami`, { headers: { authorization: `Bearer ${a.secretToken}` } });
    expect(own.status).toBe(200);
    expect(((await own.json()) as any).directoryId).toBe(a.directoryId);
    const cross = await fetch(`${host.url}/scim/probe/${b.directoryId}/whoami`, { headers: { authorization: `Bearer ${a.secretToken}` } });
    expect(cross.status).toBe(401);
  });
});
