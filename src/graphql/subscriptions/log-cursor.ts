/**
 * Internal: where one organization's live provisioning log stands, and how far back a read must look.
 *
 * Why not simply `id > highest id delivered`: ids come from a sequence when a row is inserted, rows become visible
 * when their transaction commits, and transactions commit in any order. Under parallel requests a write that drew
 * id 41 can commit after the write that drew 42 was read and delivered; a plain `id > 42` would lose 41 for good.
 *
 * So a read tolerates lateness in time, not in a count of ids: it starts after the highest id delivered *as it
 * stood `lagMs` ago* (a row drawn after that moment has a larger id than anything delivered then, so it is inside
 * the window however many rows other organizations wrote meanwhile) and leaves out the ids it already delivered
 * since. The delivered ids are kept only above the oldest bound any read still uses (the longest lag), so the set
 * is bounded by the organization's event rate times that lag, and capped. A row is delivered exactly once when some
 * read with a lag covering its lateness (time from drawing its id to commit, plus the signal's delay) follows its
 * commit. The feed reads with a short lag on every signal and sweeps with a long one (beyond the statement
 * timeout) while the organization is active; a row later than that is not delivered live (it is in the log).
 *
 * The alternative considered, a fixed `id > cursor - 500`, ties the tolerance to the whole cluster's write rate
 * (500 ids are 0.5 s at 1,000 events/s and an hour on a quiet day) and re-reads 500 rows per signal regardless.
 */
export class LogCursor {
  #high: bigint;
  /** The highest id delivered over time, oldest first; the first entry is the floor no read goes below. */
  readonly #marks: { at: number; high: bigint }[];
  readonly #delivered = new Set<bigint>();

  /**
   * @param start the log's end when the first subscriber came (nothing up to it is delivered)
   * @param keepMs the longest lag any read uses
   */
  constructor(
    start: bigint,
    now: number,
    private readonly keepMs: number,
    private readonly maxDelivered = 50_000,
  ) {
    this.#high = start;
    this.#marks = [{ at: now, high: start }];
  }

  /** The exclusive lower bound of a read that catches commits up to `lagMs` late, and the ids above it already delivered. */
  window(lagMs: number, now: number): { after: string; delivered: string[] } {
    let after = this.#marks[0]!.high;
    for (const mark of this.#marks) {
      if (mark.at > now - lagMs) break;
      after = mark.high;
    }
    const delivered: string[] = [];
    for (const id of this.#delivered) if (id > after) delivered.push(id.toString());
    return { after: after.toString(), delivered };
  }

  /** True (and remembered) the first time an id is offered; false for a repeat or an id at or below the floor. */
  accept(id: string): boolean {
    const value = BigInt(id);
    if (value <= this.#marks[0]!.high || this.#delivered.has(value)) return false;
    this.#delivered.add(value);
    if (value > this.#high) this.#high = value;
    return true;
  }

  /** Notes where the log stands after a read; forgets marks and ids that no read reaches any more. */
  mark(now: number): void {
    if (this.#marks.at(-1)!.high !== this.#high) this.#marks.push({ at: now, high: this.#high });
    // Keep the newest mark older than the longest lag (a read's bound) and everything after it.
    let first = 0;
    while (first + 1 < this.#marks.length && this.#marks[first + 1]!.at <= now - this.keepMs) first++;
    // A burst beyond the cap shortens the tolerance instead of growing memory.
    while (this.#delivered.size > this.maxDelivered && first + 1 < this.#marks.length) {
      first++;
      this.#forgetUpTo(this.#marks[first]!.high);
    }
    if (first) {
      this.#marks.splice(0, first);
      this.#forgetUpTo(this.#marks[0]!.high);
    }
  }

  #forgetUpTo(floor: bigint): void {
    for (const id of this.#delivered) if (id <= floor) this.#delivered.delete(id);
  }

  /** Ids remembered for de-duplication (for tests and diagnostics). */
  get remembered(): number {
    return this.#delivered.size;
  }
}
