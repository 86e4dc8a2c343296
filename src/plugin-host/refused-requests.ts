/**
 * Internal: requests refused before a directory's request was served (bad or missing token, disabled directory,
 * rate limit, overload), counted per directory, minute and reason, so the admin's provisioning log shows them
 * without a flood of refusals becoming a flood of rows.
 */
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { isUuid } from '../domain/ids.js';
import { isConnectionError } from '../db/sql/run.js';
import { addRefusedCounts, type RefusedCount } from '../domain/provisioning-log/refused-requests.js';

/** Why a request under a directory's Tenant URL was refused. */
export type RefusalReason =
  /** 401: no `Authorization: Bearer …`. */
  | 'missing-token'
  /** 401: a token that is not this directory's (wrong, rotated out, expired, another directory's). */
  | 'invalid-token'
  /** 401: an OAuth access token (a JWT) the directory does not accept: no OAuth settings, wrong tenant, audience or signature. */
  | 'oauth-token-refused'
  /** 401: the directory's own token under another provider's path (`/scim/okta/<an Entra directory>`). */
  | 'wrong-provider'
  /** 401: the directory's Secret Token while the directory accepts only OAuth tokens (`oauth.refuseStaticToken`). */
  | 'static-token-refused'
  /** 403: the directory is disabled. */
  | 'directory-disabled'
  /** 429: the directory's request rate (its `rateLimitPerSecond`, else SCIM_RATE_LIMIT_PER_SECOND). */
  | 'rate-limited'
  /** 429: too many of the directory's requests in flight at once. */
  | 'concurrency-limit'
  /** 503: the instance's budget for request bodies in flight is used up. */
  | 'body-budget';

interface Bucket extends RefusedCount {
  reason: RefusalReason;
}

function keyOf(b: Pick<Bucket, 'directoryId' | 'minute' | 'reason' | 'status'>): string {
  return `${b.directoryId} ${b.minute} ${b.reason} ${b.status}`;
}

/**
 * Counts refusals in memory per (directory, minute, reason, status) and adds the counts every `intervalMs` with one
 * statement (the provisioning log's addRefusedCounts). Rows are bounded by directories × reasons × minutes,
 * whatever the request rate; the buffer by `maxKeys`. Only directories that exist get rows: the statement joins
 * `directory`, so a made-up id in a path writes nothing (and a non-UUID never reaches the buffer).
 */
export class RefusalCounter {
  #buckets = new Map<string, Bucket>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #dropped = 0;

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
    private readonly options = { intervalMs: 2_000, maxKeys: 10_000 },
  ) {}

  /** Counts one refused request of `directoryId` (the id in the request's path). Never throws, never waits. */
  add(directoryId: string, status: number, reason: RefusalReason, now = Date.now()): void {
    if (!isUuid(directoryId)) return;
    const id = directoryId.toLowerCase();
    const minute = now - (now % 60_000);
    const key = keyOf({ directoryId: id, minute, reason, status });
    const bucket = this.#buckets.get(key);
    if (bucket) {
      bucket.count++;
      bucket.lastAt = Math.max(bucket.lastAt, now);
    } else if (this.#buckets.size >= this.options.maxKeys) {
      // A flood of distinct made-up directory ids: most would be discarded by the join anyway.
      this.#dropped++;
      return;
    } else {
      this.#buckets.set(key, { directoryId: id, minute, reason, status, count: 1, lastAt: now });
    }
    this.#timer ??= setTimeout(() => void this.flush(), this.options.intervalMs).unref();
  }

  /** Writes the counts gathered so far; resolves when written (or kept for a retry while the database is down). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#dropped) {
      this.log.warn({ dropped: this.#dropped }, 'refused requests not counted: too many distinct directory ids at once');
      this.#dropped = 0;
    }
    const batch = [...this.#buckets.values()];
    this.#buckets = new Map();
    if (batch.length) this.#flushing = this.#flushing.then(() => this.#write(batch));
    await this.#flushing;
  }

  async #write(batch: Bucket[]): Promise<void> {
    // One order on every instance, so two instances upserting the same rows wait for each other, never deadlock.
    batch.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    try {
      await addRefusedCounts(this.pool, batch);
    } catch (error) {
      if (!isConnectionError(error)) {
        this.log.error({ err: error, buckets: batch.length }, 'refused-request counts refused by the database; dropped');
        return;
      }
      this.log.warn({ err: error, buckets: batch.length }, 'could not write refused-request counts; will retry');
      for (const bucket of batch) {
        if (Date.now() - bucket.lastAt > 10 * 60_000) continue;
        const key = keyOf(bucket);
        const current = this.#buckets.get(key);
        if (current) {
          current.count += bucket.count;
          current.lastAt = Math.max(current.lastAt, bucket.lastAt);
        } else if (this.#buckets.size < this.options.maxKeys) this.#buckets.set(key, bucket);
      }
      this.#timer ??= setTimeout(() => void this.flush(), 2_000).unref();
    }
  }
}
