/** Internal: what every resolver receives. */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Viewer } from '../auth/viewer.js';
import type { Config } from '../config/config.js';
import type { DomainEvents } from '../domain/events.js';
import type { Queryable } from '../db/sql/run.js';
import type { DirectoryProviderInfo } from '../host/host-deps.js';
import { createLoaders, type Loaders } from './loaders.js';
import { statementLimitError } from './statement-limit.js';
import type { ProvisioningEventFeed } from './subscriptions/event-feed.js';

export interface GraphQLContext {
  /** null when the request carries no token; resolvers ask `auth/permissions` before reading. */
  viewer: Viewer | null;
  /** Reads: the pool, counted per request. */
  db: Queryable;
  /** Writes: domain services open their transactions on it. */
  pool: Pool;
  /** The ORM's writes: each admin write (organization settings, directories) forks it into one unit of work. */
  em: EntityManager;
  events: DomainEvents;
  config: Config;
  loaders: Loaders;
  log: Logger;
  /** The installed directory providers (plugins) and their portal metadata, as plain data. */
  providers: readonly DirectoryProviderInfo[];
  /** The live provisioning log (subscriptions over WebSocket only). */
  feed?: ProvisioningEventFeed;
  /** SQL statements this request sent through `db` (logged at debug with the operation). */
  statements: { count: number };
}

export interface ContextDeps {
  pool: Pool;
  orm: MikroORM;
  events: DomainEvents;
  config: Config;
  providers: readonly DirectoryProviderInfo[];
}

const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/** A fresh context (and fresh loaders: no cache outlives a request). */
export function createContext(deps: ContextDeps, viewer: Viewer | null, log: Logger, feed?: ProvisioningEventFeed): GraphQLContext {
  const statements = { count: 0 };
  // An HTTP operation runs once, so its statements are bounded (GRAPHQL_MAX_STATEMENTS; the estimate refused larger
  // ones before they ran). A subscription's context lives as long as the subscription and is not.
  const max = feed ? Infinity : deps.config.graphql.maxStatements;
  const db: Queryable = {
    query: (text, params) => {
      if (statements.count >= max) return Promise.reject(statementLimitError(max));
      statements.count += 1;
      return deps.pool.query(text, params);
    },
  };
  return { viewer, db, pool: deps.pool, em: deps.orm.em, events: deps.events, config: deps.config, providers: deps.providers, loaders: createLoaders(db, viewer?.organizationId ?? NO_ORGANIZATION), log, statements, feed };
}
