import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { FILE_VARIABLES, resolveSecretFiles } from '../../src/config/secret-files.js';

// Issue 14, item 4: secrets from files (`X_FILE`, as compose `secrets:` and Kubernetes Secret volumes mount them) as
// well as from the environment; and the retention settings of item 3.

let dir: string;
const SECRET = 'a-jwt-secret-of-more-than-32-characters!';
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cardbridge-secrets-'));
  await writeFile(file('jwt'), `${SECRET}\n`);
  await writeFile(file('db'), 'postgres://cardbridge:p%40ss@db:5432/cardbridge\r\n');
  await writeFile(file('pem'), '-----BEGIN PUBLIC KEY-----\nMFkw\nEwYH\n-----END PUBLIC KEY-----\n\n');
  await writeFile(file('short'), 'too-short\n');
  await writeFile(file('locked'), SECRET);
  await chmod(file('locked'), 0o000);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('X_FILE variables', () => {
  it('read the secret from the file, without one trailing newline, and keep it a Secret', () => {
    const config = loadConfig({ AUTH_JWT_SECRET_FILE: file('jwt'), DATABASE_URL_FILE: file('db'), AUTH_JWT_PUBLIC_KEY_FILE: file('pem') });
    expect(config.auth.jwtSecret?.reveal()).toBe(SECRET);
    expect(config.databaseUrl?.reveal()).toBe('postgres://cardbridge:p%40ss@db:5432/cardbridge');
    // A PEM key keeps its lines (the variable itself trims what surrounds them).
    expect(config.auth.publicKey).toBe('-----BEGIN PUBLIC KEY-----\nMFkw\nEwYH\n-----END PUBLIC KEY-----');
    expect(JSON.stringify(config)).not.toContain(SECRET);
    // The file's content is the value but for one trailing newline; X_FILE itself is not passed on.
    expect(resolveSecretFiles({ AUTH_JWT_PUBLIC_KEY_FILE: file('pem') }).env).toEqual({ AUTH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMFkw\nEwYH\n-----END PUBLIC KEY-----\n' });
  });

  it('are validated like the variable itself', () => {
    expect(problems({ AUTH_JWT_SECRET_FILE: file('short') })).toEqual(['AUTH_JWT_SECRET: must be at least 32 characters']);
  });

  it('refuse X and X_FILE together, naming both', () => {
    expect(problems({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_SECRET_FILE: file('jwt') })).toEqual([
      'AUTH_JWT_SECRET_FILE: AUTH_JWT_SECRET is set too; set one of AUTH_JWT_SECRET and AUTH_JWT_SECRET_FILE',
    ]);
  });

  it('refuse a file that cannot be read, naming the variable and the path, never a value', () => {
    const missing = problems({ ENCRYPTION_KEY_FILE: file('nope'), DATABASE_URL: 'not a url' });
    expect(missing).toEqual([`ENCRYPTION_KEY_FILE: cannot read ${file('nope')} (ENOENT)`, 'DATABASE_URL: must be a postgres:// URL']);
    // Root reads any file, so the permission case only shows for other users.
    if (process.getuid?.() !== 0) expect(problems({ SMTP_URL_FILE: file('locked') })).toEqual([`SMTP_URL_FILE: cannot read ${file('locked')} (EACCES)`]);
    expect(problems({ SMTP_URL_FILE: dir })).toEqual([`SMTP_URL_FILE: cannot read ${dir} (EISDIR)`]);
  });

  it('cover every secret variable, and an empty X_FILE counts as unset', () => {
    expect(FILE_VARIABLES).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'AUTH_JWT_SECRET', 'AUTH_JWT_PUBLIC_KEY', 'ENCRYPTION_KEY', 'SMTP_URL', 'METRICS_TOKEN', 'CARDBRIDGE_PLUGIN_CONFIG']),
    );
    expect(loadConfig({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_SECRET_FILE: '' }).auth.jwtSecret?.reveal()).toBe(SECRET);
  });
});

describe('provisioning log retention settings', () => {
  it('default to 90 days, no count limit, a pass every 10 minutes', () => {
    expect(loadConfig({}).provisioningLog).toEqual({ retentionDays: 90, retentionMaxEvents: 0, pruneCron: '*/10 * * * *' });
    expect(loadConfig({ PROVISIONING_LOG_RETENTION_DAYS: '0', PROVISIONING_LOG_RETENTION_MAX_EVENTS: '1000000', PROVISIONING_LOG_PRUNE_CRON: '5 3 * * *' }).provisioningLog).toEqual({
      retentionDays: 0,
      retentionMaxEvents: 1_000_000,
      pruneCron: '5 3 * * *',
    });
  });

  it('refuse values that are not limits or not a cron expression', () => {
    const found = problems({ PROVISIONING_LOG_RETENTION_DAYS: '-1', PROVISIONING_LOG_RETENTION_MAX_EVENTS: 'lots', PROVISIONING_LOG_PRUNE_CRON: 'every ten minutes' });
    expect(found.map((p) => p.split(':')[0])).toEqual(['PROVISIONING_LOG_RETENTION_DAYS', 'PROVISIONING_LOG_RETENTION_MAX_EVENTS', 'PROVISIONING_LOG_PRUNE_CRON']);
  });
});
