/**
 * Internal: compiles the SCIM toolkit's filter AST and sort paths into parameterized SQL over the users and groups
 * tables, to the rules of the toolkit's in-memory evaluator and sort (src/scim/filter/semantics.ts; the differential
 * test test/scim/filter-differential.test.ts holds both to the same answers):
 *
 * - Attributes with a column use it (`userName eq` hits the unique (directory, lower(userName)) index, a user's
 *   `externalId eq` the (directory, externalId, key) one, a group's the lower(externalId) one, `id eq` the primary
 *   key); `groups` (Users) and `members` (Groups) are read from
 *   group_member; everything else from the stored SCIM document (jsonb).
 * - Case-insensitive text compares with lower() on both sides, all ordering uses COLLATE "C" (code point order).
 * - A multi-valued attribute matches when any value matches; `ne` also matches when there is no value.
 * - meta.created / meta.lastModified are published at millisecond precision, so comparisons are ranges over the
 *   microsecond columns (still index-friendly).
 *
 * Attribute names and JSON keys travel as bind parameters or come from the fixed maps of ./filter-sql-model.ts;
 * nothing from the request is ever spliced into SQL text. The parser refuses what no storage can answer, so every
 * valid AST compiles.
 */
import type { DirectoryPrincipal } from '../domain/directories/directory.table.js';
import { raw, sql, type SqlFragment } from '../db/sql/fragment.js';
import { foldCase, instantOf, ScimError, type CompareOperator, type FilterNode, type FilterValue, type ResolvedPath } from '../scim/index.js';
import { GROUPS, resolve, unsupported, USERS, type Scalar, type Table, type Values } from './filter-sql-model.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ORDER: Record<string, string> = { gt: '>', ge: '>=', lt: '<', le: '<=' };

function likePattern(value: string, op: 'co' | 'sw' | 'ew'): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return op === 'co' ? `%${escaped}%` : op === 'sw' ? `${escaped}%` : `%${escaped}`;
}

/** The ISO text of a literal's instant (ms), plus the next millisecond. */
function instantBounds(value: FilterValue): [string, string] {
  const ms = instantOf(String(value));
  if (ms === undefined) throw new ScimError(400, 'invalidFilter', `"${String(value)}" is not an xsd:dateTime`);
  return [new Date(ms).toISOString(), new Date(ms + 1).toISOString()];
}

/** One value against the literal: true, false, or null when the value is absent. */
function atom(s: Scalar, op: CompareOperator, value: Exclude<FilterValue, null>, path: ResolvedPath): SqlFragment {
  switch (s.type) {
    case 'text': {
      const v = String(value);
      if (op === 'eq' && s.exact && s.lowerIndexed) return sql`(lower(${s.expr}) = lower(${v}::text) and ${s.expr} = ${v}::text)`;
      const left = s.exact ? s.expr : sql`lower(${s.expr})`;
      const right = s.exact ? sql`${v}::text` : sql`lower(${v}::text)`;
      if (op === 'eq') return sql`${left} = ${right}`;
      if (op === 'ne') return sql`${left} <> ${right}`;
      if (op === 'co' || op === 'sw' || op === 'ew') return sql`${left} like ${s.exact ? sql`${likePattern(v, op)}::text` : sql`lower(${likePattern(v, op)}::text)`}`;
      return sql`${left} collate "C" ${raw(ORDER[op]!)} ${right}`;
    }
    case 'uuid': {
      const candidate = s.exact ? String(value) : foldCase(String(value));
      if (op === 'eq' || op === 'ne') {
        // Published ids are lower-case uuids: compared as uuid so the index answers; other text equals none.
        if (!UUID.test(candidate)) return op === 'eq' ? sql`false` : sql`true`;
        return op === 'eq' ? sql`${s.expr} = ${candidate}::uuid` : sql`${s.expr} <> ${candidate}::uuid`;
      }
      return atom({ type: 'text', expr: sql`${s.expr}::text`, exact: s.exact }, op, value, path);
    }
    case 'instant': {
      const [at, next] = instantBounds(value);
      if (!s.column) return op === 'ne' ? sql`${s.expr} <> ${at}::timestamptz` : sql`${s.expr} ${raw(op === 'eq' ? '=' : ORDER[op]!)} ${at}::timestamptz`;
      // A microsecond column published truncated to the millisecond: truncated = at ⇔ at ≤ column < next.
      if (op === 'eq') return sql`(${s.expr} >= ${at}::timestamptz and ${s.expr} < ${next}::timestamptz)`;
      if (op === 'ne') return sql`(${s.expr} < ${at}::timestamptz or ${s.expr} >= ${next}::timestamptz)`;
      if (op === 'gt') return sql`${s.expr} >= ${next}::timestamptz`;
      if (op === 'ge') return sql`${s.expr} >= ${at}::timestamptz`;
      if (op === 'lt') return sql`${s.expr} < ${at}::timestamptz`;
      return sql`${s.expr} < ${next}::timestamptz`;
    }
    case 'boolean':
      if (op === 'eq' || op === 'ne') return sql`${s.expr} ${raw(op === 'eq' ? '=' : '<>')} ${value}::boolean`;
      return unsupported(path);
    case 'number':
      if (op === 'eq' || op === 'ne') return sql`${s.expr} ${raw(op === 'eq' ? '=' : '<>')} ${Number(value)}::numeric`;
      if (op in ORDER) return sql`${s.expr} ${raw(ORDER[op]!)} ${Number(value)}::numeric`;
      return unsupported(path);
    default:
      return unsupported(path);
  }
}

/** RFC 7644 §3.4.2.2 `pr`: a non-empty value (text other than ""), or a non-empty node. */
function present(s: Scalar): SqlFragment {
  if (s.type === 'always') return sql`true`;
  if (s.type === 'text') return sql`coalesce(${s.expr} <> '', false)`;
  if (s.type === 'node') return sql`coalesce(${s.expr}, 'null'::jsonb) not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb)`;
  return sql`${s.expr} is not null`;
}

/** Has a value at all ("" included, as in the evaluator). */
function assigned(s: Scalar): SqlFragment {
  if (s.type === 'always') return sql`true`;
  if (s.type === 'node') return sql`coalesce(${s.expr}, 'null'::jsonb) <> 'null'::jsonb`;
  return sql`${s.expr} is not null`;
}

function exists(values: Values, condition: SqlFragment): SqlFragment {
  const e = values.elements!;
  return sql`exists (select 1 from ${e.from} where ${e.where} and ${condition})`;
}

/**
 * `attr op value` over all values of the path (any value matches; `ne` also without values). True, false, or null
 * for "no value" (a bare indexed comparison: `lower(u.user_name) = lower($1)`); `not` reads null as false.
 */
function comparison(values: Values, op: CompareOperator, value: FilterValue, path: ResolvedPath): SqlFragment {
  const s = values.scalar;
  // `eq null` matches an unassigned attribute, `ne null` an assigned one (RFC 7643 §2.5).
  if (value === null) {
    const p = values.elements ? exists(values, present(s)) : present(s);
    return op === 'eq' ? sql`not (${p})` : p;
  }
  const test = atom(s, op, value, path);
  if (!values.elements) return op === 'ne' ? sql`(not (${assigned(s)}) or ${test})` : test;
  if (op === 'ne') return sql`(not ${exists(values, assigned(s))} or ${exists(values, test)})`;
  return exists(values, test);
}

/** One element of a value path: its sub-attributes are single values. */
function compileElement(table: Table, node: FilterNode, attribute: ResolvedPath): SqlFragment {
  switch (node.kind) {
    case 'and':
    case 'or':
      return sql`(${compileElement(table, node.left, attribute)} ${raw(node.kind)} ${compileElement(table, node.right, attribute)})`;
    case 'not':
      return sql`not coalesce(${compileElement(table, node.filter, attribute)}, false)`;
    case 'present':
      return present(resolve(table, node.path).scalar);
    case 'compare':
      return comparison({ scalar: resolve(table, node.path).scalar }, node.op, node.value, node.path);
    default:
      throw new ScimError(400, 'invalidFilter', 'value paths cannot be nested');
  }
}

function compile(table: Table, node: FilterNode): SqlFragment {
  switch (node.kind) {
    case 'and':
    case 'or':
      return sql`(${compile(table, node.left)} ${raw(node.kind)} ${compile(table, node.right)})`;
    case 'not':
      // SQL's null (an absent value) would make `not` drop the row; SCIM's not includes it. `and`/`or` need no such
      // care: they are monotone, so null read as false at the top gives what false everywhere gives.
      return sql`not coalesce(${compile(table, node.filter)}, false)`;
    case 'present': {
      const values = resolve(table, node.path);
      return values.elements ? exists(values, present(values.scalar)) : present(values.scalar);
    }
    case 'compare':
      return comparison(resolve(table, node.path), node.op, node.value, node.path);
    case 'valuePath': {
      // `emails[type eq "work" and primary eq true]`: one element must satisfy the whole sub-filter.
      const values = resolve(table, node.path);
      if (!values.elements) return unsupported(node.path);
      return exists(values, compileElement(table, node.filter, node.path));
    }
  }
}

/** Filter over `app_user u` of one directory. */
export function compileUserFilter(node: FilterNode, _dir: DirectoryPrincipal): SqlFragment {
  return compile(USERS, node);
}

/** Filter over `scim_group g`. */
export function compileGroupFilter(node: FilterNode): SqlFragment {
  return compile(GROUPS, node);
}

/** The sort key of one scalar: null for "no value" ("" included), text folded and in code point order. */
function sortKey(s: Scalar, path: ResolvedPath): { expr: SqlFragment; collate: boolean } {
  switch (s.type) {
    case 'text':
      return { expr: s.exact ? sql`nullif(${s.expr}, '')` : sql`lower(nullif(${s.expr}, ''))`, collate: true };
    case 'uuid':
      // uuid order is the order of their lower-case text.
      return { expr: s.expr, collate: false };
    case 'instant':
      return { expr: s.column ? sql`date_trunc('milliseconds', ${s.expr})` : s.expr, collate: false };
    case 'boolean':
    case 'number':
      return { expr: s.expr, collate: false };
    default:
      throw new ScimError(400, 'invalidValue', `cannot sort by "${path.attribute}"`);
  }
}

/** RFC 7644 §3.4.2.3: primary (or first) value of a multi-valued attribute; no value last ascending, first descending. */
function order(table: Table, path: ResolvedPath, direction: 'ascending' | 'descending'): SqlFragment {
  const values = resolve(table, path);
  const key = sortKey(values.scalar, path);
  let expr = key.expr;
  if (values.elements) {
    const e = values.elements;
    if (!e.pick) throw new ScimError(400, 'invalidValue', `cannot sort by "${path.attribute}"`);
    expr = sql`(select ${expr} from ${e.from} where ${e.where} order by ${e.pick} limit 1)`;
  }
  if (key.collate) expr = sql`${expr} collate "C"`;
  return sql`${expr} ${raw(direction === 'descending' ? 'desc nulls first' : 'asc nulls last')}, ${raw(`${table.alias}.id`)}`;
}

export function compileUserOrder(path: ResolvedPath, direction: 'ascending' | 'descending'): SqlFragment {
  return order(USERS, path, direction);
}

export function compileGroupOrder(path: ResolvedPath, direction: 'ascending' | 'descending'): SqlFragment {
  return order(GROUPS, path, direction);
}

/**
 * Attributes unique per directory, by resource. A user's externalId is unique only where the directory matches users
 * by it (its matching attribute); elsewhere it is stored as sent and several users may share one.
 */
const UNIQUE_ATTRIBUTES = {
  user: new Set(['id', 'username']),
  userMatchedByExternalId: new Set(['id', 'username', 'externalid']),
  group: new Set(['id', 'displayname', 'externalid']),
};

/**
 * True when the filter is `<unique attribute> eq "<value>"`: at most one row matches, so the lookup needs no
 * count and no ordering (the query Entra sends before every create and update). `dir` decides for a user's
 * externalId; the lookup itself still checks that it found at most one row, so a principal read before a change of
 * the matching attribute cannot make it drop users.
 */
export function isUniqueLookup(node: FilterNode, resource: 'user' | 'group', dir?: DirectoryPrincipal): boolean {
  const attributes = resource === 'group' ? UNIQUE_ATTRIBUTES.group : dir?.settings.matchingAttribute === 'externalId' ? UNIQUE_ATTRIBUTES.userMatchedByExternalId : UNIQUE_ATTRIBUTES.user;
  return (
    node.kind === 'compare' &&
    node.op === 'eq' &&
    node.value !== null &&
    (resource === 'user' ? USERS : GROUPS).core === node.path.schema &&
    !node.path.subAttribute &&
    attributes.has(node.path.attribute.toLowerCase())
  );
}
