import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../../src/config/config.js';
import { freePort } from '../../../src/db/embedded-postgres.js';
import { createDirectory } from '../../../src/domain/directories/directories.service.js';
import { tenantUrl } from '../../../src/domain/directories/directory.rules.js';
import { defaultRoutes } from '../../../src/host/default-routes.js';
import { startServer, type RunningServer } from '../../../src/host/start-server.js';
import { createTestDatabase, type TestDatabase } from '../../../src/testkit/postgres.js';
import { TEST_JWT_SECRET } from '../../../src/testkit/host.js';
import { scimClient, type ScimClient } from '../../../src/testkit/scim-client.js';

/** 32 bytes, base64: the ENCRYPTION_KEY of every jobs test. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * A real host like `startHost()`, but it keeps its log lines (to prove no secret is logged), can start on the
 * database of an earlier host (to prove a restart finishes the queue), and polls the job queue quickly.
 */
export interface JobsHost {
  readonly url: string;
  readonly server: RunningServer;
  readonly config: Config;
  readonly database: TestDatabase;
  readonly dataDir: string;
  readonly logs: string[];
  query<R = any>(text: string, params?: unknown[]): Promise<R[]>;
  entraDirectory(org: string, settings?: Record<string, unknown>): Promise<{ directoryId: string; organizationId: string; client: ScimClient }>;
  /** Stops the server, keeps the database. */
  stop(): Promise<void>;
  /** Stops the server; drops the database and data directory unless they were handed in. */
  close(): Promise<void>;
}

export async function startJobsHost(options: { env?: Record<string, string>; database?: TestDatabase; dataDir?: string } = {}): Promise<JobsHost> {
  const database = options.database ?? (await createTestDatabase({ adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') }));
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cardbridge-jobs-')));
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    CARDBRIDGE_PLUGINS: 'entra',
    DB_POOL_MAX: '5',
    SHUTDOWN_TIMEOUT_MS: '5000',
    JOBS_POLL_INTERVAL_SECONDS: '0.5',
    JOBS_SWEEP_INTERVAL_SECONDS: '1',
    JOBS_RETRY_DELAY_SECONDS: '1',
    JOBS_RETRY_LIMIT: '5',
    ...options.env,
  });
  const logs: string[] = [];
  // eslint-disable-next-line n/no-process-env
  const echo = process.env.TEST_LOG_LEVEL;
  const log = pino({ level: 'debug' }, { write: (line: string) => void (logs.push(line), echo && process.stderr.write(line)) });
  const server = await startServer({ config, log, databaseUrl: database.url, routes: defaultRoutes });
  return {
    url: server.url,
    server,
    config,
    database,
    dataDir,
    logs,
    query: async (text, params) => (await server.pool.query(text, params)).rows,
    async entraDirectory(org, settings = {}) {
      const created = await createDirectory(server.orm.em, { orgSlug: org, name: `${org} Entra`, provider: 'entra', seatLimit: 50, settings });
      return {
        directoryId: created.directory.id,
        organizationId: created.organization.id,
        client: scimClient(tenantUrl(config.publicUrl, 'entra', created.directory.id), created.secretToken),
      };
    },
    stop: () => server.close(),
    async close() {
      await server.close();
      if (!options.database) await database.drop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An Entra-shaped SCIM user (the shape of Microsoft's documented create request). */
export function entraUser(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `${String(n).padStart(8, '0')}-1111-4222-8333-444455556666`;
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId: id,
    userName: `user${n}@contoso.example`,
    active: true,
    displayName: `User ${n}`,
    emails: [{ primary: true, type: 'work', value: `user${n}@contoso.example` }],
    name: { givenName: 'User', familyName: String(n) },
    ...overrides,
  };
}

/** Polls `check` until it returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
