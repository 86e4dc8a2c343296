/**
 * Internal: the live provisioning log. Every instance LISTENs on PostgreSQL's `cardbridge_events` channel, whose
 * notifications are only signals ("organization X has new events", debounced by each writer, sent after commit and
 * never inside a write's transaction). On a signal for an organization with live subscribers the feed reads that
 * organization's new rows once, by cursor, and hands them to every subscriber; so a subscriber sees events written
 * by any instance, and a lost or merged signal only delays delivery until the next one.
 */
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { NotificationListener } from '../../db/notifications.js';
import { DomainError } from '../../domain/errors.js';
import { EVENTS_CHANNEL } from '../../domain/provisioning-log/live-log.js';
import { findProvisioningEventsAfter, latestProvisioningEventId, type ProvisioningEventView } from '../../domain/provisioning-log/provisioning-events.queries.js';
import { LogCursor } from './log-cursor.js';
import { createPushIterator, type PushIterator } from './push-iterator.js';

/** Read on every signal: catches commits up to this late (parallel writes commit a few ms out of id order). */
const RECENT_LAG_MS = 2_000;
/** Swept every SWEEP_MS while an organization is active: beyond the 30 s statement timeout plus a sweep interval. */
const LATE_LAG_MS = 40_000;
const SWEEP_MS = 5_000;
/** Rows per read statement; a bigger backlog is read in several. */
const READ_LIMIT = 500;
const ORGANIZATION_IDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

interface Subscriber {
  directoryId?: string;
  iterator: PushIterator<ProvisioningEventView>;
}

/** The live state of one organization with subscribers on this instance. */
interface LiveOrganization {
  readonly id: string;
  readonly subscribers: Set<Subscriber>;
  /** Resolves once the cursor stands at the log's end as of the first subscriber. */
  readonly ready: Promise<LogCursor>;
  /** The longest lag a pending read asked for; the read loop runs while one is pending. */
  wanted?: number;
  reading: boolean;
  sweep?: NodeJS.Timeout;
  lastSignalAt: number;
}

/** Fans signals out to the subscribers of an organization; reads each organization's new events once per signal. */
export class ProvisioningEventFeed {
  readonly #organizations = new Map<string, LiveOrganization>();
  readonly #listener: NotificationListener;

  constructor(
    databaseUrl: string,
    private readonly pool: Pool,
    private readonly log: Logger,
  ) {
    this.#listener = new NotificationListener(
      databaseUrl,
      [EVENTS_CHANNEL],
      (_channel, payload) => this.#signal(payload),
      log,
      // Signals sent while the connection was down are lost: read every live organization once it is back.
      (listening) => listening && this.#organizations.forEach((org) => this.#read(org, LATE_LAG_MS)),
    );
  }

  async start(): Promise<void> {
    await this.#listener.start();
  }

  async stop(): Promise<void> {
    for (const org of [...this.#organizations.values()]) for (const s of [...org.subscribers]) await s.iterator.return?.();
    await this.#listener.stop();
  }

  /**
   * Events of one organization (optionally one directory) committed from now on, until the consumer stops. Resolves
   * once the organization's cursor stands at the log's end (the first subscriber of an organization waits for one
   * primary-key probe): every event committed after that is delivered, each once.
   */
  async subscribe(organizationId: string, directoryId?: string): Promise<AsyncIterableIterator<ProvisioningEventView>> {
    let org = this.#organizations.get(organizationId);
    if (!org) {
      const ready = latestProvisioningEventId(this.pool).then((id) => new LogCursor(BigInt(id), performance.now(), LATE_LAG_MS));
      org = { id: organizationId, subscribers: new Set(), ready, reading: false, lastSignalAt: Number.NEGATIVE_INFINITY };
      this.#organizations.set(organizationId, org);
    }
    const live = org;
    const subscriber: Subscriber = {
      directoryId,
      iterator: createPushIterator(() => {
        live.subscribers.delete(subscriber);
        if (live.subscribers.size || this.#organizations.get(organizationId) !== live) return;
        clearTimeout(live.sweep);
        this.#organizations.delete(organizationId);
      }),
    };
    live.subscribers.add(subscriber);
    try {
      await live.ready;
    } catch (error) {
      this.log.warn({ err: error }, 'could not start a live provisioning log');
      await subscriber.iterator.return?.();
      if (this.#organizations.get(organizationId) === live) this.#organizations.delete(organizationId);
      throw new DomainError('UNAVAILABLE', 'the live provisioning log is unavailable; retry later', { retryAfterSeconds: 2 });
    }
    return subscriber.iterator;
  }

  /** A payload lists organization ids (any text around them is ignored, so older payload shapes still work). */
  #signal(payload: string): void {
    for (const [organizationId] of payload.matchAll(ORGANIZATION_IDS)) {
      const org = this.#organizations.get(organizationId.toLowerCase());
      if (!org) continue;
      org.lastSignalAt = performance.now();
      this.#read(org, RECENT_LAG_MS);
      org.sweep ??= this.#armSweep(org);
    }
  }

  /** While the organization is active, sweeps for rows that committed later than the signal's read could see. */
  #armSweep(org: LiveOrganization): NodeJS.Timeout {
    const timer = setTimeout(() => {
      org.sweep = undefined;
      if (!org.subscribers.size) return;
      this.#read(org, LATE_LAG_MS);
      if (performance.now() - org.lastSignalAt < LATE_LAG_MS) org.sweep = this.#armSweep(org);
    }, SWEEP_MS);
    timer.unref();
    return timer;
  }

  /** Runs one read loop per organization at a time; signals during a read merge into one more read. */
  #read(org: LiveOrganization, lagMs: number): void {
    org.wanted = Math.max(org.wanted ?? 0, lagMs);
    if (org.reading) return;
    org.reading = true;
    void (async () => {
      while (org.wanted !== undefined && org.subscribers.size) {
        const lag = org.wanted;
        org.wanted = undefined;
        try {
          await this.#readOnce(org, lag);
        } catch (error) {
          this.log.warn({ err: error }, 'could not load provisioning events for live subscribers');
        }
      }
      org.wanted = undefined;
      org.reading = false;
    })();
  }

  async #readOnce(org: LiveOrganization, lagMs: number): Promise<void> {
    const cursor = await org.ready;
    for (;;) {
      const { after, delivered } = cursor.window(lagMs, performance.now());
      const events = await findProvisioningEventsAfter(this.pool, org.id, after, delivered, READ_LIMIT);
      for (const event of events) {
        if (!cursor.accept(event.id)) continue;
        for (const s of org.subscribers) if (!s.directoryId || s.directoryId === event.directoryId) s.iterator.push(event);
      }
      cursor.mark(performance.now());
      if (events.length < READ_LIMIT) return;
    }
  }
}
