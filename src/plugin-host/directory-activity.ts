/**
 * Internal: when each directory last sent a request cardbridge authenticated (a directory's `lastSyncAt`),
 * written debounced outside every request's transaction.
 */
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { isConnectionError } from '../db/sql/run.js';

const DEADLOCK = '40P01';

/**
 * Remembers the latest authenticated request per directory and writes `directory.last_request_at` with one
 * statement: at once when nothing was written for `intervalMs` (so a directory's first request after a pause
 * shows without delay), otherwise at most once per `intervalMs`. A request never waits on, or writes, the shared
 * directory row itself (a row written by every request would serialize them). Background jobs never call this,
 * so photo sync or invite e-mails do not make a silent directory look alive.
 */
export class DirectoryActivity {
  #pending = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #nextWriteAt = 0;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
    private readonly intervalMs = 2_000,
  ) {}

  /** Notes an authenticated request of `directoryId` now. Never throws, never waits. */
  saw(directoryId: string, now = Date.now()): void {
    const seen = this.#pending.get(directoryId);
    if (seen === undefined || seen < now) this.#pending.set(directoryId, now);
    this.#timer ??= setTimeout(() => void this.flush(), Math.max(0, this.#nextWriteAt - performance.now())).unref();
  }

  /** Writes what is pending; resolves when written (or kept for the next try). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#nextWriteAt = performance.now() + this.intervalMs;
    const batch = [...this.#pending].sort(([a], [b]) => (a < b ? -1 : 1));
    this.#pending = new Map();
    if (batch.length) this.#flushing = this.#flushing.then(() => this.#write(batch));
    await this.#flushing;
  }

  async #write(batch: [string, number][]): Promise<void> {
    try {
      // Rows in id order on every instance, and only forward: instances racing on one directory keep the latest.
      await this.pool.query(
        `update directory d set last_request_at = x.at
         from (select * from unnest($1::uuid[], $2::timestamptz[]) as u(id, at) order by u.id) x
         where d.id = x.id and (d.last_request_at is null or d.last_request_at < x.at)`,
        [batch.map(([id]) => id), batch.map(([, at]) => new Date(at))],
      );
    } catch (error) {
      const retry = isConnectionError(error) || (error as { code?: string }).code === DEADLOCK;
      if (!retry) {
        this.log.error({ err: error, directories: batch.length }, 'could not record when directories last sent a request; dropped');
        return;
      }
      this.log.warn({ err: error, directories: batch.length }, 'could not record when directories last sent a request; will retry');
      for (const [id, at] of batch) if ((this.#pending.get(id) ?? 0) < at) this.#pending.set(id, at);
      this.#timer ??= setTimeout(() => void this.flush(), 2_000).unref();
    }
  }
}
