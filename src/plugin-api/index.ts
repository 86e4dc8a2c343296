/**
 * The public plugin API of cardbridge, exported as `cardbridge/plugin`. Partners compile against this module
 * only; it is versioned by {@link PLUGIN_API_VERSION} under semantic versioning.
 * @packageDocumentation
 */
import type Router from '@koa/router';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import type * as ScimToolkit from '../scim/index.js';
import type { DirectoryInfo, ProvisioningPort } from './port.js';
import type { PortalMetadata } from './portal.js';
import type { PluginEventMap } from '../domain/plugin-events.js';

export * from './port.js';
export * from './portal.js';
export * as scim from '../scim/index.js';
export { DomainError, type ErrorCode } from '../domain/errors.js';
export type { PluginEventMap } from '../domain/plugin-events.js';
export type { StandardSchemaV1 } from '@standard-schema/spec';

/**
 * The version of this API. A plugin declares the range it was written for in `apiVersion` (e.g. `^1.0.0`); the
 * host refuses to start with a plugin whose range does not include this version. @public
 */
export const PLUGIN_API_VERSION = '1.3.0';

/** Directory lookup and authentication. @public */
export interface DirectoryAccess {
  /**
   * Authenticates the request's `Authorization: Bearer …` for the directory `directoryId`: the Secret Token (its
   * SHA-256 hash looked up by index, never compared as text), or an Entra-issued OAuth token when the directory
   * accepts those — only those when its `oauth.refuseStaticToken` is set.
   * Throws `DomainError('UNAUTHENTICATED')` for a missing or wrong token, for a token of another directory, and
   * for a directory of another provider than the plugin (it looks like a directory that does not exist);
   * `DomainError('FORBIDDEN')` for a disabled directory; `DomainError('RATE_LIMITED')` when the directory exceeds
   * its request rate. Each refusal is counted in the directory's provisioning log.
   */
  authenticate(ctx: Context, directoryId: string): Promise<DirectoryInfo>;
  /** A directory of the plugin's provider by id, or null. */
  get(directoryId: string): Promise<DirectoryInfo | null>;
}

/** What `setup` receives. @public */
export interface PluginContext<TConfig = unknown> {
  /** The plugin's name. */
  readonly name: string;
  /** The plugin's configuration, validated against its `configSchema` and frozen. */
  readonly config: TConfig;
  /** A child logger tagged with the plugin's name. Never log tokens or SCIM bodies above `debug`. */
  readonly log: Logger;
  /** Routes mounted under {@link PluginContext.mountPath}; errors thrown in them become SCIM error bodies. */
  readonly router: Router;
  /** Where the router is mounted, e.g. `/scim/entra`. A directory's Tenant URL is `<publicUrl><mountPath>/<directoryId>`. */
  readonly mountPath: string;
  /** The server's public base URL (no trailing slash). */
  readonly publicUrl: string;
  readonly directories: DirectoryAccess;
  readonly provisioning: ProvisioningPort;
  /** The SCIM 2.0 protocol toolkit (RFC 7643/7644): schemas, filter, PATCH, list, errors. */
  readonly scim: typeof ScimToolkit;
  /**
   * Limits the operator set for every plugin: `patchMaxOperations` is SCIM_PATCH_MAX_OPERATIONS (since 1.1.0),
   * `maxPageSize` is SCIM_MAX_PAGE_SIZE, the largest page any list may return (since 1.2.0).
   */
  readonly limits: { readonly patchMaxOperations: number; readonly maxPageSize: number };
  /** Mounts the host's SCIM 2.0 service provider on {@link PluginContext.router} (since 1.3.0; see {@link serveScim}). */
  serveScim(options: ScimServiceOptions): void;
  /** Subscribe to domain events (after commit). Returns an unsubscribe function. */
  on<K extends keyof PluginEventMap>(event: K, listener: (payload: PluginEventMap[K]) => void | Promise<void>): () => void;
  /** Runs after every plugin was set up, before the server listens. */
  onStart(hook: () => void | Promise<void>): void;
  /** Runs on shutdown, after the server stopped accepting requests. */
  onStop(hook: () => void | Promise<void>): void;
}

/** A plugin's declaration. @public */
export interface PluginDefinition<TConfig = unknown> {
  /** Lowercase id: `entra`, `okta`, `google-workspace`. Also the provider name of its directories. */
  readonly name: string;
  /** The plugin's own version (semver). */
  readonly version: string;
  /** The range of plugin-API versions this plugin works with, e.g. `^1.0.0`. */
  readonly apiVersion: string;
  /** Any Standard Schema validator (zod 4, valibot, arktype) for the plugin's configuration. */
  readonly configSchema?: StandardSchemaV1<unknown, TConfig>;
  /**
   * What the admin portal shows of the provider: display name, logo, description, setup steps and mapping choices,
   * as data (since 1.3.0). Checked when the plugin loads: invalid metadata stops start-up naming the plugin. A
   * plugin without it is listed under its `name` with no steps.
   */
  readonly portal?: PortalMetadata;
  /** Registers routes and hooks. Throwing here stops the host's start-up with a message naming the plugin. */
  setup(ctx: PluginContext<TConfig>): void | Promise<void>;
}

const PLUGIN_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Declares a plugin. Checks the declaration's shape (not the API version: the host does that at load time).
 * @public
 */
export function definePlugin<TConfig = unknown>(definition: PluginDefinition<TConfig>): PluginDefinition<TConfig> {
  if (!PLUGIN_NAME.test(definition.name)) throw new TypeError(`plugin name "${definition.name}" must be lowercase letters, digits and dashes`);
  if (typeof definition.setup !== 'function') throw new TypeError(`plugin "${definition.name}" has no setup function`);
  if (typeof definition.apiVersion !== 'string' || !definition.apiVersion) throw new TypeError(`plugin "${definition.name}" declares no apiVersion`);
  return Object.freeze({ ...definition });
}

/** How a plugin mounts the host's SCIM service provider. @public */
export interface ScimServiceOptions {
  /** The provider's protocol quirks (see the SCIM toolkit's `defineDialect`). */
  dialect: ScimToolkit.ScimDialect;
  /** Largest page a list returns (default: the dialect's maxPageSize; never above the host's `limits.maxPageSize`). */
  maxPageSize?: number;
  /** Most operations one PATCH may carry (default: the host's SCIM_PATCH_MAX_OPERATIONS). */
  patchMaxOperations?: number;
}

/**
 * Registers `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas`, `/Users`, `/Groups` and `/.search` under
 * `<mountPath>/:directoryId` on the plugin's router: a complete SCIM 2.0 service provider over the provisioning
 * port, shaped by the provider's dialect. Every route authenticates the directory first. The service is the host's
 * (the same as `ctx.serveScim`); this function only forwards to it.
 * @public
 */
export function serveScim(ctx: PluginContext<unknown>, options: ScimServiceOptions): void {
  ctx.serveScim(options);
}
