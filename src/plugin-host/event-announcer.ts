/** Internal: the debounced "new provisioning events" signal of the live log, sent outside every write transaction. */
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { announceEvents } from '../domain/provisioning-log/live-log.js';

/** PostgreSQL refuses payloads of 8000 bytes or more; organization ids are ASCII, so characters are bytes. */
const MAX_PAYLOAD = 7_900;

/** Comma-separated payloads, each below PostgreSQL's limit. */
export function announcementPayloads(organizationIds: Iterable<string>): string[] {
  const payloads: string[] = [];
  let current = '';
  for (const id of organizationIds) {
    if (current && current.length + 1 + id.length > MAX_PAYLOAD) {
      payloads.push(current);
      current = '';
    }
    current = current ? `${current},${id}` : id;
  }
  if (current) payloads.push(current);
  return payloads;
}

/**
 * Collects the organizations that have new provisioning events (committed by this instance) and tells every
 * instance with one `pg_notify` statement at most every `intervalMs`: the first announcement after a quiet spell
 * goes out at once, a burst is coalesced into one statement per interval. The statement runs on its own, never in
 * a write's transaction — NOTIFY takes a cluster-wide lock at commit (BENCHMARKS.md finding 7). A lost signal
 * (database briefly down) only delays delivery: subscribers read by cursor and catch up at the next signal.
 */
export class EventAnnouncer {
  readonly #pending = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pick<Pool, 'query'>,
    private readonly log: Logger,
    private readonly intervalMs = 150,
  ) {}

  /** Call after the transaction that wrote the organization's events committed. */
  announce(organizationId: string): void {
    this.#pending.add(organizationId);
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastSentAt + this.intervalMs - performance.now());
    this.#timer = setTimeout(() => void this.#send(), wait);
    this.#timer.unref();
  }

  /** Sends what is pending now (shutdown); resolves when every signal so far was sent or given up. */
  async flush(): Promise<void> {
    await this.#send();
  }

  #send(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#pending.size) return this.#sending;
    const payloads = announcementPayloads(this.#pending);
    this.#pending.clear();
    this.#lastSentAt = performance.now();
    this.#sending = this.#sending.then(() => this.#notify(payloads));
    return this.#sending;
  }

  async #notify(payloads: string[]): Promise<void> {
    try {
      await announceEvents(this.pool, payloads);
    } catch (error) {
      this.log.warn({ err: error, payloads: payloads.length }, 'could not announce new provisioning events; live subscribers catch up at the next signal');
    }
  }
}
