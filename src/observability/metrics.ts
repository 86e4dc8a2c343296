/**
 * Internal: the Prometheus metrics of one cardbridge process (issue 14), on prom-client. Every label is a bounded
 * set: route family, provider (a configured plugin's name), outcome, status class, scimType, queue, organization
 * slug. Nothing is ever labelled by user, token or directory id (docs/operations.md lists each metric).
 */
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type RouteFamily = 'scim-users' | 'scim-groups' | 'scim-discovery' | 'scim-other' | 'graphql' | 'public-card' | 'invites' | 'health' | 'metrics' | 'other';
export type Outcome = 'success' | 'client_error' | 'server_error' | 'refused';

/** What the job queues hold, per queue, at one moment. */
export interface JobQueueCounts {
  queue: string;
  /** Waiting to run: new, or failed and waiting for its retry. */
  queued: number;
  active: number;
  /** Failed for good (every retry used), kept until pg-boss deletes it. */
  dead: number;
}

/** Seat and queue numbers are read with one query each at scrape time and reused this long (never per request). */
const SNAPSHOT_TTL_MS = 5_000;
/** SCIM lookups take 1–5 ms, large GraphQL pages and PATCHes seconds: buckets cover both ends. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** 401 (no or wrong credentials), 429 (rate or concurrency limit), 503 (overload, shutting down, database down). */
export function outcomeOf(status: number): Outcome {
  if (status === 401 || status === 429 || status === 503) return 'refused';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'success';
}

/** One cached read at a time: a burst of scrapes costs one query per TTL, and a failed read is not cached. */
function cached<T>(ttlMs: number, read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  let until = 0;
  return () => {
    if (value && Date.now() < until) return value;
    until = Date.now() + ttlMs;
    const current = read();
    value = current;
    current.catch(() => {
      if (value === current) value = undefined;
    });
    return current;
  };
}

export interface MetricsDeps {
  pool: Pool;
  log: Logger;
  poolMax: number;
}

export class Metrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'family' | 'provider' | 'outcome' | 'status_class'>;
  readonly #duration: Histogram<'family' | 'provider' | 'outcome'>;
  readonly #scimErrors: Counter<'provider' | 'scim_type' | 'status'>;
  readonly #jobsFailed: Counter<'queue'>;
  #jobQueues: { names: readonly string[]; read: () => Promise<JobQueueCounts[]> } | undefined;

  constructor(private readonly deps: MetricsDeps) {
    const registers = [this.registry];
    // Event-loop lag (nodejs_eventloop_lag_*), heap, GC, CPU and file descriptors: prom-client's standard set.
    collectDefaultMetrics({ register: this.registry });
    this.#requests = new Counter({
      name: 'cardbridge_http_requests_total',
      help: 'HTTP requests answered, by route family, directory provider (none outside SCIM), outcome and status class.',
      labelNames: ['family', 'provider', 'outcome', 'status_class'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'cardbridge_http_request_duration_seconds',
      help: 'Time from a request reaching cardbridge to its answer being ready, by route family, provider and outcome.',
      labelNames: ['family', 'provider', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.#scimErrors = new Counter({
      name: 'cardbridge_scim_errors_total',
      help: 'SCIM error responses (RFC 7644 §3.12), by provider, scimType (none when the error has none) and status.',
      labelNames: ['provider', 'scim_type', 'status'],
      registers,
    });
    this.#jobsFailed = new Counter({
      name: 'cardbridge_jobs_failed_total',
      help: 'Job attempts that failed in this process (each is retried until the retry limit), by queue.',
      labelNames: ['queue'],
      registers,
    });
    this.#seatGauges(registers);
    this.#jobGauges(registers);
    const { pool } = deps;
    new Gauge({
      name: 'cardbridge_db_pool_connections',
      help: 'Connections of the PostgreSQL pool: total open, idle, and requests waiting for one.',
      labelNames: ['state'],
      registers,
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({ name: 'cardbridge_db_pool_max', help: 'Largest number of connections the pool opens (DB_POOL_MAX).', registers }).set(deps.poolMax);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** One answered request. */
  observeRequest(family: RouteFamily, provider: string, status: number, seconds: number): void {
    const outcome = outcomeOf(status);
    this.#requests.inc({ family, provider, outcome, status_class: `${Math.floor(status / 100)}xx` });
    this.#duration.observe({ family, provider, outcome }, seconds);
  }

  /** One SCIM error body sent. */
  scimError(provider: string, scimType: string | undefined, status: number): void {
    this.#scimErrors.inc({ provider, scim_type: scimType ?? 'none', status: String(status) });
  }

  /** One job attempt that threw. */
  jobFailed(queue: string): void {
    this.#jobsFailed.inc({ queue });
  }

  /** The job module says how to count its queues (only a process that runs jobs has them). */
  watchJobQueues(names: readonly string[], read: () => Promise<JobQueueCounts[]>): void {
    this.#jobQueues = { names, read: cached(SNAPSHOT_TTL_MS, read) };
    for (const queue of names) this.#jobsFailed.inc({ queue }, 0);
  }

  /** The Prometheus text exposition of every metric. */
  async render(): Promise<string> {
    return await this.registry.metrics();
  }

  #seatGauges(registers: Registry[]): void {
    const { pool, log } = this.deps;
    // One statement for every organization, grouped: the seat pool has one row per seat (claimed when user_id is set).
    const read = cached(SNAPSHOT_TTL_MS, async () => {
      const { rows } = await pool.query<{ slug: string; seat_limit: number; used: number }>(
        `select o.slug, o.seat_limit, count(s.user_id)::int as used
           from organization o left join seat s on s.organization_id = o.id and s.user_id is not null
          group by o.id`,
      );
      return rows;
    });
    const collect = (pick: (row: { seat_limit: number; used: number }) => number) =>
      async function (this: Gauge<'organization'>) {
        this.reset();
        try {
          for (const row of await read()) this.set({ organization: row.slug }, pick(row));
        } catch (error) {
          // The scrape still answers; the series are missing from it (alert on absent() if that matters).
          log.warn({ err: error }, 'metrics: seat usage could not be read');
        }
      };
    new Gauge({ name: 'cardbridge_seats_used', help: 'Seats held by users, per organization (slug).', labelNames: ['organization'], registers, collect: collect((r) => r.used) });
    new Gauge({ name: 'cardbridge_seats_limit', help: 'Seat limit of each organization (slug).', labelNames: ['organization'], registers, collect: collect((r) => r.seat_limit) });
  }

  #jobGauges(registers: Registry[]): void {
    const watched = () => this.#jobQueues;
    const { log } = this.deps;
    const gauge = (name: string, help: string, pick: (counts: JobQueueCounts) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['queue'],
        registers,
        async collect() {
          this.reset();
          const queues = watched();
          if (!queues) return;
          try {
            const counts = new Map((await queues.read()).map((c) => [c.queue, c]));
            for (const queue of queues.names) this.set({ queue }, pick(counts.get(queue) ?? { queue, queued: 0, active: 0, dead: 0 }));
          } catch (error) {
            log.warn({ err: error }, 'metrics: job queues could not be read');
          }
        },
      });
    gauge('cardbridge_jobs_queue_depth', 'Jobs waiting to run (new, or waiting for a retry), by queue.', (c) => c.queued);
    gauge('cardbridge_jobs_active', 'Jobs running now, by queue.', (c) => c.active);
    gauge('cardbridge_jobs_dead', 'Jobs that failed on every attempt and are kept for inspection, by queue.', (c) => c.dead);
  }
}
