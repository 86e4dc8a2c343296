/**
 * Admin portal entry (issue 13 item 1): createPortalLink (roles, return URL validation), the link's page (GET and
 * HEAD never use the link, so mail and chat previewers cannot burn it; its form and external script), the POST
 * that uses it (single use, also under a race; same-origin only against login CSRF; expiry; unknown links; cookie
 * flags; headers that keep the token out of caches and Referers), and that only the token's hash is stored.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalLink, portalLinkPath } from '../../src/domain/portal-access/index.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, gql, productToken } from '../graphql/graphql-helpers.js';
import { cookieOf, CREATE_LINK, onHost, openLink, portalLink, postLink, viewLink } from './portal-helpers.js';

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

describe('GET /portal/link/<token>: the page, which never uses the link', () => {
  it('answers a no-store, no-referrer page whose form POSTs the link, with a button and the external script, under the portal CSP', async () => {
    const url = await portalLink(host, 'acme', { intent: 'CARD_SETTINGS' });
    const path = new URL(url).pathname;
    const page = await viewLink(host, url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'; style-src 'self';");
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(cookieOf(page)).toBeUndefined();
    const html = await page.text();
    expect(html).toContain(`<form id="portal-link" method="post" action="${path}"><button type="submit">Continue to the portal</button></form>`);
    expect(html).toContain('<script src="/portal/link.js" defer></script>');
    // Nothing inline: the only script is external, and there is no style at all.
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/portal/link.js" defer>']);
    expect(html).not.toMatch(/<style|style=|\son[a-z]+=/i);
  });

  it('5 GETs and a HEAD use nothing up: no session, the link unused, and the POST then opens the session once', async () => {
    const url = await portalLink(host, 'acme', { intent: 'CARD_SETTINGS' });
    const hash = createHash('sha256').update(url.split('/').pop()!).digest();
    for (let i = 0; i < 5; i++) expect((await viewLink(host, url)).status).toBe(200);
    const head = await viewLink(host, url, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(await host.query('select used_at from portal_link where token_hash = $1', [hash])).toEqual([{ used_at: null }]);
    expect((await host.query<{ n: number }>('select count(*)::int as n from portal_session s join portal_link l on l.id = s.link_id where l.token_hash = $1', [hash]))[0]!.n).toBe(0);

    const first = await postLink(host, url, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/portal/?intent=card-settings');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    const setCookie = first.headers.getSetCookie().find((c) => c.startsWith('cardbridge_portal='))!;
    expect(setCookie).toMatch(/^cardbridge_portal=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax$/);
    // http://127.0.0.1 public URL: not Secure (a browser would drop a Secure cookie over plain http)
    const session = await fetch(`${host.url}/portal/session`, { headers: { cookie: cookieOf(first)! } });
    expect(session.status).toBe(200);
    expect(((await session.json()) as { intent: string }).intent).toBe('card-settings');
  });

  it('a used link answers the plain-words 410 on GET and on POST, with no cookie', async () => {
    const url = await portalLink(host, 'acme');
    expect((await openLink(host, url)).status).toBe(303);
    for (const again of [await viewLink(host, url), await postLink(host, url)]) {
      expect(again.status).toBe(410);
      expect(again.headers.get('content-type')).toContain('text/html');
      expect(again.headers.get('cache-control')).toBe('no-store');
      expect(await again.text()).toContain('This link has expired or was already used. Ask your administrator for a new link.');
      expect(cookieOf(again)).toBeUndefined();
    }
  });

  it('answers 404 with plain words, on GET and on POST, for a link that never existed, and for malformed tokens', async () => {
    for (const token of ['A'.repeat(43), 'not-a-token', '']) {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${host.url}/portal/link/${token}`, { method, redirect: 'manual' });
        expect(response.status, `${method} ${token}`).toBe(404);
        expect(await response.text()).toContain('This link is not valid');
      }
    }
  });

  it('answers other methods with 405 and Allow: GET, HEAD, POST', async () => {
    const url = await portalLink(host, 'acme');
    const response = await fetch(onHost(host, url), { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await viewLink(host, url)).status).toBe(200);
  });
});

describe('POST /portal/link/<token>: uses the link, from its own page only', () => {
  it('opens exactly one session when the same link is posted ten times at once', async () => {
    const url = await portalLink(host, 'acme');
    const token = url.split('/').pop()!;
    const answers = await Promise.all(Array.from({ length: 10 }, () => postLink(host, url, { 'sec-fetch-site': 'same-origin' })));
    expect(answers.map((a) => a.status).sort()).toEqual([303, ...Array(9).fill(410)]);
    const sessions = await host.query<{ n: number }>(
      'select count(*)::int as n from portal_session s join portal_link l on l.id = s.link_id where l.token_hash = $1',
      [createHash('sha256').update(token).digest()],
    );
    expect(sessions[0]!.n).toBe(1);
  });

  it('refuses a POST from another site with 403 (login CSRF) and leaves the link usable', async () => {
    const url = await portalLink(host, 'acme');
    const own = new URL(host.config.publicUrl).origin;
    const refused: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'none' },
      { origin: 'https://evil.example' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
      { origin: 'null' },
      { origin: `${own}.evil.example` },
    ];
    for (const headers of refused) {
      const response = await postLink(host, url, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('This link can only be opened from its own page.');
      expect(cookieOf(response)).toBeUndefined();
    }
    expect((await viewLink(host, url)).status).toBe(200);
    const accepted = await postLink(host, url, { origin: own, 'sec-fetch-site': 'same-origin' });
    expect(accepted.status).toBe(303);
    expect(cookieOf(accepted)).toMatch(/^cardbridge_portal=/);
  });

  it('accepts the public URL\'s Origin without Sec-Fetch-Site, and a client that sends neither (the token is the secret)', async () => {
    const withOrigin = await postLink(host, await portalLink(host, 'acme'), { origin: new URL(host.config.publicUrl).origin });
    expect(withOrigin.status).toBe(303);
    const bare = await postLink(host, await portalLink(host, 'acme'));
    expect(bare.status).toBe(303);
  });

  it('a link whose creator lost the admin role answers 410 on GET, and on POST opens nothing', async () => {
    const [creator] = await host.query<{ id: string; organization_id: string }>(
      "insert into app_user (organization_id, origin, role, email) select id, 'manual', 'admin', 'demoted@acme.example' from organization where slug = 'acme' returning id, organization_id",
    );
    const link = await createPortalLink(host.server.pool, { organizationId: creator!.organization_id, creator: { description: `user:${creator!.id}`, userId: creator!.id, role: 'admin' }, ttlSeconds: 300 });
    const url = `${host.config.publicUrl}${portalLinkPath(link.token)}`;
    expect((await viewLink(host, url)).status).toBe(200);
    await host.query("update app_user set role = 'editor' where id = $1", [creator!.id]);
    const page = await viewLink(host, url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This link has expired or was already used.');
    const posted = await postLink(host, url);
    expect(posted.status).toBe(410);
    expect(cookieOf(posted)).toBeUndefined();
    expect((await host.query<{ n: number }>('select count(*)::int as n from portal_session where link_id = (select id from portal_link where token_hash = $1)', [createHash('sha256').update(link.token).digest()]))[0]!.n).toBe(0);
  });
});

describe('GET /portal/link.js', () => {
  it('serves the form-submitting script as JavaScript, revalidated by its ETag', async () => {
    const response = await fetch(`${host.url}/portal/link.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const body = await response.text();
    expect(body).toContain("document.getElementById(\"portal-link\")");
    expect(body).toContain('form.submit()');
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect((await fetch(`${host.url}/portal/link.js`, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } })).status).toBe(304);
    expect((await fetch(`${host.url}/portal/link.js`, { method: 'POST' })).status).toBe(405);
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
