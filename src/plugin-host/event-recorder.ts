/** Internal: writes provisioning events for reads and failures in batches, off the request path. */
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { isConnectionError } from '../db/sql/run.js';
import { insertRequestEvents, type RequestEvent } from '../domain/provisioning-log/request-events.js';
import { DirectoryActivity } from './directory-activity.js';
import { EventAnnouncer } from './event-announcer.js';
import { RefusalCounter, type RefusalReason } from './refused-requests.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A NUL or any surrogate: only text with one of them can need {@link storable}'s replacements. */
const SUSPECT = /[\0\uD800-\uDFFF]/;

/** Text PostgreSQL stores as given: NUL and lone surrogates become U+FFFD. */
function storable(text: string): string {
  return text.replaceAll('\0', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

/** Whether an event's text needs {@link storable} (most events do not: no copy of them, no replacement). */
function needsStoring(event: PendingEvent): boolean {
  return SUSPECT.test(event.path) || (event.detail !== undefined && event.detail !== null && SUSPECT.test(event.detail)) || (typeof event.resourceId === 'string' && SUSPECT.test(event.resourceId));
}

/** A request's event waiting for its batch. */
export type PendingEvent = RequestEvent;

/**
 * Buffers events and inserts them with one statement (the provisioning log's insertRequestEvents) every `intervalMs` or `maxBatch` events.
 * Writes of users and groups record their event in their own transaction instead, so an acknowledged change
 * always has its log entry; what this buffer may lose in a crash is the log of reads and refusals.
 *
 * Either way the live log learns of new events through {@link EventRecorder.announce}, after commit: the batch
 * insert announces its organizations itself, the SCIM error edge announces a write's organization once the
 * write's transaction committed. No insert notifies (BENCHMARKS.md finding 7).
 */
export class EventRecorder {
  #buffer: PendingEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  readonly #announcer: EventAnnouncer;
  readonly #refusals: RefusalCounter;
  readonly #activity: DirectoryActivity;

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
    private readonly options = { intervalMs: 200, maxBatch: 500, maxBuffered: 50_000, announceIntervalMs: 150 },
  ) {
    this.#announcer = new EventAnnouncer(pool, log, options.announceIntervalMs);
    this.#refusals = new RefusalCounter(pool, log);
    this.#activity = new DirectoryActivity(pool, log);
  }

  /**
   * Counts a request under `directoryId`'s Tenant URL that was refused before it was served (401, 403 disabled,
   * 429, 503 overload): aggregated per minute and reason, written every few seconds, only for directories that
   * exist. Call it where the refusal is decided, with the id from the path; it never throws or waits.
   */
  refused(directoryId: string, status: number, reason: RefusalReason): void {
    this.#refusals.add(directoryId, status, reason);
  }

  /** The directory sent a request its token authenticated: moves its `lastSyncAt` (debounced). */
  sawDirectory(directoryId: string): void {
    this.#activity.saw(directoryId);
  }

  /** Tells live subscribers (on every instance, debounced) that the organization has new committed events. */
  announce(organizationId: string): void {
    this.#announcer.announce(organizationId);
  }

  /** Buffers a request's event; the object is kept as given (the caller hands over a fresh one and keeps no hold on it). */
  record(event: PendingEvent): void {
    if (this.#buffer.length >= this.options.maxBuffered) return;
    // PostgreSQL text cannot hold NUL, and its json type refuses a lone surrogate: a detail, path or resource id that
    // quotes a hostile value must not poison the batch.
    this.#buffer.push(needsStoring(event) ? { ...event, detail: event.detail && storable(event.detail), path: storable(event.path), resourceId: event.resourceId && storable(event.resourceId) } : event);
    if (this.#buffer.length >= this.options.maxBatch) void this.#flushEvents();
    else this.#timer ??= setTimeout(() => void this.#flushEvents(), this.options.intervalMs).unref();
  }

  /**
   * Writes everything buffered now (events, refusal counts, directories' last requests) and sends pending
   * announcements; resolves when written (or given up after a failure, kept for the next try) and announced.
   */
  async flush(): Promise<void> {
    await Promise.all([this.#flushEvents(), this.#refusals.flush(), this.#activity.flush()]);
  }

  async #flushEvents(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#buffer.splice(0, this.#buffer.length);
    if (batch.length) this.#flushing = this.#flushing.then(() => this.#write(batch));
    await this.#flushing;
    await this.#announcer.flush();
  }

  async #write(batch: PendingEvent[]): Promise<void> {
    try {
      await insertRequestEvents(this.pool, batch);
      for (const organizationId of new Set(batch.map((e) => e.organizationId))) this.#announcer.announce(organizationId);
    } catch (error) {
      if (!isConnectionError(error)) {
        // Not an outage: retrying would block every later event behind this batch. Drop it, loudly.
        this.log.error({ err: error, events: batch.length }, 'provisioning events refused by the database; dropped');
        return;
      }
      // The database is down: keep the events (up to ten minutes old) for one more try.
      this.log.warn({ err: error, events: batch.length }, 'could not write provisioning events; will retry');
      if (this.#buffer.length + batch.length <= this.options.maxBuffered) {
        this.#buffer.unshift(...batch.filter((e) => Date.now() - e.occurredAt.getTime() < 10 * 60_000));
        this.#timer ??= setTimeout(() => void this.#flushEvents(), 2_000).unref();
      }
    }
  }
}
