import { DomainError } from '../errors.js';
import { run, type Queryable } from './sql.js';
import { compileSql, raw, sql, type SqlFragment } from './sql-fragment.js';

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
 * One statement for one page of a list and the list's total: the filtered rows are counted once and the page is
 * taken after `after` in (key, id) order, so pages never skip or repeat rows while the list changes.
 */
export async function fetchKeysetPage<R>(
  db: Queryable,
  query: { columns: string; from: SqlFragment; order: KeysetOrder; first: number; after?: KeysetPosition },
): Promise<KeysetPage<R>> {
  const { order, after } = query;
  if (after && (!KEY_FORMATS[order.keyType].test(after.key) || !ID_FORMATS[order.idType].test(after.id))) {
    throw new DomainError('INVALID_INPUT', 'after is not a cursor of this list and order', { field: 'after' });
  }
  const key = `m.sort_key::${order.keyType}`;
  const id = `m.sort_id::${order.idType}`;
  const comparison = order.direction === 'asc' ? '>' : '<';
  const start = after ? sql`where (${raw(key)}, ${raw(id)}) ${raw(comparison)} (${after.key}::${raw(order.keyType)}, ${after.id}::${raw(order.idType)})` : sql``;
  const { text, values } = compileSql(sql`with matched as (
      select ${raw(query.columns)}, (${raw(order.expression)})::text as sort_key, (${raw(order.idColumn)})::text as sort_id ${query.from})
    select m.*, (select count(*) from matched)::int as total from matched m ${start}
    order by ${raw(key)} ${raw(order.direction)}, ${raw(id)} ${raw(order.direction)} limit ${query.first + 1}`);
  const rows = await run<R & { sort_key: string; sort_id: string; total: number }>(db, text, values);
  const total = rows[0]?.total ?? (after ? await countAll(db, query.from) : 0);
  return { rows: rows.slice(0, query.first), total, hasNextPage: rows.length > query.first };
}

async function countAll(db: Queryable, from: SqlFragment): Promise<number> {
  const { text, values } = compileSql(sql`select count(*)::int as total ${from}`);
  return (await run<{ total: number }>(db, text, values))[0]?.total ?? 0;
}

/** A filter's id, or INVALID_INPUT naming the field (so a malformed id never reaches a `::uuid` cast). */
export function filterId(value: string, field: string): string {
  if (!ID_FORMATS.uuid.test(value)) throw new DomainError('INVALID_INPUT', `${field} is not a valid id`, { field });
  return value;
}
