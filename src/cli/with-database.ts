import type { Pool } from 'pg';
import pino from 'pino';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { createOrm, migrate, nativePool } from '../db/orm.js';
import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Runs a CLI command against the database: the external one (`DATABASE_URL`) or the embedded one in `DATA_DIR`,
 * started for the command (or shared with a server already running on it) and stopped afterwards. Migrations
 * are applied first, so the CLI works on a fresh data directory.
 */
export async function withDatabase<T>(config: Config, fn: (db: { pool: Pool; orm: MikroORM; applied: string[] }) => Promise<T>): Promise<T> {
  const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
  const database = await openDatabase(config, log);
  try {
    const orm = await createOrm({ url: database.url, poolMax: 2, log });
    try {
      const applied = await migrate(orm);
      return await fn({ pool: await nativePool(orm), orm, applied });
    } finally {
      await orm.close(true);
    }
  } finally {
    await database.stop();
  }
}
