/**
 * Real PostgreSQL for tests: one server per test run (embedded, or `DATABASE_URL`), a migrated template database,
 * and a fresh database per test file copied from the template (`CREATE DATABASE … TEMPLATE`), so files run in
 * parallel without sharing rows.
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { ensureDatabase } from '../db/database.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres.js';
import { createOrm, migrate } from '../db/orm.js';

/** What a test run's global setup hands to the test files. @public */
export interface TestPostgres {
  /** URL of a maintenance database on the server (used to create and drop per-file databases). */
  adminUrl: string;
  /** Name of the migrated template database. */
  templateDatabase: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Starts PostgreSQL for a test run (or uses `databaseUrl`) and builds the migrated template database.
 * @public
 */
export async function startTestPostgres(options: { databaseUrl?: string } = {}): Promise<TestPostgres> {
  const log = pino({ level: 'warn' });
  let embedded: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  let adminUrl = options.databaseUrl;
  if (!adminUrl) {
    dir = await mkdtemp(join(tmpdir(), 'cardbridge-test-'));
    await chmod(dir, 0o755);
    embedded = await startEmbeddedPostgres(dir, log);
    adminUrl = embedded.url;
  }
  const templateDatabase = `cardbridge_template_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(adminUrl, templateDatabase);
  const orm = await createOrm({ url: withDatabase(adminUrl, templateDatabase), poolMax: 2 });
  try {
    await migrate(orm);
  } finally {
    await orm.close(true);
  }
  return {
    adminUrl,
    templateDatabase,
    async stop() {
      if (embedded) {
        await embedded.stop();
        if (dir) await rm(dir, { recursive: true, force: true });
      } else {
        await adminQuery(adminUrl, `drop database if exists "${templateDatabase}" with (force)`).catch(() => {});
      }
    },
  };
}

/** A fresh, migrated database for one test file. @public */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Copies the template into a new database for one test file. @public */
export async function createTestDatabase(postgres: Pick<TestPostgres, 'adminUrl' | 'templateDatabase'>): Promise<TestDatabase> {
  const name = `cardbridge_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(postgres.adminUrl, `create database "${name}" template "${postgres.templateDatabase}"`);
  return {
    name,
    url: withDatabase(postgres.adminUrl, name),
    drop: () => adminQuery(postgres.adminUrl, `drop database if exists "${name}" with (force)`),
  };
}
