/**
 * Internal: OpenTelemetry traces over OTLP/HTTP (issue 14). Imported only when an OTLP endpoint is configured
 * (src/observability/index.ts loads it with `import()`), so a process without one loads none of the SDK.
 *
 * Spans: one SERVER span per HTTP request (continuing an incoming W3C `traceparent`), one INTERNAL span per call of
 * the provisioning port (SCIM → domain), and one CLIENT span per SQL statement from @opentelemetry/instrumentation-pg.
 * That instrumentation normally patches `pg` through require/import hooks installed before `pg` loads, which an ESM
 * process only gets with `node --import`; here `pg` is already loaded, so its module definition is applied to the
 * `Client` classes in use — the pool's (MikroORM's own copy of pg) and the top-level one (pg-boss, LISTEN) — the
 * way OTel's compile-time instrumentation does. SQL outside a traced request (pollers, flushes) makes no span.
 */
import { context, diag, DiagLogLevel, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Middleware } from 'koa';
import pg, { type Pool } from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { DomainError } from '../domain/errors.js';
import { classify } from './http-metrics.js';

export interface Tracing {
  /** The SERVER span of each request; mounted first. */
  readonly middleware: Middleware;
  /** `target` with every method (nested objects included) wrapped in an INTERNAL span named `<name>.<path>`. */
  traced<T extends object>(name: string, target: T): T;
  /** Sends the spans still buffered, then removes the patches and the context manager. */
  close(): Promise<void>;
}

type PgClientClass = { prototype: { query: unknown } };

function traceMethods<T extends object>(tracer: Tracer, prefix: string, target: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) {
    const name = `${prefix}.${key}`;
    if (typeof value === 'function') {
      const method = value as (...args: unknown[]) => unknown;
      out[key] = (...args: unknown[]) =>
        tracer.startActiveSpan(name, { kind: SpanKind.INTERNAL }, async (span) => {
          try {
            return await method.apply(target, args);
          } catch (error) {
            // A DomainError is an answer (404, 409, 412…), not a fault: named on the span, status left unset.
            if (error instanceof DomainError) span.setAttribute('cardbridge.error_code', error.code);
            else failed(span, error);
            throw error;
          } finally {
            span.end();
          }
        });
    } else if (value && typeof value === 'object') out[key] = traceMethods(tracer, name, value);
    else out[key] = value;
  }
  return out as T;
}

function failed(span: Span, error: unknown): void {
  span.setAttribute('error.type', error instanceof Error ? error.name : 'unknown');
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** Starts the tracer provider and the pg patches for `pool`'s driver. */
export function startTracing(settings: NonNullable<Config['tracing']>, options: { pool: Pool; log: Logger }): Tracing {
  const log = options.log.child({ component: 'tracing' });
  // Exporter failures (collector down) reach the log as warnings, not the console.
  diag.setLogger({ error: (m) => log.warn(m), warn: (m) => log.warn(m), info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
  const exporter = new OTLPTraceExporter({
    url: settings.url,
    headers: Object.fromEntries(Object.entries(settings.headers).map(([key, value]) => [key, value.reveal()])),
    timeoutMillis: 10_000,
  });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: settings.exportDelayMs })],
  });
  // The provider is used directly, never registered globally: libraries that trace through the global API (pg-boss
  // polls its queues every few seconds) stay silent instead of filling the collector with root spans.
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const ownsContext = context.setGlobalContextManager(contextManager);
  if (!ownsContext) log.warn('another OpenTelemetry context manager is registered; cardbridge spans use it');
  const tracer = provider.getTracer('cardbridge');
  const propagator = new W3CTraceContextPropagator();

  const instrumentation = new PgInstrumentation({ enabled: false, requireParentSpan: true });
  instrumentation.setTracerProvider(provider);
  const pgDefinition = instrumentation.getModuleDefinitions().find((d) => d.name === 'pg');
  const clients = [...new Set([(options.pool as unknown as { Client: PgClientClass }).Client, pg.Client as unknown as PgClientClass])].filter(Boolean);
  for (const Client of clients) pgDefinition?.patch?.({ Client });

  const providers = new Set<string>();
  const middleware: Middleware = async (ctx, next) => {
    const parent = propagator.extract(ROOT_CONTEXT, ctx.headers, {
      get: (carrier, key) => carrier[key] as string | string[] | undefined,
      keys: (carrier) => Object.keys(carrier),
    });
    const { family } = classify(ctx.path, providers);
    const span = tracer.startSpan(
      `${ctx.method} ${family}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': ctx.method, 'url.path': ctx.path, 'url.scheme': ctx.protocol, 'cardbridge.route_family': family } },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), next);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      // @koa/router leaves the matched template (e.g. /scim/entra/:directoryId/Users/:id) on the context.
      const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      if (typeof route === 'string') {
        span.setAttribute('http.route', route);
        span.updateName(`${ctx.method} ${route}`);
      }
      span.setAttribute('http.response.status_code', ctx.status);
      if (ctx.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };

  return {
    middleware,
    traced: (name, target) => traceMethods(tracer, name, target),
    async close() {
      for (const Client of clients) pgDefinition?.unpatch?.({ Client });
      await provider.shutdown().catch((error: unknown) => log.warn({ err: error }, 'spans could not be sent at shutdown'));
      if (ownsContext) context.disable();
      diag.disable();
    },
  };
}
