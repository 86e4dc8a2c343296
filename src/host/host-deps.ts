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
  /** The installed directory providers and their portal metadata, as plain data (GraphQL's `directoryProviders`). */
  providers: readonly DirectoryProviderInfo[];
  /** The database URL (for components that need their own connections: job queue, LISTEN). */
  databaseUrl: string;
  /** Registers a hook that runs on shutdown after the HTTP server drained (before the ORM closes). */
  onClose(hook: () => Promise<void>): void;
  /** Registers a handler for an upgrade (WebSocket) request on `path`. */
  onUpgrade(path: string, handler: (request: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void): void;
}

/*
 * The installed directory providers as plain data, for the parts the host mounts (GraphQL's `directoryProviders`,
 * the logo route): built by the host from the plugins' checked portal metadata, so GraphQL reads them without a path
 * to the plugin host or the plugin API.
 */

/** A value the admin copies from the portal into the provider's console. */
export interface ProviderPasteValue {
  label: string;
  /** `tenantUrl`, `secretToken`, `directoryId`, `directoryName`, `publicUrl` or `matchingAttribute`. */
  placeholder: string;
}

export interface ProviderSetupStep {
  title: string;
  /** Plain text; may name placeholders as `{tenantUrl}`. */
  body: string;
  values: ProviderPasteValue[];
  links: { label: string; url: string }[];
}

export interface ProviderMatchingChoice {
  attribute: 'userName' | 'externalId';
  providerAttribute: string;
  description: string;
  isDefault: boolean;
}

export interface DirectoryProviderInfo {
  /** The plugin's name: the provider of its directories and the segment of their Tenant URLs. */
  name: string;
  version: string;
  displayName: string;
  description: string | null;
  /** Checked SVG markup, or null; served at {@link providerLogoPath}. */
  logoSvg: string | null;
  docsUrl: string | null;
  /** Where in the provider's console the Tenant URL and Secret Token are pasted. */
  credentialsLocation: string;
  setupSteps: ProviderSetupStep[];
  matchingAttributes: ProviderMatchingChoice[];
  supportsOAuth: boolean;
}

/** Where the host serves a provider's logo. */
export function providerLogoPath(name: string): string {
  return `/portal/providers/${encodeURIComponent(name)}/logo.svg`;
}
