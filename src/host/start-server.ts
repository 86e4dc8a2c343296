import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Middleware } from 'koa';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { NotificationListener } from '../db/notifications.js';
import { createOrm, migrate, nativePool } from '../db/orm.js';
import { startObservability } from '../observability/index.js';
import { DomainEvents } from '../domain/events.js';
import { GroupProvisioning } from '../domain/groups/groups.provisioning.js';
import { UserProvisioning } from '../domain/users/users.provisioning.js';
import type { PluginDefinition } from '../plugin-api/index.js';
import { ConcurrencyLimiter } from '../plugin-host/concurrency-limiter.js';
import { ClusterInstances, INSTANCE_CHANNEL } from '../plugin-host/cluster-instances.js';
import { DirectoryAuthenticator } from '../plugin-host/directory-access.js';
import { countAsRefused } from '../plugin-host/directory-gate.js';
import { EventRecorder } from '../plugin-host/event-recorder.js';
import { importPlugin, PluginLoadError, setUpPlugin, type LoadedPlugin } from '../plugin-host/plugin-loader.js';
import { createProvisioningPort } from '../plugin-host/provisioning-port.js';
import { scimNotFound } from '../plugin-host/scim-not-found.js';
import { createApp } from '../http/app.js';
import { BodyReader } from '../http/body-reader.js';
import { jsonBodyMiddleware } from '../http/middleware/json-body.middleware.js';
import { providerCatalog, providerLogoRoute } from './provider-catalog.js';
import { httpServerOptions } from './server-options.js';
import type { HostDeps } from './host-deps.js';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export interface StartOptions {
  config: Config;
  log: Logger;
  /** Plugin definitions to mount instead of resolving `config.plugins` (the testkit uses it). */
  plugins?: PluginDefinition<unknown>[];
  /** Database URL to use instead of opening one from the config (tests hand in a per-file database). */
  databaseUrl?: string;
  /** Plugin configuration by plugin name. */
  pluginConfig?: Record<string, unknown>;
  /** Extra routes mounted after the plugins (GraphQL, public cards are added by the host itself). */
  routes?: (deps: HostDeps) => Middleware[] | Promise<Middleware[]>;
}

export interface RunningDeps {
  config: Config;
  log: Logger;
  orm: MikroORM;
  pool: Pool;
  events: DomainEvents;
}

export interface RunningServer extends RunningDeps {
  readonly url: string;
  readonly port: number;
  readonly http: Server;
  readonly plugins: readonly LoadedPlugin[];
  /** The request-body reader and its budget (tests watch what is in flight). */
  readonly bodies: BodyReader;
  /** The instances sharing this database, as this one hears them (per-directory limits are divided by their count). */
  readonly instances: ClusterInstances;
  /** Stops accepting, finishes requests in flight, then closes plugins, the ORM and the embedded database. */
  close(): Promise<void>;
}

/** Opens the database, migrates, sets up plugins and listens. Everything started is stopped again on failure. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, log } = options;
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((error) => log.warn({ err: error }, 'cleanup failed'));
  };
  try {
    // The embedded PostgreSQL gets its own process group: Ctrl-C reaches the server, which stops it after draining.
    const database = options.databaseUrl ? { url: options.databaseUrl, embedded: false, stop: async () => {} } : await openDatabase(config, log, { ownProcessGroup: true });
    cleanups.push(() => database.stop());
    const orm = await createOrm({ url: database.url, poolMax: config.dbPoolMax, log });
    cleanups.push(() => orm.close(true));
    const applied = await migrate(orm);
    if (applied.length) log.info({ migrations: applied }, 'migrations applied');
    const pool = await nativePool(orm);
    const events = new DomainEvents((event, error) => log.error({ err: error, event }, 'domain event listener failed'));
    const recorder = new EventRecorder(pool, log);
    cleanups.push(() => recorder.flush());
    const directories = new DirectoryAuthenticator(pool, config, recorder);
    // Several instances on one database (issue 14): heartbeats on the same LISTEN connection tell each instance how
    // many share a directory's rate and concurrency limits.
    const instances = new ClusterInstances(pool, log);
    directories.instances = () => instances.count();
    const onNotification = (channel: string, payload: string) => (channel === INSTANCE_CHANNEL ? instances.heard(payload) : directories.invalidate());
    const listener = new NotificationListener(database.url, ['cardbridge_directory', INSTANCE_CHANNEL], onNotification, log, (listening) => {
      directories.cacheEnabled = listening;
      if (!listening) directories.invalidate();
    });
    await listener.start();
    cleanups.push(() => listener.stop());
    // The change's own instance does not wait for its NOTIFY: the next request after the mutation answers sees it.
    const stopHearingChanges = events.on('directory.changed', () => directories.invalidate());
    cleanups.push(async () => stopHearingChanges());
    instances.start();
    cleanups.push(() => instances.stop());
    const deps: RunningDeps = { config, log, orm, pool, events };
    const port = createProvisioningPort(new UserProvisioning({ pool, events }), new GroupProvisioning({ pool, events }));
    const definitions = options.plugins ?? (await Promise.all(config.plugins.map((name) => importPlugin(name))));
    // Metrics and traces (issue 14): with METRICS=off and no OTLP endpoint nothing is mounted or loaded.
    const observability = await startObservability({ config, pool, log, providers: definitions.map((d) => d.name) });
    cleanups.push(() => observability.close());
    const names = new Set<string>();
    const plugins: LoadedPlugin[] = [];
    // One budget of request-body bytes in flight for the whole process: SCIM and GraphQL bodies alike.
    const bodies = BodyReader.fromConfig(config, { onBudgetRefused: (ctx) => countAsRefused(ctx, recorder, 503, 'body-budget') });
    const concurrency = new ConcurrencyLimiter(config.scim.maxConcurrentPerDirectory, () => instances.count());
    for (const definition of definitions) {
      if (names.has(definition.name)) throw new PluginLoadError(`plugin "${definition.name}" is configured twice`);
      names.add(definition.name);
      plugins.push(
        await setUpPlugin(definition, {
          log,
          publicUrl: config.publicUrl,
          directories,
          provisioning: observability.traced('provisioning', port),
          events,
          recorder,
          pluginConfig: options.pluginConfig ?? config.pluginConfig,
          scimPatchMaxOperations: config.scimPatchMaxOperations,
          scimMaxPageSize: config.scim.maxPageSize,
          bodyParser: jsonBodyMiddleware(bodies),
          concurrency,
        }),
      );
    }
    for (const plugin of plugins) for (const hook of plugin.startHooks) await hook();
    cleanups.push(async () => {
      for (const plugin of plugins) for (const hook of plugin.stopHooks) await hook();
    });
    let shuttingDown = false;
    const closeHooks: (() => Promise<void>)[] = [];
    cleanups.push(async () => {
      for (const hook of closeHooks.reverse()) await hook();
    });
    const providers = providerCatalog(plugins);
    const upgrades = new Map<string, (request: IncomingMessage, socket: Duplex, head: Buffer) => void>();
    const hostDeps: HostDeps = {
      ...deps,
      databaseUrl: database.url,
      bodies,
      providers,
      metrics: observability.metrics,
      onClose: (hook) => void closeHooks.push(hook),
      onUpgrade: (path, handler) => void upgrades.set(path, handler),
    };
    const routes = [providerLogoRoute(providers), ...(options.routes ? await options.routes(hostDeps) : [])];
    const app = createApp({ config, pool, log, observe: observability.middleware, pluginMiddleware: [...plugins.map((p) => p.middleware), scimNotFound()], routes, isShuttingDown: () => shuttingDown });
    const http = createServer(httpServerOptions(config), app.callback());
    // Upgraded sockets (WebSocket subscriptions) are no longer tracked by http.close(); keep them to end on shutdown.
    const upgraded = new Set<Duplex>();
    http.on('upgrade', (request, socket, head) => {
      const handler = upgrades.get(new URL(request.url ?? '/', 'http://host').pathname);
      if (!handler || shuttingDown) return void socket.destroy();
      upgraded.add(socket);
      socket.once('close', () => upgraded.delete(socket));
      handler(request, socket, head);
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => resolve());
    });
    const address = http.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${host}:${address.port}`;
    log.info({ url, publicUrl: config.publicUrl, plugins: plugins.map((p) => `${p.definition.name}@${p.definition.version}`), embeddedDatabase: database.embedded }, 'cardbridge listening');
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        shuttingDown = true;
        log.info('shutting down: finishing requests in flight');
        const drained = new Promise<void>((resolve) => http.close(() => resolve()));
        // Subscriptions have no end to wait for: close them now (clients reconnect to another instance).
        for (const socket of upgraded) socket.destroy();
        // Keep-alive sockets become idle as their last response finishes: close them as they do.
        http.closeIdleConnections();
        const sweeper = setInterval(() => http.closeIdleConnections(), 50);
        const timer = setTimeout(() => http.closeAllConnections(), config.shutdownTimeoutMs);
        await drained;
        clearInterval(sweeper);
        clearTimeout(timer);
        await cleanup();
        log.info('stopped');
      })());
    return { ...deps, url, port: address.port, http, plugins, bodies, instances, close };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
