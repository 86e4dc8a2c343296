/**
 * The public card page in a real browser: Debian's headless Chromium renders `/c/<slug>` through
 * `scripts/card-screenshot.mjs` (the script the docs screenshot comes from), which fails on any Content-Security-Policy
 * violation Chromium logs. CI installs `chromium`; without it this file fails, it is never skipped.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const CHROMIUM = '/usr/bin/chromium';
const SCRIPT = fileURLToPath(new URL('../../scripts/card-screenshot.mjs', import.meta.url));
const run = promisify(execFile);
let host: TestHost;
let url: string;
let outDir: string;

beforeAll(async () => {
  host = await startHost();
  const dir = await host.createDirectory({ org: 'public-chromium', provider: 'entra' });
  const created = await scimClient(dir.tenantUrl, dir.secretToken).post('/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'grace@public-chromium.example',
    displayName: 'Grace Hopper',
    title: 'Rear Admiral',
    emails: [{ type: 'work', value: 'grace@public-chromium.example', primary: true }],
    phoneNumbers: [{ type: 'mobile', value: '+1 202 555 0143' }],
    active: true,
  });
  expect(created.status).toBe(201);
  const [card] = await host.query<{ slug: string }>('select slug from card where user_id = $1', [created.body.id]);
  // A stored photo, so the page loads an image from its own origin under its CSP.
  const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=', 'base64');
  await host.query(`insert into user_photo (user_id, content_type, data) values ($1, 'image/png', $2)`, [created.body.id, photo]);
  url = `${host.url}/c/${card!.slug}`;
  outDir = mkdtempSync(join(tmpdir(), 'cardbridge-shot-'));
});
afterAll(async () => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  await host?.close();
});

describe('GET /c/:slug in headless Chromium', () => {
  it('finds Chromium at /usr/bin/chromium', () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's package (apt-get install -y chromium); this test must not be skipped`).toBe(true);
  });

  it('renders the card without CSP violations: the DOM holds the name, title, photo and contact actions', { timeout: 60_000 }, async () => {
    const { stdout } = await run(process.execPath, [SCRIPT, '--dump-dom', url], { maxBuffer: 8 * 1024 * 1024 });
    expect(stdout).toContain('<h1>Grace Hopper</h1>');
    expect(stdout).toContain('Rear Admiral');
    expect(stdout).toContain('href="tel:+12025550143"');
    expect(stdout).toMatch(/<div class="avatar"><img src="[A-Za-z0-9_-]+\/photo" alt=""><\/div>/);
    expect(stdout).toMatch(/<a class="save" href="[A-Za-z0-9_-]+\.vcf">/);
  });

  it('takes a phone-sized screenshot', { timeout: 60_000 }, async () => {
    const file = join(outDir, 'card.png');
    await run(process.execPath, [SCRIPT, url, file, '--size', '390x844']);
    const png = readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([390, 844]);
    expect(png.length).toBeGreaterThan(10_000);
  });
});
