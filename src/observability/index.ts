/**
 * Internal: what the host starts for metrics and traces (issue 14, docs/operations.md). With METRICS=off and no
 * OTLP endpoint it mounts nothing and loads neither prom-client's instruments nor the OpenTelemetry SDK.
 */
import type { Middleware } from 'koa';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { httpMetricsMiddleware, listenForScrapes } from './http-metrics.js';
import type { Metrics } from './metrics.js';

export interface Observability {
  /** Mounted before everything else in the Koa app (tracing outermost, then metrics). */
  readonly middleware: Middleware[];
  /** Present when METRICS is not off; the job module reports to it. */
  readonly metrics?: Metrics;
  /** Where the separate listener answers (METRICS=<port>). */
  readonly metricsUrl?: string;
  /** The provisioning port with a span around each call when tracing is on; else the same object. */
  traced<T extends object>(name: string, target: T): T;
  close(): Promise<void>;
}

export interface ObservabilityDeps {
  config: Config;
  pool: Pool;
  log: Logger;
  /** Configured plugin names: the only values of the `provider` label besides `none`. */
  providers: readonly string[];
}

export async function startObservability({ config, pool, log, providers }: ObservabilityDeps): Promise<Observability> {
  const middleware: Middleware[] = [];
  const closers: (() => Promise<void>)[] = [];
  let traced: Observability['traced'] = (_name, target) => target;
  try {
    if (config.tracing) {
      const { startTracing } = await import('./tracing.js');
      const tracing = startTracing(config.tracing, { pool, log });
      closers.push(() => tracing.close());
      middleware.push(tracing.middleware);
      traced = tracing.traced;
    }
    let metrics: Metrics | undefined;
    let metricsUrl: string | undefined;
    if (config.metrics.mode !== 'off') {
      const { Metrics } = await import('./metrics.js');
      metrics = new Metrics({ pool, log, poolMax: config.dbPoolMax });
      middleware.push(httpMetricsMiddleware(metrics, { providers, serve: config.metrics.mode === 'main', token: config.metrics.token, log }));
      if (config.metrics.mode === 'port') {
        const listener = await listenForScrapes(metrics, { host: config.host, port: config.metrics.port!, token: config.metrics.token, log });
        closers.push(() => listener.close());
        metricsUrl = listener.url;
        log.info({ url: metricsUrl }, 'metrics listening');
      }
    }
    return {
      middleware,
      metrics,
      metricsUrl,
      traced,
      async close() {
        for (const close of closers.reverse()) await close().catch((error) => log.warn({ err: error }, 'observability: close failed'));
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => {});
    throw error;
  }
}
