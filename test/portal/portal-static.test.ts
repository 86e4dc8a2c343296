/**
 * Serving the built admin portal (issue 13 item 6): files from the build directory with the portal's CSP and
 * nosniff, SPA fallback for paths without an extension, immutable caching of hashed assets, no way out of the
 * directory (raw paths with .., encoded dots and slashes, backslashes, NUL, dot-files, a symlink), and a plain 503
 * page when the portal was not built.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { rawGet } from './portal-helpers.js';

const INDEX = '<!doctype html><title>cardbridge portal</title><script type="module" src="/portal/assets/app-4f2a9c1d.js"></script>';
const SECRET = 'the secret next to the build directory';

let host: TestHost;
let missing: TestHost;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cardbridge-portal-'));
  const dist = join(dir, 'dist-portal');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), INDEX);
  await writeFile(join(dist, 'assets', 'app-4f2a9c1d.js'), 'console.log("portal");');
  await writeFile(join(dist, 'assets', 'app-4f2a9c1d.css'), 'body{margin:0}');
  await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(dist, '.env'), SECRET);
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await symlink(join(dir, 'secret.txt'), join(dist, 'linked.txt'));
  [host, missing] = await Promise.all([startHost({ env: { PORTAL_DIST_DIR: dist } }), startHost({ env: { PORTAL_DIST_DIR: join(dir, 'not-built') } })]);
});

afterAll(async () => {
  await Promise.all([host?.close(), missing?.close()]);
  await rm(dir, { recursive: true, force: true });
});

const CSP = (host: TestHost) =>
  `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://${new URL(host.config.publicUrl).host}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;

describe('GET /portal/…', () => {
  it('serves index.html at /portal/ with the strict CSP, nosniff and no-cache; /portal redirects there', async () => {
    const response = await fetch(`${host.url}/portal/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP(host));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
    const bare = await fetch(`${host.url}/portal?intent=log`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/portal/?intent=log');
  });

  it('falls back to index.html for app paths without an extension, and answers 404 for missing files', async () => {
    for (const path of ['/portal/directories/new', '/portal/log', '/portal/directories/123/steps/']) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe(INDEX);
    }
    const js = await fetch(`${host.url}/portal/assets/missing-00000000.js`);
    expect(js.status).toBe(404);
    expect(js.headers.get('content-security-policy')).toBe(CSP(host));
  });

  it('caches hashed assets for good, with their content types', async () => {
    const js = await fetch(`${host.url}/portal/assets/app-4f2a9c1d.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-security-policy')).toBe(CSP(host));
    const css = await fetch(`${host.url}/portal/assets/app-4f2a9c1d.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const icon = await fetch(`${host.url}/portal/favicon.svg`);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('never serves a file outside the build directory, nor dot-files or symlinks leading out', async () => {
    const paths = [
      '/portal/../secret.txt',
      '/portal/assets/../../secret.txt',
      '/portal/%2e%2e/secret.txt',
      '/portal/%2E%2E%2Fsecret.txt',
      '/portal/assets/..%2f..%2fsecret.txt',
      '/portal/..%5csecret.txt',
      '/portal/%5c..%5csecret.txt',
      '/portal/secret.txt%00.js',
      '/portal/.env',
      '/portal/%2eenv',
      '/portal/linked.txt',
      '/portal//etc/passwd',
      '/portal/%2fetc%2fpasswd',
      '/portal/C:%5cWindows%5cwin.ini',
      '/portal/%',
    ];
    for (const path of paths) {
      const response = await rawGet(host, path);
      expect(response.body, path).not.toContain(SECRET);
      expect(response.body, path).not.toContain('root:');
      expect([404, 200], path).toContain(response.status);
      if (response.status === 200) expect(response.body, path).toBe(INDEX);
    }
  });

  it('answers other methods with 405', async () => {
    const response = await fetch(`${host.url}/portal/`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 with plain words for Sign in with Microsoft when it is not configured', async () => {
    const response = await fetch(`${host.url}/portal/auth/microsoft`, { redirect: 'manual' });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Sign in with Microsoft is not set up');
  });

  it('answers 503 with plain words when the portal was not built', async () => {
    for (const path of ['/portal/', '/portal/assets/app.js']) {
      const response = await fetch(`${missing.url}${path}`);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-security-policy')).toBe(CSP(missing));
      const text = await response.text();
      expect(text).toContain('The admin portal was not built');
      expect(text).toContain('npm run build');
    }
  });
});
