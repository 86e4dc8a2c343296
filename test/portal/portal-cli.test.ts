/**
 * `cardbridge portal link` (issue 13 item 1): prints a single-use URL under PUBLIC_URL that opens a session;
 * bad input exits 2 with a message, an unknown organization exits 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { TEST_JWT_SECRET } from '../../src/testkit/host.js';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { openLink } from './portal-helpers.js';

let host: TestHost;
let env: Record<string, string>;

beforeAll(async () => {
  host = await startHost();
  await host.createDirectory({ org: 'acme', provider: 'entra' });
  env = { DATABASE_URL: host.databaseUrl, PUBLIC_URL: host.config.publicUrl, AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' };
});

afterAll(async () => {
  await host?.close();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('cardbridge portal link', () => {
  it('prints a link that opens an admin session at the intent; --json carries url, expiresAt, intent, returnUrl', async () => {
    const text = capture();
    expect(await runCli(['portal', 'link', '--org', 'acme', '--intent', 'log'], env, text.io)).toBe(0);
    const url = text.out.join('\n').split('\n')[0]!;
    expect(url).toMatch(new RegExp(`^${host.config.publicUrl}/portal/link/[A-Za-z0-9_-]{43}$`));
    const opened = await openLink(host, url);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/portal/?intent=log');

    const json = capture();
    expect(await runCli(['portal', 'link', '--org', 'acme', '--return-url', 'https://app.example.com/done', '--json'], env, json.io)).toBe(0);
    const printed = JSON.parse(json.out.join(''));
    expect(printed).toMatchObject({ intent: 'directory-sync', returnUrl: 'https://app.example.com/done' });
    expect(new Date(printed.expiresAt).getTime()).toBeGreaterThan(Date.now() + 290_000);
    const rows = await host.query<{ created_by: string; creator_role: string }>("select created_by, creator_role from portal_link where intent = 'directory-sync'");
    expect(rows).toEqual([{ created_by: 'cli', creator_role: 'owner' }]);
  });

  it('exits 2 with a message for bad input, 1 for an unknown organization', async () => {
    const cases: [string[], number, RegExp][] = [
      [['portal', 'link'], 2, /missing --org/],
      [['portal', 'link', '--org', 'acme', '--intent', 'everything'], 2, /--intent must be one of directory-sync, card-settings, log/],
      [['portal', 'link', '--org', 'acme', '--return-url', 'http://app.example.com/'], 2, /--return-url must be an https:\/\/ URL/],
      [['portal', 'link', '--org', 'acme', '--return-url', 'not a url'], 2, /--return-url must be an absolute URL/],
      [['portal', 'link', '--org', 'acme', '--bogus'], 2, /bogus/],
      [['portal', 'open'], 2, /unknown portal command "open"/],
      [['portal', 'link', '--org', 'nobody'], 1, /organization "nobody" does not exist/],
    ];
    for (const [args, code, message] of cases) {
      const run = capture();
      expect(await runCli(args, env, run.io), args.join(' ')).toBe(code);
      expect(run.err.join('\n'), args.join(' ')).toMatch(message);
      expect(run.out).toEqual([]);
    }
  });
});
