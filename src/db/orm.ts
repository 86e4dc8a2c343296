import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg, { type Pool } from 'pg';
import type { Logger } from 'pino';
import { ENTITIES } from '../domain/entities/index.js';
import { MIGRATIONS } from '../domain/migrations/index.js';

export interface OrmOptions {
  url: string;
  poolMax?: number;
  log?: Logger;
  /** Collects every SQL statement the ORM runs (tests and benchmarks count statements). */
  onQuery?: (sql: string) => void;
}

/** The ORM options cardbridge runs with; `mikro-orm.config.ts` exports the same for the MikroORM CLI. */
export function ormOptions(options: OrmOptions): Options {
  return defineConfig({
    clientUrl: options.url,
    entities: ENTITIES,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 10, idleTimeoutMillis: 30_000 },
    // MikroORM keeps only host, port, user, password and database of clientUrl; hand pg the whole URL so options
    // such as sslmode/sslrootcert apply. Bounded waits: a saturated pool or a silent server fails a request with a
    // 503 instead of holding it past the directory's own 60 s timeout.
    driverOptions: { connectionString: options.url, connectionTimeoutMillis: 5_000, keepAlive: true, query_timeout: 30_000, statement_timeout: 30_000 },
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    debug: options.onQuery ? ['query'] : false,
    logger: options.onQuery ? (message) => options.onQuery?.(message) : undefined,
    ignoreUndefinedInQuery: true,
    forceUtcTimezone: true,
    allowGlobalContext: false,
  });
}

/** Connects the ORM (no migrations run here). */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return await MikroORM.init(ormOptions(options));
}

/** Any fixed key: every cardbridge process migrating the same database waits on the same one. */
const MIGRATION_LOCK_KEY = 0x63_62_6d_67; // 'cbmg'

/**
 * Applies every pending migration; returns the names applied. Several instances starting at once on one database
 * would each run the same pending migration (the second fails on objects the first created), so migrating holds
 * a session advisory lock on a connection of its own (not the pool's: the migrator needs one from it): the others
 * wait, then find nothing pending. A crashed holder's lock ends with its connection.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const driverOptions = orm.config.get('driverOptions') as { connectionString?: string } | undefined;
  const lock = new pg.Client({ connectionString: driverOptions?.connectionString ?? orm.config.get('clientUrl') });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await orm.migrator.up();
    return applied.map((m) => m.name);
  } finally {
    await lock.end().catch(() => {});
  }
}

/** The `pg` pool under the ORM, for lean parameterized SQL on the hot paths: the ORM's own operations cost several times more per request there. */
export async function nativePool(orm: MikroORM): Promise<Pool> {
  return await orm.em.getConnection().getNativeClient();
}
