/**
 * Internal: how many cardbridge instances share the database now, so per-directory limits hold for the directory
 * across instances instead of per instance (issue 14). Each instance announces itself with a NOTIFY on
 * `cardbridge_instance` every second and hears the others on its LISTEN connection; an instance not heard for
 * three heartbeats is gone, and one that stops says so at once. No table, no row written per request: the limits
 * stay in memory and each instance enforces its share (limit ÷ live instances), which holds in aggregate when the
 * load balancer spreads a directory's requests over the instances (docs/operations.md, "Running several instances").
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Logger } from 'pino';

export const INSTANCE_CHANNEL = 'cardbridge_instance';
const HEARTBEAT_MS = 1_000;
/** Three missed heartbeats: an instance that crashed stops counting within about 3 s. */
const EXPIRE_MS = 3 * HEARTBEAT_MS;
const BYE = 'bye:';

export class ClusterInstances {
  readonly id = randomUUID();
  /** Other instances by id, with when (performance.now) each was last heard. */
  readonly #others = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
  ) {}

  /** Live instances including this one (at least 1; 1 while notifications are not flowing). */
  count(now = performance.now()): number {
    let live = 1;
    for (const [id, seenAt] of this.#others) {
      if (now - seenAt <= EXPIRE_MS) live++;
      else this.#others.delete(id);
    }
    return live;
  }

  /** A notification on {@link INSTANCE_CHANNEL}: another instance's heartbeat or goodbye (our own are ignored). */
  heard(payload: string): void {
    if (payload.startsWith(BYE)) this.#others.delete(payload.slice(BYE.length));
    else if (payload !== this.id && payload.length <= 64) this.#others.set(payload, performance.now());
  }

  /** Starts the heartbeat (the first one at once, so the others count this instance within a round trip). */
  start(): void {
    const beat = () =>
      this.pool.query('select pg_notify($1, $2)', [INSTANCE_CHANNEL, this.id]).catch((error: unknown) => {
        // The database is down: the others stop counting us after EXPIRE_MS, which only makes their shares larger.
        this.log.debug({ err: error }, 'instance heartbeat failed');
      });
    void beat();
    this.#timer = setInterval(beat, HEARTBEAT_MS);
    this.#timer.unref();
  }

  /** Stops the heartbeat and tells the others at once, so their shares grow back without waiting for expiry. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.pool.query('select pg_notify($1, $2)', [INSTANCE_CHANNEL, BYE + this.id]).catch(() => {});
  }
}
