#!/usr/bin/env node
// Renders a page (a public card, /c/<slug>) in headless Chromium, Debian's `chromium` package, without Playwright.
//
//   node scripts/card-screenshot.mjs <url> <out.png> [--size 390x844] [--scale 2]   PNG screenshot (phone-sized)
//   node scripts/card-screenshot.mjs --dump-dom <url>                               rendered DOM on stdout
//
// It boots nothing itself: point it at a running cardbridge. CHROMIUM_PATH overrides /usr/bin/chromium. It fails
// when the page's Content-Security-Policy blocked anything (Chromium logs the console to stderr).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT_MS = 45_000;

// A fresh profile and no background traffic: the page is all Chromium loads.
const BASE_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--mute-audio', '--enable-logging=stderr'];

function fail(message) {
  process.stderr.write(`card-screenshot: ${message}\n`);
  process.exit(1);
}

/** Runs Chromium with `flags`; resolves with its stdout and stderr, rejects on a non-zero exit or timeout. */
function runChromium(flags) {
  const profile = mkdtempSync(join(tmpdir(), 'cardbridge-chromium-'));
  return new Promise((resolvePromise, reject) => {
    const child = spawn(CHROMIUM, [...BASE_FLAGS, `--user-data-dir=${profile}`, ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      if (code === 0) resolvePromise({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      else reject(new Error(`chromium exited with ${signal ?? code}: ${Buffer.concat(err).toString('utf8').trim().slice(-2000)}`));
    });
  });
}

/** Console messages about Content-Security-Policy violations (styles, images the page's policy blocked). */
function cspViolations(stderr) {
  return stderr.split('\n').filter((line) => line.includes(':CONSOLE') && line.includes('Content Security Policy'));
}

async function render(flags) {
  const { stdout, stderr } = await runChromium(flags);
  const violations = cspViolations(stderr);
  if (violations.length) fail(`the page violates its Content-Security-Policy:\n${violations.join('\n')}`);
  return stdout;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dump-dom': { type: 'boolean' }, size: { type: 'string', default: '390x844' }, scale: { type: 'string', default: '1' } },
  });
  if (!existsSync(CHROMIUM)) fail(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const [url, out] = positionals;
  if (!url || !/^https?:\/\//.test(url)) fail('usage: card-screenshot.mjs <url> <out.png> [--size WxH] [--scale N] | --dump-dom <url>');
  if (values['dump-dom']) {
    process.stdout.write(await render(['--dump-dom', url]));
    return;
  }
  if (!out) fail('missing <out.png>');
  const size = /^(\d+)x(\d+)$/.exec(values.size);
  if (!size) fail(`--size must look like 390x844, got ${values.size}`);
  const file = resolve(out);
  rmSync(file, { force: true });
  await render([`--screenshot=${file}`, `--window-size=${size[1]},${size[2]}`, `--force-device-scale-factor=${Number(values.scale) || 1}`, url]);
  if (!existsSync(file) || statSync(file).size === 0) fail(`Chromium wrote no screenshot to ${file}`);
  process.stdout.write(`${file}\n`);
}

main().catch((error) => fail(error.message));
