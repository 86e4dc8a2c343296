/**
 * The admin portal's session (issue 13 item 1): GET /portal/session, the cookie as a GraphQL viewer scoped to its
 * organization, CSRF refusals in GraphQL's error shape, a Bearer token winning over the cookie, WebSocket
 * subscriptions only from the public origin, sign-out, idle expiry.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, entraOrganization, productToken, provisionUsers } from '../graphql/graphql-helpers.js';
import { cookieOf, gqlWithCookie, openLink, portalLink, portalSession } from './portal-helpers.js';

let host: TestHost;
let acme: { directoryId: string; organizationId: string };
let globex: { directoryId: string; organizationId: string };

beforeAll(async () => {
  host = await startHost();
  const a = await entraOrganization(host, 'acme');
  const b = await entraOrganization(host, 'globex');
  await provisionUsers(a.client, 1, 2, 'acme.example');
  await provisionUsers(b.client, 1, 3, 'globex.example');
  acme = a;
  globex = b;
});

afterAll(async () => {
  await host?.close();
});

const VIEWER = '{ viewer { role signInMethod userId organization { id slug } } }';

describe('GET /portal/session', () => {
  it("tells the portal its organization, role, intent, return URL, CSRF token and expiry, never cached", async () => {
    const url = await portalLink(host, 'acme', { intent: 'LOG', returnUrl: 'https://app.example.com/back' });
    const opened = await openLink(host, url);
    const cookie = cookieOf(opened)!;
    const response = await fetch(`${host.url}/portal/session`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const session: any = await response.json();
    expect(session).toMatchObject({
      organization: { id: acme.organizationId, slug: 'acme', name: 'acme' },
      role: 'admin',
      method: 'link',
      userId: null,
      intent: 'log',
      returnUrl: 'https://app.example.com/back',
    });
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const idleEnd = new Date(session.expiresAt).getTime() - Date.now();
    expect(idleEnd).toBeGreaterThan(3_500_000);
    expect(idleEnd).toBeLessThanOrEqual(3_600_000);
  });

  it('answers 401 in the GraphQL error shape without a session', async () => {
    const response = await fetch(`${host.url}/portal/session`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const unknown = await fetch(`${host.url}/portal/session`, { headers: { cookie: `cardbridge_portal=${'x'.repeat(43)}` } });
    expect(unknown.status).toBe(401);
  });
});

describe('POST /graphql with the session cookie', () => {
  it('acts as an admin of the session organization only (cross-organization isolation)', async () => {
    const { cookie, session } = await portalSession(host, 'acme');
    const viewer = await gqlWithCookie(host, cookie, session.csrfToken, VIEWER);
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data.viewer).toEqual({ role: 'ADMIN', signInMethod: 'portal', userId: null, organization: { id: acme.organizationId, slug: 'acme' } });

    const users = await gqlWithCookie(host, cookie, session.csrfToken, '{ users(first: 50) { totalCount edges { node { userName } } } }');
    expect(users.errors).toBeUndefined();
    expect(users.data.users.totalCount).toBe(2);
    expect(users.data.users.edges.every((e: { node: { userName: string } }) => e.node.userName.endsWith('@acme.example'))).toBe(true);

    const other = await gqlWithCookie(host, cookie, session.csrfToken, 'query($id: ID!) { directory(id: $id) { id name } }', { id: globex.directoryId });
    expect(other.errors).toBeUndefined();
    expect(other.data.directory).toBeNull();
    const own = await gqlWithCookie(host, cookie, session.csrfToken, 'query($id: ID!) { directory(id: $id) { id } }', { id: acme.directoryId });
    expect(own.data.directory).toEqual({ id: acme.directoryId });
  });

  it('refuses a POST without the CSRF token, with a wrong one, or not sent as JSON', async () => {
    const { cookie, session } = await portalSession(host, 'acme');
    const missing = await gqlWithCookie(host, cookie, undefined, VIEWER);
    expect(missing.status).toBe(403);
    expect(codeOf(missing)).toBe('FORBIDDEN');
    expect(missing.errors![0]!.message).toContain('X-CSRF-Token');
    const wrong = await gqlWithCookie(host, cookie, `${session.csrfToken.slice(0, -1)}A`.replace(/AA$/, 'AB'), VIEWER);
    expect(wrong.status).toBe(403);
    expect(codeOf(wrong)).toBe('FORBIDDEN');
    // Another session's token is not this session's.
    const other = await portalSession(host, 'acme');
    expect(codeOf(await gqlWithCookie(host, cookie, other.session.csrfToken, VIEWER))).toBe('FORBIDDEN');

    // A form post (text/plain) is what a page of another site could send: refused before anything runs.
    const form = await fetch(`${host.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ query: VIEWER }),
    });
    expect(form.status).toBe(415);
    expect(((await form.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('lets a Bearer token take precedence over the cookie (no CSRF token needed)', async () => {
    const { cookie } = await portalSession(host, 'acme');
    const token = await productToken({ org: 'globex', role: 'viewer' });
    const response = await gqlWithCookie(host, cookie, undefined, VIEWER, {}, { authorization: `Bearer ${token}` });
    expect(response.errors).toBeUndefined();
    expect(response.data.viewer).toMatchObject({ role: 'VIEWER', signInMethod: 'token', organization: { slug: 'globex' } });
  });

  it('may create a further portal link for its own organization (admin role)', async () => {
    const { cookie, session } = await portalSession(host, 'acme');
    const response = await gqlWithCookie(host, cookie, session.csrfToken, 'mutation { createPortalLink(input: {}) { url } }');
    expect(response.errors).toBeUndefined();
    const rows = await host.query<{ organization_id: string }>('select organization_id from portal_link order by created_at desc limit 1');
    expect(rows[0]!.organization_id).toBe(acme.organizationId);
  });
});

describe('subscriptions over graphql-ws with the session cookie', () => {
  const connect = (cookie: string, origin: string) =>
    createClient({
      url: `${host.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie, origin } });
        }
      },
      retryAttempts: 0,
      lazy: true,
    });

  async function first(client: ReturnType<typeof createClient>, query: string): Promise<{ data?: any; errors?: unknown; closed?: number }> {
    try {
      for await (const result of client.iterate({ query })) return result as { data?: any };
      return {};
    } catch (error) {
      return { closed: (error as { code?: number }).code };
    } finally {
      await client.dispose();
    }
  }

  it('authenticates an upgrade from the public URL origin, and closes one from another origin with 4403', async () => {
    const { cookie } = await portalSession(host, 'acme');
    const ok = await first(connect(cookie, host.config.publicUrl), VIEWER);
    expect(ok.data?.viewer).toMatchObject({ role: 'ADMIN', signInMethod: 'portal', organization: { slug: 'acme' } });
    const foreign = await first(connect(cookie, 'https://evil.example'), VIEWER);
    expect(foreign.closed).toBe(4403);
  });
});

describe('POST /portal/sign-out', () => {
  it('refuses without the CSRF token; with it ends the session: cookie cleared, GraphQL and /portal/session answer 401', async () => {
    const { cookie, session } = await portalSession(host, 'acme');
    const refused = await fetch(`${host.url}/portal/sign-out`, { method: 'POST', headers: { cookie } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await gqlWithCookie(host, cookie, session.csrfToken, VIEWER)).errors).toBeUndefined();

    const out = await fetch(`${host.url}/portal/sign-out`, { method: 'POST', headers: { cookie, 'x-csrf-token': session.csrfToken } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('cardbridge_portal='))).toMatch(/^cardbridge_portal=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/);
    const after = await gqlWithCookie(host, cookie, session.csrfToken, VIEWER);
    expect(after.status).toBe(401);
    expect(codeOf(after)).toBe('UNAUTHENTICATED');
    expect((await fetch(`${host.url}/portal/session`, { headers: { cookie } })).status).toBe(401);
    const revoked = await host.query<{ revoked_at: unknown }>('select revoked_at from portal_session where revoked_at is not null');
    expect(revoked.length).toBeGreaterThan(0);
  });
});

describe('idle expiry (own host)', () => {
  it('ends a session unused for PORTAL_SESSION_IDLE_SECONDS; use slides it', async () => {
    const idle = await startHost({ env: { PORTAL_SESSION_IDLE_SECONDS: '2' } });
    try {
      await idle.createDirectory({ org: 'idle', provider: 'entra' });
      const { cookie, session } = await portalSession(idle, 'idle');
      expect((await gqlWithCookie(idle, cookie, session.csrfToken, VIEWER)).errors).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const after = await gqlWithCookie(idle, cookie, session.csrfToken, VIEWER);
      expect(after.status).toBe(401);
      expect(codeOf(after)).toBe('UNAUTHENTICATED');
    } finally {
      await idle.close();
    }
  });
});
