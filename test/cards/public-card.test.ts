/**
 * Public cards (issue 4, item 9): `/c/<slug>` page, vCard, photo and status answers, over HTTP on a real database,
 * with users provisioned through the real Entra SCIM endpoint.
 */
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** A 1×1 PNG. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=', 'base64');

let host: TestHost;
let client: ScimClient;
let organizationId: string;

beforeAll(async () => {
  host = await startHost({ env: { SCIM_RATE_LIMIT_PER_SECOND: '10000' } });
  const dir = await host.createDirectory({ org: 'public-cards', provider: 'entra' });
  organizationId = dir.organizationId;
  client = scimClient(dir.tenantUrl, dir.secretToken);
  // The organization's first template is the default for its cards.
  await host.query(
    `insert into template (organization_id, name, editable_fields, primary_color, accent_color) values ($1, 'Default', '["title"]', '#0b3d2e', '#16a34a')`,
    [organizationId],
  );
});
afterAll(async () => await host?.close());

async function provision(userName: string, extra: Record<string, unknown> = {}): Promise<{ id: string; slug: string }> {
  const local = userName.split('@')[0]!;
  const created = await client.post('/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    userName,
    externalId: local,
    active: true,
    displayName: `Ada ${local}`,
    name: { givenName: 'Ada', familyName: local },
    title: 'Head of Engines',
    emails: [{ primary: true, type: 'work', value: userName }],
    phoneNumbers: [{ type: 'work', value: '+1 (555) 010-0199' }],
    addresses: [{ type: 'work', streetAddress: '12 Analytical Row', locality: 'Marylebone', postalCode: 'NW1', country: 'GB' }],
    [ENTERPRISE]: { department: 'Difference Engines', organization: 'Babbage & Co' },
    ...extra,
  });
  expect(created.status).toBe(201);
  const [card] = await host.query<{ slug: string }>('select slug from card where user_id = $1', [created.body.id]);
  return { id: created.body.id, slug: card!.slug };
}

const get = (path: string, init?: RequestInit) => fetch(`${host.url}${path}`, init);

describe('GET /c/:slug', () => {
  it('renders the holder’s card with contact actions, the QR code and the template colours', async () => {
    const { slug } = await provision('ada@public.example');
    const response = await get(`/c/${slug}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const body = await response.text();
    expect(body).toContain('<h1>Ada ada</h1>');
    expect(body).toContain('Head of Engines');
    expect(body).toContain('Difference Engines · Babbage &amp; Co');
    expect(body).toContain('href="tel:+15550100199"');
    expect(body).toContain('href="mailto:ada@public.example"');
    expect(body).toContain(`href="${slug}.vcf"`);
    expect(body).toMatch(/<figure class="qr"><svg [^>]*viewBox/);
    expect(body).toContain('--primary:#0b3d2e');
    expect(body).toContain('Marylebone');
  });

  it('sends a strict CSP whose hash allows exactly the inline stylesheet, nosniff and an ETag', async () => {
    const { slug } = await provision('csp@public.example');
    const response = await get(`/c/${slug}`);
    const body = await response.text();
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'self' data:;/);
    expect(csp).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(body)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(body).not.toMatch(/<script|style="|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('public, no-cache');
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('answers 304 to a matching If-None-Match, and HEAD with headers only', async () => {
    const { slug } = await provision('etag@public.example');
    const first = await get(`/c/${slug}`);
    const etag = first.headers.get('etag')!;
    // Like a browser revalidating; without a Cache-Control of its own, fetch adds `no-cache`, which Koa's `fresh` honours.
    const revalidated = await get(`/c/${slug}`, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    const head = await get(`/c/${slug}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(await first.text()));
    expect(await head.text()).toBe('');
  });

  it('escapes hostile directory values', async () => {
    const { slug } = await provision('mallory@public.example', {
      displayName: '<script>alert(1)</script>',
      title: '"><img src=x onerror=alert(2)>',
    });
    const body = await (await get(`/c/${slug}`)).text();
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
  });

  it('shows the holder’s overrides for editable fields only', async () => {
    const { id, slug } = await provision('grace@public.example');
    await host.query(`update card set overrides = '{"title":"Chief Card Officer","department":"Not editable"}' where user_id = $1`, [id]);
    const body = await (await get(`/c/${slug}`)).text();
    expect(body).toContain('Chief Card Officer');
    expect(body).not.toContain('Head of Engines');
    expect(body).not.toContain('Not editable');
    const vcard = await (await get(`/c/${slug}.vcf`)).text();
    expect(parse(vcard).getFirstPropertyValue('title')).toBe('Chief Card Officer');
  });

  it('leaves out every field the template does not show, on the page and in the vCard', async () => {
    const { id, slug } = await provision('hidden@public.example');
    const [minimal] = await host.query<{ id: string }>(
      `insert into template (organization_id, name, fields_shown) values ($1, 'Minimal', '["title","emails"]') returning id`,
      [organizationId],
    );
    await host.query('update card set template_id = $2 where user_id = $1', [id, minimal!.id]);
    await host.query(`insert into user_photo (user_id, content_type, data) values ($1, 'image/png', $2)`, [id, PIXEL]);
    const body = await (await get(`/c/${slug}`)).text();
    expect(body).toContain('Head of Engines');
    for (const hidden of ['Difference Engines', 'Babbage', '555', 'Marylebone', `${slug}/photo`]) expect(body).not.toContain(hidden);
    const card = parse(await (await get(`/c/${slug}.vcf`)).text());
    expect(card.getFirstPropertyValue('email')).toBe('hidden@public.example');
    for (const hidden of ['tel', 'adr', 'org', 'photo']) expect(card.getFirstProperty(hidden)).toBeNull();
    expect((await get(`/c/${slug}/photo`)).status).toBe(404);
  });
});

describe('GET /c/:slug.vcf', () => {
  it('is a vCard 4.0 that parses back with the holder’s name, e-mail, phone, address, photo and card URL', async () => {
    const { id, slug } = await provision('zoe@public.example', { displayName: 'Zoë O’Brien, PhD', name: { givenName: 'Zoë', familyName: 'O’Brien' } });
    await host.query(`insert into user_photo (user_id, content_type, data) values ($1, 'image/png', $2)`, [id, PIXEL]);
    const response = await get(`/c/${slug}.vcf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/vcard; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Zoe-OBrien-PhD.vcf"; filename*=UTF-8''Zo%C3%AB%20O%E2%80%99Brien%2C%20PhD.vcf`);
    const text = await response.text();
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // RFC 6350 §3.2: no physical line over 75 octets, a continuation line's leading space included.
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('FN:Zoë O’Brien\\, PhD\r\n');
    expect(text).toContain('TEL;VALUE=uri;TYPE=work,voice:tel:+15550100199\r\n');

    const card = parse(text);
    expect(card.getFirstPropertyValue('fn')).toBe('Zoë O’Brien, PhD');
    expect(card.getFirstPropertyValue('n')).toEqual(['O’Brien', 'Zoë', '', '', '']);
    expect(card.getFirstPropertyValue('email')).toBe('zoe@public.example');
    expect(card.getFirstProperty('email')!.getParameter('type')).toBe('work');
    expect(card.getFirstPropertyValue('tel')).toBe('tel:+15550100199');
    expect(card.getFirstPropertyValue('org')).toEqual(['Babbage & Co', 'Difference Engines']);
    expect(card.getFirstPropertyValue('title')).toBe('Head of Engines');
    expect(card.getFirstPropertyValue('adr')).toEqual(['', '', '12 Analytical Row', 'Marylebone', '', 'NW1', 'GB']);
    expect(card.getFirstPropertyValue('url')).toBe(`${host.config.publicUrl}/c/${slug}`);
    expect(card.getFirstPropertyValue('photo')).toBe(`data:image/png;base64,${PIXEL.toString('base64')}`);
  });
});

describe('GET /c/:slug/photo', () => {
  it('serves the stored photo with its content type, and 404 without one', async () => {
    const { id, slug } = await provision('photo@public.example');
    expect((await get(`/c/${slug}/photo`)).status).toBe(404);
    await host.query(`insert into user_photo (user_id, content_type, data) values ($1, 'image/png', $2)`, [id, PIXEL]);
    const response = await get(`/c/${slug}/photo`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PIXEL);
    expect(await (await get(`/c/${slug}`)).text()).toContain(`<img src="${slug}/photo" alt="">`);
  });

  it('never serves a stored "photo" that is not an image type', async () => {
    const { id, slug } = await provision('html-photo@public.example');
    await host.query(`insert into user_photo (user_id, content_type, data) values ($1, 'text/html', $2)`, [id, Buffer.from('<script>alert(1)</script>')]);
    expect((await get(`/c/${slug}/photo`)).status).toBe(404);
  });
});

describe('cards that are not there', () => {
  it('answers 410 with no holder data for a suspended card, on every route', async () => {
    const { id, slug } = await provision('suspended@public.example', { displayName: 'Suspended Person' });
    await host.query(`update card set status = 'suspended' where user_id = $1`, [id]);
    for (const path of [`/c/${slug}`, `/c/${slug}.vcf`, `/c/${slug}/qr.svg`, `/c/${slug}/qr.png`, `/c/${slug}/photo`]) {
      const response = await get(path);
      expect(response.status).toBe(410);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.text();
      expect(body).toContain('Card no longer available');
      for (const secret of ['Suspended', 'suspended@public.example', 'Head of Engines', '555']) expect(body).not.toContain(secret);
    }
  });

  it('answers 404 with no data for an unknown or deleted card, and for malformed slugs', async () => {
    const { id, slug } = await provision('deleted@public.example', { displayName: 'Deleted Person' });
    expect((await client.delete(`/Users/${id}`)).status).toBe(204);
    for (const path of [`/c/${slug}`, `/c/${slug}.vcf`, '/c/AAAAAAAAAAAAAAAAAAAAAA', '/c/short', '/c/%3Cscript%3E', `/c/${slug}/other`]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).toContain('Card not found');
      expect(body).not.toContain('Deleted');
    }
  });

  it('refuses other methods with 405 and an Allow header', async () => {
    const { slug } = await provision('methods@public.example');
    const response = await get(`/c/${slug}`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

function parse(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}
