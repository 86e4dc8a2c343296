/**
 * Internal (not for plugins): the values of one multi-valued attribute (RFC 7643 §2.4), indexed by what makes two
 * values "the same", so that `add` (de-duplicating) and `remove` with a value list cost O(values) instead of a scan
 * of the attribute per value. One set stays open across consecutive operations of a PATCH on its attribute and is
 * written back once: a request of many small `add`s to one attribute is linear, not quadratic.
 */
import { subAttributeOf, type AttributeDefinition } from '../schema/attribute.js';
import { isObject } from '../values.js';
import { asArray, pruneAttribute, type Doc } from './elements.js';

/**
 * A text that is equal for two values exactly when `deepEqual` says they are: key order does not matter, types do
 * (`5` and `"5"` differ), and an own key holding `undefined` is still a key.
 */
export function canonicalKey(value: unknown): string {
  if (value === undefined) return 'u';
  if (value === null) return 'z';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return `d${String(value)}`;
    case 'boolean':
      return value ? 'T' : 'F';
    case 'object':
      if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
      return `{${Object.keys(value)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalKey((value as Record<string, unknown>)[key])}`)
        .join(',')}}`;
    default:
      return `?${String(value)}`;
  }
}

/**
 * The key of one element, equal for two elements exactly when `sameElement` holds: complex elements with a
 * `value` compare on it (case-insensitively unless `value` is caseExact), everything else structurally.
 */
function elementKey(definition: AttributeDefinition, valueDef: AttributeDefinition | undefined, element: unknown): string {
  if (valueDef && definition.type === 'complex' && isObject(element) && element.value !== undefined) {
    const value = element.value;
    if (typeof value === 'string') return `S${valueDef.caseExact ? value : value.toLowerCase()}`;
    return `V${canonicalKey(value)}`;
  }
  return `D${canonicalKey(element)}`;
}

/** Inserts `n` into an ascending array of positions. */
function insertSorted(positions: number[], n: number): void {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid]! < n) lo = mid + 1;
    else hi = mid;
  }
  positions.splice(lo, 0, n);
}

export class ValueSet {
  readonly #definition: AttributeDefinition;
  readonly #valueDef: AttributeDefinition | undefined;
  /** Elements in order; removed ones stay until {@link ValueSet.close} and are skipped. */
  readonly #list: unknown[];
  readonly #alive: boolean[];
  readonly #keyAt: string[];
  /** Live positions per key, ascending: the first is the element `list.find(sameElement)` would return. */
  readonly #byKey = new Map<string, number[]>();
  /** Live positions whose element says `primary: true`. */
  readonly #primaries = new Set<number>();
  #size = 0;

  constructor(
    readonly container: Doc,
    readonly attribute: string,
    definition: AttributeDefinition,
  ) {
    this.#definition = definition;
    this.#valueDef = subAttributeOf(definition, 'value');
    this.#list = [...asArray(container[attribute])];
    // Keep the attribute where a write would have put it, so the document's key order is what it always was.
    container[attribute] ??= this.#list;
    this.#alive = this.#list.map(() => true);
    this.#keyAt = this.#list.map((element) => this.#keyOf(element));
    this.#list.forEach((element, position) => {
      const positions = this.#byKey.get(this.#keyAt[position]!);
      if (positions) positions.push(position);
      else this.#byKey.set(this.#keyAt[position]!, [position]);
      if (isObject(element) && element.primary === true) this.#primaries.add(position);
    });
    this.#size = this.#list.length;
  }

  #keyOf(element: unknown): string {
    return elementKey(this.#definition, this.#valueDef, element);
  }

  /** How many values the attribute holds now (0: it would be unassigned). */
  get size(): number {
    return this.#size;
  }

  #notePrimary(position: number): void {
    const element = this.#list[position];
    if (isObject(element) && element.primary === true) this.#primaries.add(position);
    else this.#primaries.delete(position);
  }

  /** A structurally keyed element changed (its `primary` was cleared): file it under its new key. */
  #rekey(position: number): void {
    const before = this.#keyAt[position]!;
    const after = this.#keyOf(this.#list[position]);
    if (before === after) return;
    const old = this.#byKey.get(before)!;
    old.splice(old.indexOf(position), 1);
    if (old.length === 0) this.#byKey.delete(before);
    const positions = this.#byKey.get(after);
    if (positions) insertSorted(positions, position);
    else this.#byKey.set(after, [position]);
    this.#keyAt[position] = after;
  }

  /**
   * RFC 7644 §3.5.2.1: add appends values; a value already present is updated in place instead of repeated. The
   * value marked primary last keeps it, every other element loses it (RFC 7643 §2.4).
   */
  add(values: readonly unknown[]): void {
    const touched: number[] = [];
    for (const value of values) {
      const key = this.#keyOf(value);
      const existing = this.#byKey.get(key)?.[0];
      if (existing === undefined) {
        const position = this.#list.push(value) - 1;
        this.#alive.push(true);
        this.#keyAt.push(key);
        this.#byKey.set(key, [position]);
        this.#size += 1;
        this.#notePrimary(position);
        touched.push(position);
      } else {
        const element = this.#list[existing];
        if (isObject(element) && isObject(value)) {
          Object.assign(element, value);
          this.#notePrimary(existing);
          touched.push(existing);
        }
      }
    }
    const keep = touched.findLast((position) => this.#primaries.has(position));
    if (keep === undefined) return;
    for (const position of [...this.#primaries]) {
      if (position === keep) continue;
      (this.#list[position] as Doc).primary = false;
      this.#primaries.delete(position);
      if (this.#keyAt[position]!.startsWith('D')) this.#rekey(position);
    }
  }

  /** Removes every element that is the same value as one of `values`. */
  remove(values: readonly unknown[]): void {
    for (const value of values) {
      const key = this.#keyOf(value);
      const positions = this.#byKey.get(key);
      if (!positions) continue;
      for (const position of positions) {
        this.#alive[position] = false;
        this.#primaries.delete(position);
      }
      this.#size -= positions.length;
      this.#byKey.delete(key);
    }
  }

  /** Writes the values back into the container (dropping unassigned ones, RFC 7643 §2.5). */
  close(): void {
    this.container[this.attribute] = this.#list.filter((_, position) => this.#alive[position]);
    pruneAttribute(this.container, this.attribute);
  }
}
