import type { PgBoss } from 'pg-boss';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { pendingInviteUserIds } from '../domain/cards/invites.service.js';
import { usersDueForPhotoSync } from '../domain/cards/photos.service.js';
import { enqueueUsers, INVITE_EMAIL_QUEUE, PHOTO_SYNC_QUEUE } from './queues.js';

/** Users re-queued per queue and pass; a backlog larger than this drains over several passes. */
const SWEEP_BATCH = 500;

/**
 * The durability half of the job queue. Domain events are emitted after commit and live in memory, so a crash
 * between a commit and its `send` would lose the job; the database still says what is owed (invite_status
 * 'pending', a photo never or long ago synced). Each pass queues those users again; the queues' exclusive
 * policy drops users whose job is already queued or running, so every instance may sweep at once.
 */
export class Sweeper {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly boss: PgBoss,
    private readonly pool: Pool,
    private readonly log: Logger,
    private readonly intervalSeconds: number,
  ) {}

  /** Runs a pass now, then every interval. */
  start(): void {
    void this.sweep();
    this.#timer = setInterval(() => void this.sweep(), this.intervalSeconds * 1000);
    this.#timer.unref();
  }

  /** One pass (passes never overlap). Failures are logged; the next pass tries again. */
  sweep(): Promise<void> {
    this.#running = this.#running.then(() => this.#pass());
    return this.#running;
  }

  /** Stops the timer and waits for a pass in flight. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  async #pass(): Promise<void> {
    try {
      const invites = await pendingInviteUserIds(this.pool, SWEEP_BATCH);
      await enqueueUsers(this.boss, INVITE_EMAIL_QUEUE, invites);
      const photos = await usersDueForPhotoSync(this.pool, SWEEP_BATCH);
      await enqueueUsers(this.boss, PHOTO_SYNC_QUEUE, photos);
      if (invites.length || photos.length) this.log.debug({ invites: invites.length, photos: photos.length }, 'sweep queued owed jobs');
    } catch (err) {
      this.log.warn({ err }, 'job sweep failed; retrying on the next pass');
    }
  }
}
