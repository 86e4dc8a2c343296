/** Internal: finds, checks and sets up plugins; mounts each under its own prefix behind the SCIM error edge. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Router from '@koa/router';
import compose from 'koa-compose';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import semver from 'semver';
import { PLUGIN_API_VERSION, type PluginContext, type PluginDefinition, type PluginEventMap, type PortalMetadata } from '../plugin-api/index.js';
import type { ProvisioningPort } from '../plugin-api/port.js';
import { mountScimService, type MountedScimService } from '../scim-service/index.js';
import * as scimToolkit from '../scim/index.js';
import type { DomainEvents } from '../domain/events.js';
import type { ConcurrencyLimiter } from './concurrency-limiter.js';
import type { DirectoryAuthenticator } from './directory-access.js';
import { directoryGate, directoryIdOf, gatedAccess } from './directory-gate.js';
import type { EventRecorder } from './event-recorder.js';
import { checkPortalMetadata } from './portal-metadata.js';
import { scimErrorEdge } from './scim-error-edge.js';

/** Start-up failure caused by a plugin; the message names the plugin. */
export class PluginLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PluginLoadError';
  }
}

export interface LoadedPlugin {
  definition: PluginDefinition<unknown>;
  /** The plugin's portal metadata, checked and frozen (undefined when it declares none). */
  portal: PortalMetadata | undefined;
  mountPath: string;
  middleware: Middleware;
  startHooks: (() => void | Promise<void>)[];
  stopHooks: (() => void | Promise<void>)[];
}

export interface PluginHostDeps {
  log: Logger;
  publicUrl: string;
  directories: DirectoryAuthenticator;
  provisioning: ProvisioningPort;
  events: DomainEvents;
  recorder: EventRecorder;
  pluginConfig: Readonly<Record<string, unknown>>;
  /** SCIM_PATCH_MAX_OPERATIONS, handed to plugins as `ctx.limits`. */
  scimPatchMaxOperations: number;
  /** SCIM_MAX_PAGE_SIZE, handed to plugins as `ctx.limits.maxPageSize`. */
  scimMaxPageSize: number;
  /** Parses JSON bodies with the configured limit; runs inside the edge so its errors are SCIM-shaped. */
  bodyParser: Middleware;
  /** SCIM requests of one directory in progress at once (shared by every plugin: directory ids are unique). */
  concurrency: ConcurrencyLimiter;
}

const LOCAL_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Where an npm plugin is installed: the deployment's own node_modules (resolved from the working directory) first,
 * then wherever Node finds it from cardbridge itself (both installed side by side as dependencies of one app).
 */
function resolvePackage(name: string, cwd: string): string {
  try {
    return pathToFileURL(createRequire(join(cwd, 'package.json')).resolve(name)).href;
  } catch {
    return name;
  }
}

/** Resolves a configured plugin name: `plugins/<name>` in this checkout, else an npm package of that name. */
export async function importPlugin(name: string, cwd = process.cwd()): Promise<PluginDefinition<unknown>> {
  const fromSource = import.meta.url.endsWith('.ts');
  const local = new URL(`../../plugins/${name}/src/index.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  let module: { default?: unknown };
  try {
    module = LOCAL_NAME.test(name) && existsSync(fileURLToPath(local)) ? await import(local.href) : await import(resolvePackage(name, cwd));
  } catch (error) {
    throw new PluginLoadError(`plugin "${name}" could not be loaded: ${(error as Error).message}`, { cause: error });
  }
  const definition = module.default as PluginDefinition<unknown> | undefined;
  if (!definition || typeof definition.setup !== 'function') {
    throw new PluginLoadError(`plugin "${name}" has no default export made with definePlugin()`);
  }
  return definition;
}

/** Fastify's rule: a plugin whose apiVersion range excludes this host's version is refused, naming both. */
export function checkApiVersion(definition: PluginDefinition<unknown>): void {
  const range = semver.validRange(definition.apiVersion);
  if (!range) throw new PluginLoadError(`plugin "${definition.name}" declares an invalid apiVersion "${definition.apiVersion}"`);
  if (!semver.satisfies(PLUGIN_API_VERSION, range)) {
    throw new PluginLoadError(
      `plugin "${definition.name}" ${definition.version} requires plugin API ${definition.apiVersion}, but this cardbridge provides plugin API ${PLUGIN_API_VERSION}`,
    );
  }
}

/** The plugin's portal metadata checked (PluginLoadError naming the plugin and the field when it is not valid). */
export function portalMetadataOf(definition: PluginDefinition<unknown>): PortalMetadata | undefined {
  try {
    return checkPortalMetadata(definition.portal);
  } catch (error) {
    throw new PluginLoadError(`plugin "${definition.name}" has invalid portal metadata: ${(error as Error).message}`, { cause: error });
  }
}

async function validateConfig(definition: PluginDefinition<unknown>, value: unknown): Promise<unknown> {
  if (!definition.configSchema) return Object.freeze(value ?? {});
  const result = await definition.configSchema['~standard'].validate(value ?? {});
  if (result.issues) {
    const problems = result.issues.map((i) => `${(i.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') || '(root)'}: ${i.message}`);
    throw new PluginLoadError(`plugin "${definition.name}" has invalid configuration: ${problems.join('; ')}`);
  }
  return Object.freeze(result.value);
}

/** `<mountPath>/<one segment>/Users`, exactly as the SCIM service registers its Users list. */
function isUsersList(path: string, mountPath: string): boolean {
  const start = mountPath.length + 1;
  const slash = path.indexOf('/', start);
  return slash > start && slash === path.length - 6 && path.endsWith('/Users') && path.startsWith(mountPath) && path.charCodeAt(mountPath.length) === 47;
}

/**
 * The plugin's router, and — when the router holds nothing but the SCIM service's routes (no route, middleware or
 * param handler of the plugin's own) — a direct call of the Users list for `GET <mountPath>/<directoryId>/Users`,
 * the lookup Entra sends before every write. That path can then match no other layer, so the call does what the
 * router would (the same `params` and matched route, which tracing names the span by) without matching every route,
 * composing the matched layers and decoding their captures on each request. Every other request goes to the router.
 * Exported for test/plugin-host/users-list-fast-path.test.ts, which runs the same requests through the installed
 * @koa/router and through this path and fails when they differ (what an upgrade of the router would change).
 */
export function routesOf(router: Router, mountPath: string, scim: Pick<MountedScimService, 'firstLayer' | 'layers' | 'listUsers'> | undefined): Middleware {
  const dispatch = router.routes() as Middleware;
  const onlyTheService = scim !== undefined && scim.firstLayer === 0 && scim.layers === router.stack.length && Object.keys(router.params).length === 0;
  if (!onlyTheService) return dispatch;
  const route = `${mountPath}/:directoryId/Users`;
  const listUsers = scim.listUsers;
  return (ctx, next) => {
    const path = ctx.path;
    if (ctx.method !== 'GET' || !isUsersList(path, mountPath)) return dispatch(ctx, next);
    const routed = ctx as typeof ctx & { params: Record<string, string>; routerPath: string; _matchedRoute: string };
    routed.params = (ctx.request as { params?: Record<string, string> }).params = { directoryId: directoryIdOf(path, mountPath)! };
    routed.routerPath = routed._matchedRoute = route;
    return listUsers(ctx, next);
  };
}

/** Checks, configures and sets up one plugin; throws PluginLoadError naming it on any failure. */
export async function setUpPlugin(definition: PluginDefinition<unknown>, deps: PluginHostDeps): Promise<LoadedPlugin> {
  checkApiVersion(definition);
  const portal = portalMetadataOf(definition);
  const config = await validateConfig(definition, deps.pluginConfig[definition.name]);
  const mountPath = `/scim/${definition.name}`;
  const access = deps.directories.forPlugin(definition.name);
  const router = new Router({ prefix: mountPath });
  const startHooks: LoadedPlugin['startHooks'] = [];
  const stopHooks: LoadedPlugin['stopHooks'] = [];
  const log = deps.log.child({ plugin: definition.name });
  let scim: MountedScimService | undefined;
  const context: PluginContext<unknown> = {
    name: definition.name,
    config,
    log,
    router,
    mountPath,
    publicUrl: deps.publicUrl,
    directories: gatedAccess(access),
    provisioning: deps.provisioning,
    scim: scimToolkit,
    limits: Object.freeze({ patchMaxOperations: deps.scimPatchMaxOperations, maxPageSize: deps.scimMaxPageSize }),
    on: <K extends keyof PluginEventMap>(event: K, listener: (payload: PluginEventMap[K]) => void | Promise<void>) => deps.events.on(event, listener),
    serveScim: (options) => void (scim = mountScimService(context, options)),
    onStart: (hook) => void startHooks.push(hook),
    onStop: (hook) => void stopHooks.push(hook),
  };
  try {
    await definition.setup(context);
  } catch (error) {
    throw new PluginLoadError(`plugin "${definition.name}" failed in setup: ${(error as Error).message}`, { cause: error });
  }
  // The gate authenticates from the path before the body parser reads a byte (issue 11): a request without a valid
  // token for the directory in its path never has its body read.
  const inner = compose([
    scimErrorEdge({ recorder: deps.recorder, log, plugin: definition.name }),
    directoryGate({ access, mountPath, limiter: deps.concurrency, recorder: deps.recorder }),
    deps.bodyParser,
    routesOf(router, mountPath, scim),
    router.allowedMethods(),
  ] as Middleware[]);
  const middleware: Middleware = (ctx, next) => (ctx.path === mountPath || ctx.path.startsWith(`${mountPath}/`) ? inner(ctx, next) : next());
  return { definition, portal, mountPath, middleware, startHooks, stopHooks };
}
