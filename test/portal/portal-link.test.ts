/**
 * Admin portal entry (issue 13 item 1): createPortalLink (roles, return URL validation), the link route (single
 * use, also under a race; expiry; unknown links; cookie flags; headers that keep the token out of caches and
 * Referers), and that only the token's hash is stored.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, gql, productToken } from '../graphql/graphql-helpers.js';
import { cookieOf, CREATE_LINK, openLink, portalLink } from './portal-helpers.js';

let host: TestHost;

beforeAll(async () => {
  host = await startHost();
  await host.createDirectory({ org: 'acme', provider: 'entra' });
});

afterAll(async () => {
  await host?.close();
});

describe('createPortalLink', () => {
  it('gives admins and owners an absolute single-use URL under the public URL, expiring after PORTAL_LINK_TTL_SECONDS (300 s)', async () => {
    for (const role of ['admin', 'owner'] as const) {
      const before = Date.now();
      const response = await gql(host, CREATE_LINK, { input: { returnUrl: 'https://app.example.com/settings' } }, await productToken({ org: 'acme', role }));
      expect(response.errors).toBeUndefined();
      const link = response.data.createPortalLink;
      expect(link.url).toMatch(new RegExp(`^${host.config.publicUrl}/portal/link/[A-Za-z0-9_-]{43}$`));
      expect(link.intent).toBe('DIRECTORY_SYNC');
      expect(link.returnUrl).toBe('https://app.example.com/settings');
      const ttl = new Date(link.expiresAt).getTime() - before;
      expect(ttl).toBeGreaterThan(295_000);
      expect(ttl).toBeLessThan(305_000);
    }
  });

  it('refuses editors, viewers and members with FORBIDDEN, and a caller without a token with UNAUTHENTICATED', async () => {
    for (const role of ['editor', 'viewer', 'member'] as const) {
      const response = await gql(host, CREATE_LINK, { input: {} }, await productToken({ org: 'acme', role }));
      expect(codeOf(response)).toBe('FORBIDDEN');
      expect(response.errors![0]!.message).toContain(`the ${role} role may not create admin portal links`);
    }
    expect(codeOf(await gql(host, CREATE_LINK, { input: {} }))).toBe('UNAUTHENTICATED');
    expect((await host.query("select count(*)::int as n from portal_link where creator_role not in ('admin', 'owner')"))[0]!.n).toBe(0);
  });

  it('accepts https return URLs and http on localhost; refuses others with BAD_USER_INPUT naming returnUrl', async () => {
    const token = await productToken({ org: 'acme', role: 'admin' });
    for (const ok of ['https://app.example.com/done?x=1', 'http://localhost:5173/admin', 'http://127.0.0.1:8080/']) {
      const response = await gql(host, CREATE_LINK, { input: { returnUrl: ok } }, token);
      expect(response.errors, ok).toBeUndefined();
    }
    for (const bad of ['javascript:alert(1)', 'http://app.example.com/done', '/settings', 'data:text/html,hi', 'https://user:pw@app.example.com/', 'ftp://files.example.com/']) {
      const response = await gql(host, CREATE_LINK, { input: { returnUrl: bad } }, token);
      expect(codeOf(response), bad).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.field).toBe('returnUrl');
    }
  });

  it('stores only the SHA-256 of the token, with the organization, intent, creator and expiry', async () => {
    const url = await portalLink(host, 'acme', { intent: 'LOG' });
    const token = url.split('/').pop()!;
    const rows = await host.query<Record<string, unknown>>('select * from portal_link where token_hash = $1', [createHash('sha256').update(token).digest()]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ intent: 'log', created_by: 'token:token:admin', creator_role: 'admin', used_at: null });
    expect(JSON.stringify(await host.query('select * from portal_link'))).not.toContain(token);
  });
});

describe('GET /portal/link/<token>', () => {
  it('opens a session once: 303 to the intent, an HttpOnly SameSite=Lax cookie on /, no-store and no-referrer; the second click answers 410', async () => {
    const url = await portalLink(host, 'acme', { intent: 'CARD_SETTINGS' });
    const first = await openLink(host, url);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/portal/?intent=card-settings');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    const setCookie = first.headers.getSetCookie().find((c) => c.startsWith('cardbridge_portal='))!;
    expect(setCookie).toMatch(/^cardbridge_portal=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax$/);
    // http://127.0.0.1 public URL: not Secure (a browser would drop a Secure cookie over plain http)

    const second = await openLink(host, url);
    expect(second.status).toBe(410);
    expect(second.headers.get('content-type')).toContain('text/html');
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(await second.text()).toContain('This link has expired or was already used. Ask your administrator for a new link.');
    expect(cookieOf(second)).toBeUndefined();
  });

  it('opens exactly one session when the same link is opened ten times at once', async () => {
    const url = await portalLink(host, 'acme');
    const token = url.split('/').pop()!;
    const answers = await Promise.all(Array.from({ length: 10 }, () => openLink(host, url)));
    expect(answers.map((a) => a.status).sort()).toEqual([303, ...Array(9).fill(410)]);
    const sessions = await host.query<{ n: number }>(
      'select count(*)::int as n from portal_session s join portal_link l on l.id = s.link_id where l.token_hash = $1',
      [createHash('sha256').update(token).digest()],
    );
    expect(sessions[0]!.n).toBe(1);
  });

  it('answers 404 with plain words for a link that never existed, and for malformed tokens', async () => {
    for (const token of ['A'.repeat(43), 'not-a-token', '']) {
      const response = await fetch(`${host.url}/portal/link/${token}`, { redirect: 'manual' });
      expect(response.status, token).toBe(404);
      expect(await response.text()).toContain('This link is not valid');
    }
  });
});

describe('link expiry and cookie flags (own hosts)', () => {
  it('a link older than PORTAL_LINK_TTL_SECONDS answers 410 and opens nothing', async () => {
    const short = await startHost({ env: { PORTAL_LINK_TTL_SECONDS: '1' } });
    try {
      await short.createDirectory({ org: 'brief', provider: 'entra' });
      const url = await portalLink(short, 'brief');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const response = await openLink(short, url);
      expect(response.status).toBe(410);
      expect(await response.text()).toContain('This link has expired or was already used.');
      expect((await short.query<{ n: number }>('select count(*)::int as n from portal_session'))[0]!.n).toBe(0);
    } finally {
      await short.close();
    }
  });

  it('sets Secure when the public URL is https, and builds the link from the public URL', async () => {
    const secure = await startHost({ env: { PUBLIC_URL: 'https://cards.example.test' } });
    try {
      await secure.createDirectory({ org: 'tls', provider: 'entra' });
      const url = await portalLink(secure, 'tls');
      expect(url).toMatch(/^https:\/\/cards\.example\.test\/portal\/link\//);
      const response = await openLink(secure, url);
      expect(response.status).toBe(303);
      expect(response.headers.getSetCookie().find((c) => c.startsWith('cardbridge_portal='))).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
      expect(response.headers.get('content-security-policy')).toContain('connect-src \'self\' wss://cards.example.test;');
    } finally {
      await secure.close();
    }
  });
});
