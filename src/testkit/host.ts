/**
 * Boots a real cardbridge host for tests: a fresh database copied from the run's template, the given plugins,
 * HTTP on 127.0.0.1 with a free port.
 * @packageDocumentation
 */
import pino from 'pino';
import { loadConfig, type Config } from '../config/config.js';
import { freePort } from '../db/embedded-postgres.js';
import { createDirectory } from '../domain/directories/directories.service.js';
import { tenantUrl } from '../domain/directories/directory.rules.js';
import { defaultRoutes } from '../host/default-routes.js';
import { startServer, type RunningServer } from '../host/start-server.js';
import type { PluginDefinition } from '../plugin-api/index.js';
import { createTestDatabase, type TestPostgres } from './postgres.js';

/** A running host plus helpers. @public */
export interface TestHost {
  readonly url: string;
  /** The URL of this host's own database. */
  readonly databaseUrl: string;
  readonly server: RunningServer;
  readonly config: Config;
  /** Runs SQL on the host's database (for asserting state). */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Creates an organization (if missing) and a directory for `provider`; returns its Tenant URL and token. */
  createDirectory(input: { org: string; provider: string; name?: string; seats?: number; settings?: Record<string, unknown> }): Promise<{ directoryId: string; organizationId: string; tenantUrl: string; secretToken: string }>;
  /** Graceful stop, then drops the database. */
  close(): Promise<void>;
}

/** @public */
export interface TestHostOptions {
  postgres: Pick<TestPostgres, 'adminUrl' | 'templateDatabase'>;
  /** Plugins to mount; default: the names in CARDBRIDGE_PLUGINS resolved as the server would. */
  plugins?: PluginDefinition<any>[];
  pluginConfig?: Record<string, unknown>;
  /** Extra environment for loadConfig (e.g. SCIM_RATE_LIMIT_PER_SECOND). */
  env?: Record<string, string>;
}

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** Starts a host on a fresh database. @public */
export async function startTestHost(options: TestHostOptions): Promise<TestHost> {
  const database = await createTestDatabase(options.postgres);
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // TEST_LOG_LEVEL=debug shows the server's log while a test runs.
    // eslint-disable-next-line n/no-process-env
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    DB_POOL_MAX: '5',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...options.env,
  });
  const log = pino({ level: config.logLevel });
  let server: RunningServer;
  try {
    server = await startServer({ config, log, databaseUrl: database.url, plugins: options.plugins, pluginConfig: options.pluginConfig, routes: defaultRoutes });
  } catch (error) {
    await database.drop().catch(() => {});
    throw error;
  }
  return {
    url: server.url,
    databaseUrl: database.url,
    server,
    config,
    async query(text, params) {
      return (await server.pool.query(text, params)).rows;
    },
    async createDirectory(input) {
      const created = await createDirectory(server.orm.em, {
        orgSlug: input.org,
        name: input.name ?? `${input.provider} directory`,
        provider: input.provider,
        seatLimit: input.seats,
        settings: input.settings,
      });
      return {
        directoryId: created.directory.id,
        organizationId: created.organization.id,
        tenantUrl: tenantUrl(config.publicUrl, input.provider, created.directory.id),
        secretToken: created.secretToken,
      };
    },
    async close() {
      await server.close();
      await database.drop();
    },
  };
}
