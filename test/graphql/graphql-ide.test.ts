/**
 * The GraphQL IDE at GET /graphql (issue 13): GraphiQL built from the installed packages by `vite build -c
 * ide/vite.config.ts` (this file runs that step of `npm run build` first), served with a strict CSP, nothing from
 * another origin; in Debian's Chromium (playwright-core, scripts/ide-browser.mjs) with every other origin refused,
 * it renders and runs operations. Off (GRAPHQL_IDE=false), a browser's GET is a 404 in GraphQL's shape.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startApollo } from '../../src/graphql/apollo.js';
import type { GraphQLContext } from '../../src/graphql/context.js';
import { IDE_CSP, ideDirectory } from '../../src/graphql/ide.js';
import { createSchema } from '../../src/graphql/schema.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { gql, productToken } from './graphql-helpers.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const BROWSER_HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
let on: TestHost;
let off: TestHost;

beforeAll(async () => {
  // The build step of `npm run build` that writes dist/ide (CI runs the tests without building).
  await run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'ide/vite.config.ts'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  [on, off] = await Promise.all([startHost(), startHost({ env: { GRAPHQL_IDE: 'false' } })]);
}, 180_000);
afterAll(async () => {
  await Promise.all([on?.close(), off?.close()]);
});

const browserGet = (host: TestHost, path: string) => fetch(`${host.url}${path}`, { headers: { accept: BROWSER_HTML } });

/** The files index.html references (script, stylesheet, icon). */
function referencedPaths(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
}

describe('GRAPHQL_IDE', () => {
  it('is on by default, off by default when NODE_ENV=production, and GRAPHQL_IDE=true turns it on there', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://cards.example.com' };
    expect(loadConfig({}).graphql.ide).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).graphql.ide).toBe(true);
    expect(loadConfig(production).graphql.ide).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_IDE: 'true' }).graphql.ide).toBe(true);
    expect(loadConfig({ GRAPHQL_IDE: 'false' }).graphql.ide).toBe(false);
    expect(() => loadConfig({ GRAPHQL_IDE: 'yes' })).toThrow(/GRAPHQL_IDE: must be true or false/);
  });

  it('turns introspection on in production when the IDE is on (it reads the schema by introspection)', async () => {
    const schema = await createSchema();
    const contextValue = { log: pino({ level: 'silent' }), statements: { count: 0 } } as unknown as GraphQLContext;
    const server = await startApollo(schema, loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://cards.example.com', GRAPHQL_IDE: 'true' }));
    const response = await server.executeOperation({ query: '{ __schema { queryType { name } } }' }, { contextValue });
    await server.stop();
    expect(response.body.kind === 'single' && response.body.singleResult.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('GET /graphql from a browser, IDE on', () => {
  it('answers the IDE’s page with a strict CSP: no inline script, no eval, nothing from another origin', async () => {
    const response = await browserGet(on, '/graphql');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toBe(IDE_CSP);
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['worker-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('<title>cardbridge GraphQL IDE</title>');
    // Every script is a file of this origin; no inline script.
    for (const script of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(script[1]).toMatch(/\bsrc="\/graphql\/ide\/assets\/[^"]+\.js"/);
      expect(script[2]!.trim()).toBe('');
    }
    expect(html).not.toMatch(/https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
    expect(html).not.toMatch(/apollo/i);
    const paths = referencedPaths(html);
    expect(paths.length).toBeGreaterThanOrEqual(2);
    for (const path of paths) expect(path).toMatch(/^\/graphql\/ide\/assets\/[A-Za-z0-9._-]+$/);
  });

  it('serves every file of the build, cached immutably, and none of them loads from another origin', async () => {
    const page = await (await browserGet(on, '/graphql')).text();
    for (const path of referencedPaths(page)) {
      const response = await fetch(`${on.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-security-policy')).toBe(IDE_CSP);
      const type = response.headers.get('content-type')!;
      if (path.endsWith('.js')) expect(type).toMatch(/^(text|application)\/javascript/);
      if (path.endsWith('.css')) expect(type).toMatch(/^text\/css/);
      await response.arrayBuffer();
    }
    const assets = join(ideDirectory(), 'assets');
    const names = await readdir(assets);
    expect(names.some((name) => /^graphql\.worker-.*\.js$/.test(name))).toBe(true);
    for (const name of names.filter((n) => /\.(js|css)$/.test(n))) {
      const text = await readFile(join(assets, name), 'utf8');
      // Loads: import() / from / new URL() / url() / importScripts() of an absolute or protocol-relative URL.
      const external = text.match(/(?:import\(|\bfrom|new URL\(|url\(|importScripts\()\s*["'`]?(?:https?:)?\/\/[^"'`)\s]+/g) ?? [];
      expect(external, name).toEqual([]);
    }
  });

  it('leaves GraphQL requests to Apollo: POST, a GET that asks for JSON, and no Apollo landing page', async () => {
    expect((await gql(on, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    const get = await fetch(`${on.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const bare = await fetch(`${on.url}/graphql`);
    expect(bare.headers.get('content-type')).not.toMatch(/html/);
    expect(await bare.text()).not.toMatch(/apollo.*landing|embeddable/i);
  });

  it('answers unknown, traversing and non-GET requests for its files in GraphQL’s shape', async () => {
    for (const path of ['/graphql/ide/assets/nope.js', '/graphql/ide/assets/..%2F..%2Fpackage.json', '/graphql/ide/assets/..%5Cindex.html', '/graphql/ide/assets/x.json']) {
      const response = await fetch(`${on.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
    }
    // A dot segment is resolved before the request is sent: /graphql/ide/index.html is no file of the IDE either.
    const dotted = await fetch(`${on.url}/graphql/ide/assets/%2e%2e/index.html`);
    expect([dotted.status, await dotted.text()]).toEqual([404, 'Not Found']);
    const post = await fetch(`${on.url}/graphql/ide/assets/a.js`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});

describe('GET /graphql from a browser, IDE off (GRAPHQL_IDE=false)', () => {
  it('is a 404 in GraphQL’s shape that says how to send requests; the files are 404 too', async () => {
    const response = await browserGet(off, '/graphql');
    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('NOT_FOUND');
    expect(body.errors[0]!.message).toMatch(/GraphQL IDE is off.*GRAPHQL_IDE.*POST \/graphql/);
    const page = await (await browserGet(on, '/graphql')).text();
    const asset = await fetch(`${off.url}${referencedPaths(page)[0]}`);
    expect(asset.status).toBe(404);
    expect((await gql(off, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});

describe('the IDE in Chromium with every other origin refused', () => {
  it('finds Chromium at /usr/bin/chromium', () => {
    expect(existsSync('/usr/bin/chromium'), '/usr/bin/chromium is missing: install Debian’s package (apt-get install -y chromium); this test must not be skipped').toBe(true);
  });

  it('renders, runs { __typename } and, with a Bearer token in its headers, an authenticated query; no CSP violation', { timeout: 120_000 }, async () => {
    await on.createDirectory({ org: 'ide-browser', provider: 'entra', seats: 7 });
    const token = await productToken({ org: 'ide-browser', role: 'admin' });
    const { stdout } = await run(process.execPath, [join(root, 'scripts/ide-browser.mjs'), on.url, '--token', token], { maxBuffer: 8 * 1024 * 1024, timeout: 110_000 });
    const report = JSON.parse(stdout) as Record<string, any>;
    expect(report.refused).toEqual([]);
    expect(report.cspViolations).toEqual([]);
    expect(report.failedRequests).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
    expect(JSON.parse(report.typename)).toEqual({ data: { __typename: 'Query' } });
    expect(JSON.parse(report.viewer)).toEqual({ data: { viewer: { role: 'ADMIN', organization: { name: 'ide-browser', seats: { limit: 7, used: 0, available: 7 } } } } });
    // The language features run in Monaco's workers, loaded from this origin.
    expect(report.workers.some((path: string) => /^\/graphql\/ide\/assets\/graphql\.worker-.*\.js$/.test(path))).toBe(true);
    // The schema's descriptions, read by introspection, in the Docs explorer.
    expect(report.docs).toContain("Reads of the caller's organization.");
  });
});
