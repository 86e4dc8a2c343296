#!/usr/bin/env node
// Opens the GraphQL IDE (GET /graphql) of a running cardbridge in Debian's Chromium through playwright-core, with
// every request to a host other than the IDE's own refused, and runs operations in it as a user would.
//
//   node scripts/ide-browser.mjs <base url> [--token <bearer token>] [--screenshot out.png] [--size 1280x800]
//
// It types `{ __typename }` into the query editor and runs it; with --token it then enters
// {"Authorization": "Bearer <token>"} in the headers editor and runs the IDE's default query (viewer and seats).
// It prints one JSON object on stdout: the responses the IDE showed, the requests it refused (other origins), the
// Content-Security-Policy violations the page reported, console errors and the page's failed requests.
// CHROMIUM_PATH overrides /usr/bin/chromium.
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { token: { type: 'string' }, screenshot: { type: 'string' }, size: { type: 'string', default: '1280x800' } },
});
const base = new URL(positionals[0] ?? '');
const [width, height] = values.size.split('x').map(Number);
const TIMEOUT_MS = 30_000;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const report = { refused: [], cspViolations: [], consoleErrors: [], failedRequests: [], typename: undefined, viewer: undefined, docs: undefined, workers: [] };
try {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  // Air-gapped: only the IDE's own host:port is reachable.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === base.host) return route.continue();
    report.refused.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.text().startsWith('CSP violation')) report.cspViolations.push(message.text());
    else report.consoleErrors.push(message.text());
  });
  page.on('worker', (worker) => report.workers.push(new URL(worker.url()).pathname));
  page.on('requestfailed', (request) => {
    if (new URL(request.url()).host === base.host) report.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`);
  });

  await page.goto(new URL('/graphql', base).href, { waitUntil: 'load', timeout: TIMEOUT_MS });
  // Ready: the query editor shows the IDE's default query and the schema has been read (the Docs button is there).
  await page.locator('.graphiql-query-editor .view-lines').filter({ hasText: 'viewer' }).first().waitFor({ timeout: TIMEOUT_MS });
  await page.getByRole('button', { name: /documentation explorer/i }).waitFor({ timeout: TIMEOUT_MS });

  /** Replaces the text of a Monaco editor (keyboard, as a user would): `operation.graphql`, `variables.json`, `request-headers.json`. */
  const editor = (name) => page.locator(`.monaco-editor[data-uri$="-${name}"]`).first();
  const replaceText = async (name, text) => {
    await editor(name).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
    // GraphiQL reads the editors after a short debounce: a run right away would send the previous text.
    await page.waitForTimeout(1000);
  };
  /** Runs the operation in the query editor and waits until the response editor shows `expected`. */
  const run = async (expected) => {
    await page.getByRole('button', { name: /execute query/i }).click();
    const response = page.locator('.graphiql-response .monaco-editor .view-lines').first();
    await response.filter({ hasText: expected }).waitFor({ timeout: TIMEOUT_MS });
    return (await response.innerText()).replace(/\u00a0/g, ' ');
  };

  await replaceText('operation.graphql', '{ __typename }');
  report.typename = await run('"Query"');

  if (values.token) {
    // The headers editor is open at start (the IDE's defaultEditorToolsVisibility).
    await replaceText('request-headers.json', JSON.stringify({ Authorization: `Bearer ${values.token}` }));
    // One line, then GraphiQL's Prettify (Monaco would indent typed newlines once more).
    await replaceText('operation.graphql', 'query Seats { viewer { role organization { name seats { limit used available } } } }');
    await page.getByRole('button', { name: /prettify/i }).click();
    report.viewer = await run('"available"');
    // The schema as documentation: the Docs explorer on the Query type, as read by introspection.
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
    await page.locator('.graphiql-doc-explorer').getByText('organization', { exact: true }).first().waitFor({ timeout: TIMEOUT_MS });
    report.docs = (await page.locator('.graphiql-doc-explorer').innerText()).slice(0, 2000);
  }
  if (values.screenshot) await page.screenshot({ path: values.screenshot });
} finally {
  await browser.close();
}
process.stdout.write(`${JSON.stringify(report)}\n`);
