/**
 * cardbridge as a library: the package's `"."` export (`import … from 'cardbridge'`), for running the server inside
 * another Node process (a supervisor, an integration test of an application that provisions through cardbridge).
 * `npm start` runs the same pieces from `src/main.ts`.
 *
 * ```ts
 * import { createLogger, defaultRoutes, loadConfig, startServer } from 'cardbridge';
 *
 * const config = loadConfig(process.env); // throws ConfigError naming every bad variable
 * const server = await startServer({ config, log: createLogger(config), routes: defaultRoutes });
 * console.log(`cardbridge on ${server.url}`);
 * // …
 * await server.close(); // drains requests, then stops plugins, jobs, the ORM and the embedded PostgreSQL
 * ```
 *
 * Without `routes` the server mounts the plugins' SCIM endpoints and health checks only; `defaultRoutes` adds the
 * GraphQL API, the public card pages, the invite pages and the background jobs, as `npm start` does.
 *
 * Plugins do not import this module: they compile against `cardbridge/plugin` (and test with
 * `cardbridge/plugin-testkit`).
 * @packageDocumentation
 */
export { ConfigError, loadConfig, withConfig, type Config } from './config/config.js';
export { DatabaseUnavailableError } from './db/database-error.js';
export { defaultRoutes } from './host/default-routes.js';
export type { HostDeps } from './host/host-deps.js';
export { startServer, type RunningDeps, type RunningServer, type StartOptions } from './host/start-server.js';
export { createLogger } from './logger.js';
