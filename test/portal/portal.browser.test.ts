/**
 * The admin portal in a real browser (issue 13 item 7): Debian's Chromium through playwright-core opens a portal
 * link of a new organization, connects an Entra directory, copies the Secret Token, and — while the test replays
 * Entra's Test Connection and a user create against the Tenant URL over HTTP — sees the connection status, the seat
 * count and the new provisioning-log events change live, without a reload, under the portal's strict CSP.
 *
 * Builds the portal (vite, portal/vite.config.ts) into a directory of its own, served through PORTAL_DIST_DIR.
 * Screenshots go to a temporary directory; with PORTAL_SCREENSHOTS=docs/img they are written there for the README.
 * Prints the bundle's gzip sizes and navigation start → directory list rendered (reported, not asserted).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOrganization } from '../../src/domain/organizations/organizations.service.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { entraUser, gql, productToken } from '../graphql/graphql-helpers.js';
import { onHost, portalLink } from './portal-helpers.js';

const run = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';
const ORG = 'northwind';
const SEATS = 25;
const LIVE_MS = 20_000;
/** Polls until the page shows the expected value: up to LIVE_MS, as a loaded CI machine may need. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: LIVE_MS });
// eslint-disable-next-line n/no-process-env
const SHOTS = process.env.PORTAL_SCREENSHOTS ? resolve(process.env.PORTAL_SCREENSHOTS) : undefined;

let host: TestHost;
let browser: Browser;
let distDir: string;
let shotsDir: string;

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'cardbridge-portal-'));
  // The build npm run build makes, in a process of its own: under vitest's NODE_ENV=test vite would bundle React's
  // development build.
  // eslint-disable-next-line n/no-process-env
  await run(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '-c', 'portal/vite.config.ts', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'], { env: { ...process.env, NODE_ENV: 'production' } });
  shotsDir = SHOTS ?? join(distDir, 'screenshots');
  await mkdir(shotsDir, { recursive: true });
  host = await startHost({ env: { PORTAL_DIST_DIR: distDir } });
  await ensureOrganization(host.server.pool, { slug: ORG, name: 'Northwind Traders', seatLimit: SEATS });
  const admin = await productToken({ org: ORG, role: 'admin' });
  for (const name of ['Standard', 'Sales team']) {
    const created = await gql(host, 'mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { template { id } } }', { input: { name } }, admin);
    expect(created.errors).toBeUndefined();
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (distDir) await rm(distDir, { recursive: true, force: true });
});

interface PageWatch {
  cspViolations: string[];
  errors: string[];
  foreignRequests: string[];
}

/** A browser context at `width`, refusing every request to another host, reporting CSP violations and errors. */
async function openContext(width: number, height: number, options: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const origin = new URL(host.url).origin;
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC', bypassCSP: options.bypassCSP });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const watch: PageWatch = { cspViolations: [], errors: [], foreignRequests: [] };
  await context.route('**/*', (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    watch.foreignRequests.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  // Page scripts are strings: the server's tsconfig has no DOM types.
  await context.addInitScript("document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline')))");
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    (message.text().startsWith('CSP violation') ? watch.cspViolations : watch.errors).push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(String(error)));
  return { context, page, watch };
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is (labels, names, contrast ≥ 4.5:1, ARIA use). */
async function axeViolations(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe'))?.toString().includes('object')) await page.addScriptTag({ content: axe.source });
  const { violations, passed } = await page.evaluate<{ violations: AxeViolation[]; passed: string[] }>(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => ({ passed: r.passes.map((p) => p.id), violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + ' — ' + n.failureSummary) })) }))",
  );
  // axe ran and checked the text's contrast (it has elements to check on every page).
  if (!violations.some((v) => v.id === 'color-contrast')) expect(passed, where).toContain('color-contrast');
  return violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n  ${v.nodes.join('\n  ')}`);
}

/** A screenshot without hover effects (the pointer moved off the page's controls). */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.mouse.move(0, (page.viewportSize()?.height ?? 800) - 1);
  await page.screenshot({ path: join(shotsDir, name), fullPage });
}

async function scim(tenantUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${tenantUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json', ...(body ? { 'content-type': 'application/scim+json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

async function gzipSizes(dir: string): Promise<Record<string, number>> {
  const assets = join(dir, 'assets');
  const sizes: Record<string, number> = {};
  for (const name of await readdir(assets)) sizes[name] = gzipSync(await readFile(join(assets, name))).length;
  return sizes;
}

describe('admin portal in Chromium', () => {
  it('connects Entra from a portal link and shows Test Connection, the first user, seats and the log live', async () => {
    const { context, page, watch } = await openContext(1280, 900);
    try {
      // A portal link of the organization's admin opens the session and lands on Directory Sync.
      const link = await portalLink(host, ORG);
      await page.goto(onHost(host, link));
      // The link's page hands the link on to the server, which opens the session and sends the browser to the portal.
      await page.waitForURL((url) => url.pathname === '/portal/' && url.searchParams.has('intent'));
      await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Directory Sync');
      await poll(() => page.getByTestId('org-name').textContent()).toBe('Northwind Traders');
      await poll(() => page.getByTestId('seats-summary').first().textContent()).toBe(`0 used · ${SEATS} left of ${SEATS}`);
      const timing = await page.evaluate<{ directoriesRenderedMs?: number; domContentLoadedMs: number }>(
        "({ directoriesRenderedMs: performance.getEntriesByName('portal:directories-rendered')[0]?.startTime, domContentLoadedMs: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd })",
      );
      expect(timing.directoriesRenderedMs).toBeGreaterThan(0);
      await shot(page, 'portal-directory-sync-empty.png');

      // Pick Entra, name the directory, choose a template, create it.
      await page.getByRole('link', { name: 'Connect a directory' }).first().click();
      await page.getByRole('link', { name: /Microsoft Entra ID/ }).click();
      await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Configure Microsoft Entra ID');
      await shot(page, 'portal-configure-entra.png', true);
      await page.getByLabel('Directory name').fill('Northwind Entra');
      await page.getByRole('button', { name: /Card template/ }).click();
      await page.getByRole('option', { name: 'Sales team' }).click();
      await page.getByRole('button', { name: 'Create directory' }).click();

      // The Tenant URL and Secret Token, once, with copy buttons.
      await page.getByTestId('secret-token').waitFor();
      expect(await page.getByText('you won’t see it again').count()).toBeGreaterThan(0);
      const shownTenantUrl = await page.getByTestId('tenant-url').first().inputValue();
      const shownToken = await page.getByTestId('secret-token').inputValue();
      await page.getByRole('button', { name: 'Copy Secret Token' }).first().click();
      await poll(() => page.getByText('Secret Token copied to the clipboard.').count()).toBeGreaterThan(0);
      const token = await page.evaluate<string>('navigator.clipboard.readText()');
      expect(token).toBe(shownToken);
      const listed = await gql(host, '{ directories { id name settings { templateId } template { name } } }', {}, await productToken({ org: ORG, role: 'admin' }));
      const directory = listed.data.directories[0];
      expect(directory).toMatchObject({ name: 'Northwind Entra', template: { name: 'Sales team' } });
      expect(shownTenantUrl).toBe(`${host.config.publicUrl}/scim/entra/${directory.id}`);
      const tenantUrl = onHost(host, shownTenantUrl);

      // The setup steps in order with the values filled in; the status waits for Entra.
      const steps = page.locator('.setup-step h3');
      expect(await steps.count()).toBeGreaterThanOrEqual(5);
      expect(await steps.first().textContent()).toBe('Create an enterprise application');
      expect(await page.locator('.setup-step__body').first().textContent()).toContain('Northwind Entra');
      const state = page.locator('.connection [data-testid="connection-state"]');
      await poll(() => state.getAttribute('data-state')).toBe('WAITING_FOR_FIRST_REQUEST');
      await shot(page, 'portal-connect-credentials.png', true);

      // A wrong token (a paste that lost its end) is refused: the status says so in plain words, with the fix.
      const wrong = await fetch(`${tenantUrl}/Users?count=1`, { headers: { authorization: `Bearer ${token.slice(0, -3)}` } });
      expect(wrong.status).toBe(401);
      await poll(() => state.getAttribute('data-state')).toBe('ERROR');
      const problem = page.getByTestId('connection-problem').first();
      expect(await problem.getAttribute('data-code')).toBe('INVALID_TOKEN');
      expect(await problem.textContent()).toMatch(/Fix: .+/);
      await shot(page, 'portal-connection-problem.png');

      // Watch the log while Entra works; nothing below reloads the page.
      await page.evaluate('window.portalTestMarker = 42');
      await page.getByRole('tab', { name: 'Provisioning log' }).click();
      await poll(() => page.getByText('No requests yet').count()).toBe(1);

      // Entra's Test Connection: a lookup of a random userName, answered with no results.
      const probe = await scim(tenantUrl, token, 'GET', `/Users?filter=${encodeURIComponent('userName eq "a1b2c3d4-probe@northwind.example"')}`);
      expect(probe.status).toBe(200);
      expect(probe.body.totalResults).toBe(0);
      await poll(() => state.getAttribute('data-state')).toBe('TEST_CONNECTION_SEEN');
      await poll(() => page.getByTestId('log-event').count()).toBe(1);
      expect(await page.getByTestId('connection-problem').count()).toBe(0);
      expect(await page.getByTestId('last-request').textContent()).not.toBe('never');

      // The first user: a seat, a card, a createUser event.
      const created = await scim(tenantUrl, token, 'POST', '/Users', entraUser(1, 'northwind.example'));
      expect(created.status).toBe(201);
      await poll(() => state.getAttribute('data-state')).toBe('FIRST_USER');
      await poll(() => page.getByTestId('seats-summary').first().textContent()).toBe(`1 used · ${SEATS - 1} left of ${SEATS}`);
      await poll(() => page.getByTestId('user-count').textContent()).toBe('1');
      expect(await page.getByTestId('last-sync').textContent()).not.toBe('never');
      await poll(() => page.getByTestId('log-event').count()).toBe(2);
      const newest = page.getByTestId('log-event').first();
      expect(await newest.getAttribute('data-operation')).toMatch(/create/i);
      await poll(() => page.getByTestId('recent-users').textContent()).toContain('user1@northwind.example');
      expect(await page.getByTestId('recent-users').getByRole('link', { name: /Card \(Sales team\)/ }).count()).toBe(1);

      // Expand the event: its request and answer.
      await newest.getByRole('button').click();
      await poll(() => newest.textContent()).toContain('POST /scim/entra/');
      expect(await newest.textContent()).toContain('201 success');
      expect(await page.evaluate('window.portalTestMarker')).toBe(42);
      await shot(page, 'portal-directory-live.png', true);

      // The list shows the directory with its status, last sync and seats.
      await page.getByRole('link', { name: 'Directory Sync' }).first().click();
      await poll(() => page.getByTestId('directory-list').textContent()).toContain('Northwind Entra');
      expect(await page.getByTestId('directory-list').getByTestId('connection-state').getAttribute('data-state')).toBe('FIRST_USER');
      await shot(page, 'portal-directory-sync.png');

      expect(watch.cspViolations).toEqual([]);
      expect(watch.errors).toEqual([]);
      expect(watch.foreignRequests).toEqual([]);

      const sizes = await gzipSizes(distDir);
      const html = await readFile(join(distDir, 'index.html'), 'utf8');
      const kb = (names: string[]) => `${(names.reduce((sum, n) => sum + sizes[n]!, 0) / 1024).toFixed(1)} kB`;
      const js = Object.keys(sizes).filter((n) => n.endsWith('.js'));
      const css = Object.keys(sizes).filter((n) => n.endsWith('.css'));
      console.info(
        `admin portal (gzip): first page JS ${kb(js.filter((n) => html.includes(n)))}, all JS ${kb(js)} in ${js.length} files, CSS ${kb(css)}; ` +
          `navigation start → directory list rendered ${timing.directoriesRenderedMs?.toFixed(0)} ms (DOMContentLoaded ${timing.domContentLoadedMs.toFixed(0)} ms)`,
      );
    } finally {
      if (watch.errors.length || watch.cspViolations.length) console.error('page errors:', watch.errors, watch.cspViolations);
      await context.close();
    }
  }, 120_000);

  it('fits a phone (390 px) without horizontal scrolling; keyboard: skip link, focus ring, an event opened with Enter', async () => {
    const { context, page, watch } = await openContext(390, 844);
    try {
      await page.goto(onHost(host, await portalLink(host, ORG)));
      await page.waitForURL((url) => url.pathname === '/portal/');
      await poll(() => page.getByTestId('directory-list').textContent()).toContain('Northwind Entra');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await shot(page, 'portal-phone-directory-sync.png', true);
      // Keyboard: the skip link first, then the session bar's Sign out, each with an outline when focused.
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
      const outline = () => page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('Sign out');
      expect(await outline()).toBe('solid');

      await page.getByRole('link', { name: 'Northwind Entra' }).click();
      await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Northwind Entra');
      await page.getByRole('tab', { name: 'Provisioning log' }).click();
      const event = page.getByTestId('log-event').first();
      await event.waitFor();
      await event.getByRole('button').focus();
      await page.keyboard.press('Enter');
      await poll(() => event.getByRole('button').getAttribute('aria-expanded')).toBe('true');
      expect(await outline()).toBe('solid');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.evaluate('document.activeElement?.blur()');
      await shot(page, 'portal-phone-directory.png', true);

      // A link for the log opens the organization's one directory at its log.
      await page.goto(onHost(host, await portalLink(host, ORG, { intent: 'LOG' })));
      await page.waitForURL((url) => /^#\/directories\/[^/]+\/log$/.test(url.hash));
      await poll(() => page.getByRole('tab', { name: 'Provisioning log' }).getAttribute('aria-selected')).toBe('true');

      expect(watch.cspViolations).toEqual([]);
      expect(watch.errors).toEqual([]);
    } finally {
      if (watch.errors.length || watch.cspViolations.length) console.error('page errors:', watch.errors, watch.cspViolations);
      await context.close();
    }
  }, 60_000);

  it('passes axe-core’s WCAG 2.1 A/AA checks on every page and tab, at desktop and phone width', async () => {
    const found: string[] = [];
    for (const [width, height] of [
      [1280, 900],
      [390, 844],
    ] as const) {
      // Only this context lets the test inject axe-core; the portal's own CSP is checked by the tests above.
      const { context, page } = await openContext(width, height, { bypassCSP: true });
      try {
        await page.goto(onHost(host, await portalLink(host, ORG)));
        await page.waitForURL((url) => url.pathname === '/portal/');
        await page.getByTestId('directory-list').waitFor();
        found.push(...(await axeViolations(page, `${width}px Directory Sync`)));
        await page.getByRole('link', { name: 'Connect a directory' }).first().click();
        await page.getByRole('link', { name: /Microsoft Entra ID/ }).waitFor();
        found.push(...(await axeViolations(page, `${width}px provider picker`)));
        await page.getByRole('link', { name: /Microsoft Entra ID/ }).click();
        await page.getByLabel('Directory name').waitFor();
        await page.getByText(/^OAuth tokens from/).click();
        await page.getByLabel('Tenant id').waitFor();
        found.push(...(await axeViolations(page, `${width}px configure`)));
        await page.getByRole('link', { name: 'Directory Sync' }).first().click();
        await page.getByRole('link', { name: 'Northwind Entra' }).click();
        for (const tab of ['Set up', 'Provisioning log', 'Settings', 'Groups', 'Secret Token']) {
          await page.getByRole('tab', { name: tab }).click();
          await page.getByRole('tabpanel').waitFor();
          if (tab === 'Provisioning log') await page.getByTestId('log-event').first().getByRole('button').click();
          found.push(...(await axeViolations(page, `${width}px directory, ${tab}`)));
        }
      } finally {
        await context.close();
      }
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('previews a directory: the whole cycle stored, seats forecast (a warning before refusal), then Go live claims them', async () => {
    const seats = 3;
    await ensureOrganization(host.server.pool, { slug: 'contoso', name: 'Contoso', seatLimit: seats });
    const { context, page, watch } = await openContext(1280, 900);
    try {
      await page.goto(onHost(host, await portalLink(host, 'contoso')));
      await page.waitForURL((url) => url.pathname === '/portal/');
      await page.getByRole('link', { name: 'Connect a directory' }).first().click();
      await page.getByRole('link', { name: /Microsoft Entra ID/ }).click();
      await page.getByLabel('Directory name').fill('Contoso Entra');
      await page.getByText('Start in preview mode').click();
      await page.getByRole('button', { name: 'Create directory' }).click();
      await page.getByTestId('secret-token').waitFor();
      const tenantUrl = onHost(host, await page.getByTestId('tenant-url').first().inputValue());
      const token = await page.getByTestId('secret-token').inputValue();
      const summary = page.getByTestId('preview-summary');
      await poll(() => summary.textContent()).toBe(`Preview: 0 users, 0 seats needed of ${seats} available`);

      // Entra's cycle in preview: three users fit exactly, so the forecast warns before the first refusal.
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        const created = await scim(tenantUrl, token, 'POST', '/Users', entraUser(n, 'contoso.example'));
        expect(created.status).toBe(201);
        ids.push(created.body.id);
      }
      await poll(() => summary.textContent()).toBe(`Preview: 3 users, 3 seats needed of ${seats} available`);
      const forecast = page.getByTestId('preview').getByTestId('seat-forecast');
      expect(await forecast.getAttribute('data-status')).toBe('LOW');
      expect(await page.getByTestId('seats-summary').first().textContent()).toBe(`0 used · ${seats} left of ${seats}`);
      const goLive = page.getByRole('button', { name: 'Go live' });
      expect(await goLive.isEnabled()).toBe(true);

      // A fourth would not fit: Go live is off, and says why, until the provider takes one back.
      const fourth = await scim(tenantUrl, token, 'POST', '/Users', entraUser(4, 'contoso.example'));
      expect(fourth.status).toBe(201);
      await poll(() => forecast.getAttribute('data-status')).toBe('EXCEEDED');
      expect(await goLive.isDisabled()).toBe(true);
      await poll(() => page.getByTestId('user-count').textContent()).toBe('4');
      await shot(page, 'portal-preview.png');
      const removed = await fetch(`${tenantUrl}/Users/${fourth.body.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
      expect(removed.status).toBe(204);
      await poll(() => forecast.getAttribute('data-status')).toBe('LOW');

      await goLive.click();
      await page.getByRole('button', { name: 'Go live now' }).click();
      await poll(() => page.getByTestId('went-live').textContent()).toContain(`${seats} seats claimed, ${seats} cards made`);
      await poll(() => page.getByTestId('seats-summary').first().textContent()).toBe(`${seats} used · 0 left of ${seats}`);
      expect(await page.getByTestId('preview').count()).toBe(0);
      expect(watch.cspViolations).toEqual([]);
      expect(watch.errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
