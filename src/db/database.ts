import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { DatabaseUnavailableError, describeUrl, oneLine } from './database-error.js';
import { startEmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.js';

/** Where the database is, and how to let go of it. */
export interface DatabaseHandle {
  readonly url: string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` set → that server, checked with one connection so a wrong URL stops start-up with a line naming
 * `DATABASE_URL`; unset → an embedded PostgreSQL in `DATA_DIR`, database `cardbridge`. Failures are a
 * {@link DatabaseUnavailableError}.
 */
export async function openDatabase(config: Config, log: Logger, options: EmbeddedPostgresOptions = {}): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const url = config.databaseUrl.reveal();
    try {
      await probe(url);
    } catch (error) {
      throw new DatabaseUnavailableError(`cannot use the database at DATABASE_URL (${describeUrl(url)}): ${oneLine(error)}`, { cause: error });
    }
    return { url, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres(config.dataDir, log, options);
  try {
    await ensureDatabase(server.url, 'cardbridge');
  } catch (error) {
    await server.stop();
    throw new DatabaseUnavailableError(`the embedded PostgreSQL (DATA_DIR ${config.dataDir}) started but refused cardbridge: ${oneLine(error)}`, { cause: error });
  }
  const url = new URL(server.url);
  url.pathname = '/cardbridge';
  return { url: url.toString(), embedded: true, stop: () => server.stop() };
}

/** Connects once (10 s at most) and disconnects. */
async function probe(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  await client.connect();
  await client.end();
}

/** Creates `name` on the server at `adminUrl` if it is missing. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
