/**
 * Portal links in a real browser (issue 13): Debian's Chromium through playwright-core. Opening a link lands in
 * the portal with the session cookie, without a click (the page's external script POSTs its form) and without a
 * CSP violation; without JavaScript the page's button does the same; a form on another site that POSTs a link
 * is refused (login CSRF) and leaves the link usable. A one-file front end stands in for the built portal.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { onHost, portalLink, viewLink } from './portal-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const EVIL = 'https://evil.example';

let host: TestHost;
let browser: Browser;
let distDir: string;

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'cardbridge-portal-link-'));
  await writeFile(join(distDir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title></head><body><h1>Admin portal</h1></body></html>\n');
  host = await startHost({ env: { PORTAL_DIST_DIR: distDir } });
  await host.createDirectory({ org: 'acme', provider: 'entra' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (distDir) await rm(distDir, { recursive: true, force: true });
});

interface Watched {
  context: BrowserContext;
  page: Page;
  cspViolations: string[];
  posts: { url: string; headers: Record<string, string> }[];
}

async function open(options: { javaScriptEnabled?: boolean } = {}): Promise<Watched> {
  const context = await browser.newContext(options);
  const watched: Watched = { context, page: await context.newPage(), cspViolations: [], posts: [] };
  // As text: the tests compile without the DOM's types.
  await context.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (event) => console.error('CSP violation: ' + event.violatedDirective));" });
  watched.page.on('console', (message) => {
    if (message.text().startsWith('CSP violation')) watched.cspViolations.push(message.text());
  });
  watched.page.on('request', (request) => {
    if (request.method() === 'POST') watched.posts.push({ url: request.url(), headers: request.headers() });
  });
  return watched;
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies(host.url)).find((c) => c.name === 'cardbridge_portal');
}

describe('portal links in Chromium', () => {
  it('page.goto(link) lands on /portal/ at the intent with the session cookie, without a click or a CSP violation', async () => {
    const { context, page, cspViolations, posts } = await open();
    try {
      const link = await portalLink(host, 'acme', { intent: 'LOG' });
      await page.goto(onHost(host, link));
      await page.waitForURL((url) => url.pathname === '/portal/');
      expect(page.url()).toBe(`${host.url}/portal/?intent=log`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Admin portal');
      const cookie = await sessionCookie(context);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      const session = await page.evaluate(async () => {
        const response = await fetch('/portal/session');
        return { status: response.status, body: (await response.json()) as { intent: string; method: string } };
      });
      expect(session).toMatchObject({ status: 200, body: { intent: 'log', method: 'link' } });
      // One POST from the link's own page: same-origin, Origin null (the page's Referrer-Policy: no-referrer), no Referer.
      expect(posts).toHaveLength(1);
      expect(posts[0]!.url).toBe(onHost(host, link));
      expect(posts[0]!.headers).toMatchObject({ origin: 'null' });
      expect(posts[0]!.headers.referer).toBeUndefined();
      expect(cspViolations).toEqual([]);
      expect((await viewLink(host, link)).status).toBe(410);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('without JavaScript the page stays, and its "Continue to the portal" button opens the session', async () => {
    const { context, page, posts } = await open({ javaScriptEnabled: false });
    try {
      const link = await portalLink(host, 'acme');
      await page.goto(onHost(host, link));
      expect(new URL(page.url()).pathname).toBe(new URL(link).pathname);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Opening the admin portal');
      expect(await sessionCookie(context)).toBeUndefined();
      expect(posts).toEqual([]);
      await page.getByRole('button', { name: 'Continue to the portal' }).click();
      await page.waitForURL((url) => url.pathname === '/portal/');
      expect(page.url()).toBe(`${host.url}/portal/?intent=directory-sync`);
      expect(await sessionCookie(context)).toBeDefined();
    } finally {
      await context.close();
    }
  }, 60_000);

  it("another site's form that POSTs a link gets the 403 page and no cookie; the link still opens the portal", async () => {
    const { context, page } = await open();
    try {
      const link = onHost(host, await portalLink(host, 'acme'));
      await context.route(`${EVIL}/**`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><form id="f" method="post" action="${link}"></form><script>document.getElementById('f').submit()</script>`,
        }),
      );
      await page.goto(`${EVIL}/login-csrf`);
      await page.waitForURL(link);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link was sent from another site');
      expect(await sessionCookie(context)).toBeUndefined();

      await page.goto(link);
      await page.waitForURL((url) => url.pathname === '/portal/');
      expect(await sessionCookie(context)).toBeDefined();
    } finally {
      await context.close();
    }
  }, 60_000);
});
