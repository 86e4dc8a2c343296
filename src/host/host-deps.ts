import type { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { DomainEvents } from '../domain/events.js';
import type { Metrics } from '../observability/metrics.js';
import type { BodyReader } from '../http/body-reader.js';

/** What the host hands to the parts it mounts (GraphQL, public cards, jobs). */
export interface HostDeps {
  config: Config;
  log: Logger;
  orm: MikroORM;
  pool: Pool;
  events: DomainEvents;
  /** Reads request bodies under the size limit, the process-wide body budget and the body timeout. */
  bodies: BodyReader;
  /** Prometheus metrics, when METRICS is not off (the job queues report their failures and depth to it). */
  metrics?: Metrics;
  /** The database URL (for components that need their own connections: job queue, LISTEN). */
  databaseUrl: string;
  /** Registers a hook that runs on shutdown after the HTTP server drained (before the ORM closes). */
  onClose(hook: () => Promise<void>): void;
  /** Registers a handler for an upgrade (WebSocket) request on `path`. */
  onUpgrade(path: string, handler: (request: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void): void;
}
