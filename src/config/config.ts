import { resolve } from 'node:path';
import { z } from 'zod';
import { resolveSecretFiles } from './secret-files.js';
import { Secret } from './secret.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const BYTES = /^\d+(b|kb|mb)$/i;
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
const toBytes = (text: string) => Number(/^\d+/.exec(text)![0]) * UNITS[text.replace(/^\d+/, '').toLowerCase()]!;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional()),
  DATA_DIR: z.string().default('./.data'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  AUTH_JWT_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  AUTH_JWT_ISSUER: z.string().default('cardbridge'),
  AUTH_JWT_AUDIENCE: z.string().default('cardbridge-api'),
  AUTH_JWT_PUBLIC_KEY: optionalString,
  AUTH_JWKS_URL: optionalString.pipe(z.url().optional()),
  ENTRA_JWKS_URL_TEMPLATE: z.string().default('https://login.microsoftonline.com/{tenantId}/discovery/v2.0/keys'),
  ENTRA_ISSUER_TEMPLATE: z.string().default('https://login.microsoftonline.com/{tenantId}/v2.0'),
  ENTRA_SIGN_IN_CLIENT_ID: optionalString,
  // The admin portal's Sign in with Microsoft (issue 13): a confidential client of the same app registration.
  ENTRA_SIGN_IN_CLIENT_SECRET: optionalString,
  ENTRA_SIGN_IN_AUTHORITY: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).default('https://login.microsoftonline.com/organizations/v2.0'),
  ENCRYPTION_KEY: optionalString.pipe(
    z.string().regex(/^[A-Za-z0-9+/=_-]{43,}$/, 'must be 32 random bytes, base64 encoded (openssl rand -base64 32)').optional(),
  ),
  CARDBRIDGE_PLUGINS: z.string().default('entra,okta'),
  CARDBRIDGE_PLUGIN_CONFIG: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object keyed by plugin name, e.g. {"okta":{"…":…}}' });
      return z.NEVER;
    }),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  BODY_LIMIT: z.string().regex(BYTES, 'must look like 512kb or 1mb').default('1mb'),
  // Sized for `npm start`'s 160 MB heap, about 60 MB of which is in use at rest; bodies are charged what they cost parsed.
  BODY_BUDGET: z.string().regex(BYTES, 'must look like 16mb').default('32mb'),
  HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  BODY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  SCIM_MAX_CONCURRENT_PER_DIRECTORY: z.coerce.number().int().min(0).default(16),
  SCIM_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  SCIM_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(0).default(0),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  SMTP_URL: optionalString,
  MAIL_FROM: z.string().default('cardbridge <no-reply@cardbridge.local>'),
  MS_GRAPH_URL: z.url().default('https://graph.microsoft.com/v1.0'),
  MS_LOGIN_URL: z.url().default('https://login.microsoftonline.com'),
  JOBS_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5, 'must be at least 0.5').default(2),
  JOBS_SWEEP_INTERVAL_SECONDS: z.coerce.number().min(0.5, 'must be at least 0.5').default(60),
  JOBS_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(8),
  JOBS_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(30),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(5000),
  GRAPHQL_MAX_STATEMENTS: z.coerce.number().int().min(1).default(50),
  // The GraphiQL IDE a browser gets at GET /graphql (issue 13); unset: on unless NODE_ENV=production.
  GRAPHQL_IDE: optionalString.pipe(z.enum(['true', 'false'], { error: 'must be true or false' }).optional()),
  // The admin portal (issue 13): link lifetime, session lifetime (absolute and idle), where its built files are.
  PORTAL_LINK_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  PORTAL_SESSION_MAX_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(8 * 3600),
  PORTAL_SESSION_IDLE_SECONDS: z.coerce.number().int().min(1).max(30 * 86_400).default(3600),
  PORTAL_DIST_DIR: optionalString,
  SCIM_PATCH_MAX_OPERATIONS: z.coerce.number().int().min(1).max(100_000).default(1000),
  // Provisioning log retention (issue 14): the instance default of every directory without its own setting (0 = no limit).
  PROVISIONING_LOG_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
  PROVISIONING_LOG_RETENTION_MAX_EVENTS: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
  PROVISIONING_LOG_PRUNE_CRON: z
    .string()
    .trim()
    .regex(/^[\d*/,-]+(\s+[\d*/,-]+){4,5}$/, 'must be a cron expression of 5 fields (or 6 with seconds), e.g. */10 * * * *')
    .default('*/10 * * * *'),
  // Observability (issue 14). The OTEL_* names are the OpenTelemetry SDK's standard variables.
  METRICS: z.string().trim().toLowerCase().regex(/^(off|on|\d{1,5})$/, 'must be off, on or a port number').default('off'),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional()),
  OTEL_EXPORTER_OTLP_HEADERS: optionalString,
  OTEL_EXPORTER_OTLP_PROTOCOL: optionalString.pipe(z.enum(['http/json'], { error: 'only http/json is supported (OTLP over HTTP with JSON bodies)' }).optional()),
  OTEL_SERVICE_NAME: z.string().trim().min(1).default('cardbridge'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(10).max(600_000).default(5000),
});

/** The validated, frozen configuration every part of cardbridge receives as an argument. */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly databaseUrl?: Secret;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly auth: {
    readonly jwtSecret?: Secret;
    readonly issuer: string;
    readonly audience: string;
    readonly publicKey?: string;
    readonly jwksUrl?: string;
    readonly entraJwksUrlTemplate: string;
    readonly entraIssuerTemplate: string;
    /** Application (client) id of the app registration behind Sign in with Microsoft: the required `aud`. */
    readonly entraSignInClientId?: string;
  };
  readonly encryptionKey?: Secret;
  readonly plugins: readonly string[];
  /** Configuration of each plugin by name; validated by the host against the plugin's configSchema. */
  readonly pluginConfig: Readonly<Record<string, unknown>>;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly bodyLimit: string;
  /**
   * Request bodies (issue 11): the size limit in bytes, the process-wide budget of body memory in flight (past it
   * 503 + Retry-After), the time a client has to send its headers and, once its body is being read, its body.
   */
  readonly http: { readonly bodyLimitBytes: number; readonly bodyBudgetBytes: number; readonly headersTimeoutSeconds: number; readonly bodyTimeoutSeconds: number };
  /** `maxConcurrentPerDirectory`: SCIM requests of one directory in progress at once before 429 (0 = no limit). */
  readonly scim: { readonly maxPageSize: number; readonly rateLimitPerSecond: number; readonly maxConcurrentPerDirectory: number };
  readonly dbPoolMax: number;
  readonly shutdownTimeoutMs: number;
  readonly mail: { readonly smtpUrl?: Secret; readonly from: string };
  readonly msGraph: { readonly graphUrl: string; readonly loginUrl: string };
  /** Background jobs (pg-boss): worker polling, the sweep that re-queues lost work, retry back-off. */
  readonly jobs: { readonly pollIntervalSeconds: number; readonly sweepIntervalSeconds: number; readonly retryLimit: number; readonly retryDelaySeconds: number };
  /** `maxStatements`: SQL statements one operation may send (refused before it runs when it may send more). */
  readonly graphql: {
    readonly maxDepth: number;
    readonly maxCost: number;
    readonly maxStatements: number;
    /** Whether a browser's GET /graphql gets the GraphiQL IDE (and introspection is on for it). */
    readonly ide: boolean;
  };
  /** Operations one SCIM PATCH request may carry (RFC 7644 sets no limit; 413 above it). */
  readonly scimPatchMaxOperations: number;
  /**
   * The admin portal (issue 13): how long a link lasts, how long a session lasts (absolute, and idle since its last
   * request), where the built front end is (`distDir`; undefined: `dist/portal` of the package), and Sign in with
   * Microsoft into it (on when the client id and secret are set).
   */
  readonly portal: {
    readonly linkTtlSeconds: number;
    readonly sessionMaxSeconds: number;
    readonly sessionIdleSeconds: number;
    readonly distDir?: string;
    readonly microsoft: { readonly clientId?: string; readonly clientSecret?: Secret; readonly authority: string };
  };
  /**
   * How long provisioning events are kept: the instance defaults (`0` = no limit) a directory's own `retentionDays` /
   * `retentionMaxEvents` override, and the cron expression (UTC) of the pruning job.
   */
  readonly provisioningLog: { readonly retentionDays: number; readonly retentionMaxEvents: number; readonly pruneCron: string };
  /**
   * Prometheus metrics (docs/operations.md): `mode` off, `main` (`/metrics` on PORT) or `port` (its own listener on
   * HOST:`port`); with `token` a scrape needs `Authorization: Bearer <token>`.
   */
  readonly metrics: { readonly mode: 'off' | 'main' | 'port'; readonly port?: number; readonly token?: Secret };
  /** OpenTelemetry traces over OTLP/HTTP (JSON); undefined when no OTLP endpoint is set (no tracing code is loaded). */
  readonly tracing?: {
    /** Where spans are POSTed: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`. */
    readonly url: string;
    readonly headers: Readonly<Record<string, Secret>>;
    readonly serviceName: string;
    /** Share of new traces recorded; a request carrying `traceparent` follows its caller's decision. */
    readonly sampleRatio: number;
    /** Longest wait before finished spans are sent. */
    readonly exportDelayMs: number;
  };
}

/** `OTEL_EXPORTER_OTLP_HEADERS`: `key=value` pairs separated by commas, values percent-encoded (OTel spec). */
function otlpHeaders(text: string | undefined): Record<string, string> | string {
  const headers: Record<string, string> = {};
  for (const pair of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(key)) return 'must be key=value pairs separated by commas';
    try {
      headers[key.toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      return `the value of "${key}" is not valid percent-encoding`;
    }
  }
  return headers;
}

/** Raised by {@link loadConfig}; lists every invalid variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Secret)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Parses the environment once; throws {@link ConfigError} naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // X_FILE variables first (secret-files.ts): what they read is validated like the variable itself.
  const files = resolveSecretFiles(env);
  const parsed = envSchema.safeParse(files.env);
  if (!parsed.success || files.problems.length) {
    throw new ConfigError([...files.problems, ...(parsed.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`)]);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.PUBLIC_URL) {
    // Tenant URLs, meta.location and card links are built from it; localhost would reach no customer.
    throw new ConfigError(['PUBLIC_URL: required when NODE_ENV=production (the URL directories and card viewers reach this server at)']);
  }
  if (toBytes(e.BODY_BUDGET) < toBytes(e.BODY_LIMIT)) {
    throw new ConfigError([`BODY_BUDGET: must be at least BODY_LIMIT (${e.BODY_LIMIT}), or no body of the largest size could ever be read`]);
  }
  const authority = new URL(e.ENTRA_SIGN_IN_AUTHORITY);
  if (authority.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(authority.hostname)) {
    throw new ConfigError(['ENTRA_SIGN_IN_AUTHORITY: must be an https:// URL (http:// only on localhost, for tests)']);
  }
  const metricsPort = /^\d+$/.test(e.METRICS) ? Number(e.METRICS) : undefined;
  if (metricsPort !== undefined && (metricsPort < 1 || metricsPort > 65535 || metricsPort === e.PORT)) {
    throw new ConfigError([`METRICS: a port for /metrics must be 1–65535 and not PORT (${e.PORT}); use METRICS=on to serve it on PORT`]);
  }
  const headers = otlpHeaders(e.OTEL_EXPORTER_OTLP_HEADERS);
  if (typeof headers === 'string') throw new ConfigError([`OTEL_EXPORTER_OTLP_HEADERS: ${headers}`]);
  const tracesUrl = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  const secret = (v: string | undefined) => (v === undefined ? undefined : new Secret(v));
  return deepFreeze({
    env: e.NODE_ENV,
    databaseUrl: secret(e.DATABASE_URL),
    dataDir: resolve(e.DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    auth: {
      jwtSecret: secret(e.AUTH_JWT_SECRET),
      issuer: e.AUTH_JWT_ISSUER,
      audience: e.AUTH_JWT_AUDIENCE,
      publicKey: e.AUTH_JWT_PUBLIC_KEY,
      jwksUrl: e.AUTH_JWKS_URL,
      entraJwksUrlTemplate: e.ENTRA_JWKS_URL_TEMPLATE,
      entraIssuerTemplate: e.ENTRA_ISSUER_TEMPLATE,
      entraSignInClientId: e.ENTRA_SIGN_IN_CLIENT_ID,
    },
    encryptionKey: secret(e.ENCRYPTION_KEY),
    plugins: e.CARDBRIDGE_PLUGINS.split(',').map((p) => p.trim()).filter(Boolean),
    pluginConfig: e.CARDBRIDGE_PLUGIN_CONFIG,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    http: {
      bodyLimitBytes: toBytes(e.BODY_LIMIT),
      bodyBudgetBytes: toBytes(e.BODY_BUDGET),
      headersTimeoutSeconds: e.HEADERS_TIMEOUT_SECONDS,
      bodyTimeoutSeconds: e.BODY_TIMEOUT_SECONDS,
    },
    scim: { maxPageSize: e.SCIM_MAX_PAGE_SIZE, rateLimitPerSecond: e.SCIM_RATE_LIMIT_PER_SECOND, maxConcurrentPerDirectory: e.SCIM_MAX_CONCURRENT_PER_DIRECTORY },
    dbPoolMax: e.DB_POOL_MAX,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    mail: { smtpUrl: secret(e.SMTP_URL), from: e.MAIL_FROM },
    msGraph: { graphUrl: e.MS_GRAPH_URL.replace(/\/+$/, ''), loginUrl: e.MS_LOGIN_URL.replace(/\/+$/, '') },
    jobs: {
      pollIntervalSeconds: e.JOBS_POLL_INTERVAL_SECONDS,
      sweepIntervalSeconds: e.JOBS_SWEEP_INTERVAL_SECONDS,
      retryLimit: e.JOBS_RETRY_LIMIT,
      retryDelaySeconds: e.JOBS_RETRY_DELAY_SECONDS,
    },
    graphql: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxStatements: e.GRAPHQL_MAX_STATEMENTS,
      ide: e.GRAPHQL_IDE === undefined ? e.NODE_ENV !== 'production' : e.GRAPHQL_IDE === 'true',
    },
    scimPatchMaxOperations: e.SCIM_PATCH_MAX_OPERATIONS,
    portal: {
      linkTtlSeconds: e.PORTAL_LINK_TTL_SECONDS,
      sessionMaxSeconds: e.PORTAL_SESSION_MAX_SECONDS,
      sessionIdleSeconds: Math.min(e.PORTAL_SESSION_IDLE_SECONDS, e.PORTAL_SESSION_MAX_SECONDS),
      distDir: e.PORTAL_DIST_DIR === undefined ? undefined : resolve(e.PORTAL_DIST_DIR),
      microsoft: { clientId: e.ENTRA_SIGN_IN_CLIENT_ID, clientSecret: secret(e.ENTRA_SIGN_IN_CLIENT_SECRET), authority: e.ENTRA_SIGN_IN_AUTHORITY.replace(/\/+$/, '') },
    },
    provisioningLog: {
      retentionDays: e.PROVISIONING_LOG_RETENTION_DAYS,
      retentionMaxEvents: e.PROVISIONING_LOG_RETENTION_MAX_EVENTS,
      pruneCron: e.PROVISIONING_LOG_PRUNE_CRON,
    },
    metrics: { mode: metricsPort !== undefined ? 'port' : e.METRICS === 'on' ? 'main' : 'off', port: metricsPort, token: secret(e.METRICS_TOKEN) },
    tracing: tracesUrl
      ? {
          url: tracesUrl,
          headers: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, new Secret(value)])),
          serviceName: e.OTEL_SERVICE_NAME,
          sampleRatio: e.OTEL_TRACES_SAMPLER_ARG,
          exportDelayMs: e.OTEL_BSP_SCHEDULE_DELAY,
        }
      : undefined,
  } satisfies Config);
}

/** A copy of `config` with some fields replaced (tests and the CLI use it). */
export function withConfig(config: Config, patch: Partial<Config>): Config {
  return deepFreeze({ ...config, ...patch });
}
