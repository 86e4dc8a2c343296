import { DomainError } from '../../domain/errors.js';
import { run, type Queryable } from './run.js';
import { compileSql, raw, sql, type SqlFragment } from './fragment.js';

/** Where a page starts: after the row with this sort key and id (both as text, exactly as the database wrote them). */
export interface KeysetPosition {
  key: string;
  id: string;
}

/** How a list is ordered: a trusted SQL expression, its type for comparisons, and the id column's type. */
export interface KeysetOrder {
  expression: string;
  keyType: 'text' | 'timestamptz';
  idColumn: string;
  idType: 'uuid' | 'bigint';
  direction: 'asc' | 'desc';
}

export interface KeysetPage<R> {
  rows: (R & { sort_key: string; sort_id: string })[];
  total: number;
  hasNextPage: boolean;
}

const KEY_FORMATS = { text: /^[\s\S]{0,2000}$/, timestamptz: /^\d{4}-\d\d-\d\d[ T][\d:.]+(Z|[+-]\d\d(:?\d\d)?)?$/ } as const;
const ID_FORMATS = { uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, bigint: /^\d{1,18}$/ } as const;

/**
 * One statement for one page of a list and the list's total. The page compares the typed sort columns with the
 * cursor (`(key, id) > ($key::timestamptz, $id::uuid)`, text keys in the column's own collation) and orders by them
 * straight from the table, so PostgreSQL walks an `(organization_id, key, id)` index from the cursor and stops after
 * `first + 1` rows; only the returned rows get their text cursor. The total is an uncorrelated `count(*)` subquery,
 * computed once per statement (an index-only count, not the page's rows). Pages never skip or repeat rows while the
 * list changes, and cursors are the same text as before (`key::text`, `id::text`).
 *
 * `withTotal: false` leaves the count out (total 0): a count reads every matching index entry, which on a log of
 * millions of events costs far more than the page, so a caller that does not show it should not pay for it.
 */
export async function fetchKeysetPage<R>(
  db: Queryable,
  query: { columns: string; from: string; where: SqlFragment; order: KeysetOrder; first: number; after?: KeysetPosition; withTotal?: boolean },
): Promise<KeysetPage<R>> {
  const withTotal = query.withTotal ?? true;
  const { order, after } = query;
  if (after && (!KEY_FORMATS[order.keyType].test(after.key) || !ID_FORMATS[order.idType].test(after.id))) {
    throw new DomainError('INVALID_INPUT', 'after is not a cursor of this list and order', { field: 'after' });
  }
  const key = raw(order.expression);
  const id = raw(order.idColumn);
  const direction = raw(order.direction);
  const where = after
    ? sql`(${query.where}) and (${key}, ${id}) ${raw(order.direction === 'asc' ? '>' : '<')} (${after.key}::${raw(order.keyType)}, ${after.id}::${raw(order.idType)})`
    : query.where;
  const from = raw(`from ${query.from}`);
  const total = withTotal ? sql`(select count(*) ${from} where ${query.where})::int` : raw('0');
  const { text, values } = compileSql(sql`select ${raw(query.columns)}, (${key})::text as sort_key, (${id})::text as sort_id, ${total} as total
    ${from} where ${where}
    order by ${key} ${direction}, ${id} ${direction} limit ${query.first + 1}`);
  const rows = await run<R & { sort_key: string; sort_id: string; total: number }>(db, text, values);
  const counted = rows[0]?.total ?? (after && withTotal ? await countAll(db, from, query.where) : 0);
  return { rows: rows.slice(0, query.first), total: counted, hasNextPage: rows.length > query.first };
}

async function countAll(db: Queryable, from: SqlFragment, where: SqlFragment): Promise<number> {
  const { text, values } = compileSql(sql`select count(*)::int as total ${from} where ${where}`);
  return (await run<{ total: number }>(db, text, values))[0]?.total ?? 0;
}

/** A filter's id, or INVALID_INPUT naming the field (so a malformed id never reaches a `::uuid` cast). */
export function filterId(value: string, field: string): string {
  if (!ID_FORMATS.uuid.test(value)) throw new DomainError('INVALID_INPUT', `${field} is not a valid id`, { field });
  return value;
}
