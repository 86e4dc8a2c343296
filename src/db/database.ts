import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** Where the database is, and how to let go of it. */
export interface DatabaseHandle {
  readonly url: string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/** `DATABASE_URL` set → that server; unset → an embedded PostgreSQL in `DATA_DIR`, database `cardbridge`. */
export async function openDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl.reveal(), embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres(config.dataDir, log);
  try {
    await ensureDatabase(server.url, 'cardbridge');
  } catch (error) {
    await server.stop();
    throw error;
  }
  const url = new URL(server.url);
  url.pathname = '/cardbridge';
  return { url: url.toString(), embedded: true, stop: () => server.stop() };
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
