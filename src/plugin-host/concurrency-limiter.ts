/**
 * Internal: requests of one key (a directory) in progress at once (issue 11), across instances (issue 14): each
 * instance admits its share, max ÷ live instances rounded down (at least 1), so the directory's total never exceeds
 * `max` while `max` ≥ the number of instances. Entra's provisioning
 * service and Okta send a handful of requests in parallel per app; a directory far above that is a runaway client
 * or a leaked token, and without a bound it could hold every database connection and the whole body budget.
 */
/** The release of a slot taken without a limit: nothing to give back, so one function serves every request. */
const NO_LIMIT_RELEASE = (): void => {};

export class ConcurrencyLimiter {
  readonly #active = new Map<string, number>();

  /** `max` 0 means no limit; `instances` counts the live instances sharing it (ClusterInstances). */
  constructor(
    readonly max: number,
    private readonly instances: () => number = () => 1,
  ) {}

  /** What this instance admits per key now. */
  share(): number {
    return Math.max(1, Math.floor(this.max / Math.max(1, this.instances())));
  }

  /** Takes a slot for `key`; returns its release (idempotent), or undefined when `max` are in progress. */
  tryAcquire(key: string): (() => void) | undefined {
    if (this.max <= 0) return NO_LIMIT_RELEASE;
    const active = this.#active.get(key) ?? 0;
    if (active >= this.share()) return undefined;
    this.#active.set(key, active + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#active.get(key) ?? 1) - 1;
      if (left > 0) this.#active.set(key, left);
      else this.#active.delete(key);
    };
  }

  /** Requests of `key` in progress now. */
  activeFor(key: string): number {
    return this.#active.get(key) ?? 0;
  }
}
