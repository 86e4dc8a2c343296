/**
 * Internal: compiles the SCIM toolkit's filter AST into parameterized SQL over the users and groups tables.
 * Attribute names and JSON keys travel as bind parameters or come from the fixed column maps below; nothing from
 * the request is ever spliced into SQL text. Attributes with a column use it (and its index: `userName eq` hits
 * the unique (directory, lower(userName)) index); everything else is read from the stored SCIM document (jsonb).
 */
import { DomainError } from '../domain/errors.js';
import type { DirectoryPrincipal } from '../domain/services/directories.service.js';
import { joinSql, raw, sql, type SqlFragment } from '../domain/services/sql-fragment.js';
import { ScimError, type AttributeDefinition, type FilterNode, type ResolvedPath } from '../scim/index.js';

type Kind = 'string' | 'boolean' | 'number' | 'dateTime' | 'uuid';
interface Column {
  expr: string;
  kind: Kind;
  /** Compared case-insensitively (lower() on both sides), as the unique indexes are. */
  folded?: boolean;
}

const USER_COLUMNS: Record<string, Column> = {
  id: { expr: 'u.id', kind: 'uuid' },
  username: { expr: 'u.user_name', kind: 'string', folded: true },
  externalid: { expr: 'u.external_id', kind: 'string', folded: true },
  active: { expr: 'u.active', kind: 'boolean' },
  'meta.created': { expr: 'u.created_at', kind: 'dateTime' },
  'meta.lastmodified': { expr: 'u.updated_at', kind: 'dateTime' },
};
const GROUP_COLUMNS: Record<string, Column> = {
  id: { expr: 'g.id', kind: 'uuid' },
  displayname: { expr: 'g.display_name', kind: 'string', folded: true },
  externalid: { expr: 'g.external_id', kind: 'string', folded: true },
  'meta.created': { expr: 'g.created_at', kind: 'dateTime' },
  'meta.lastmodified': { expr: 'g.updated_at', kind: 'dateTime' },
};

const CORE_SCHEMAS = new Set(['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:core:2.0:Group']);

interface Table {
  alias: 'u' | 'g';
  columns: Record<string, Column>;
  /** Group `members` live in group_member, not in the document. */
  members: boolean;
}
const USERS: Table = { alias: 'u', columns: USER_COLUMNS, members: false };
const GROUPS: Table = { alias: 'g', columns: GROUP_COLUMNS, members: true };

function pathKey(path: ResolvedPath): string {
  return (path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute).toLowerCase();
}

/** The definition of the leaf the path names (the sub-attribute's when there is one). */
function leaf(path: ResolvedPath): AttributeDefinition {
  return path.leaf;
}

function kindOf(type: string | undefined): Kind {
  if (type === 'boolean') return 'boolean';
  if (type === 'integer' || type === 'decimal') return 'number';
  if (type === 'dateTime') return 'dateTime';
  return 'string';
}

function likePattern(value: string, op: 'co' | 'sw' | 'ew'): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return op === 'co' ? `%${escaped}%` : op === 'sw' ? `${escaped}%` : `%${escaped}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ORDER_OPS: Record<string, string> = { gt: '>', ge: '>=', lt: '<', le: '<=' };

/** One comparison of a scalar SQL expression (already typed text/bool/numeric/timestamptz) with a literal. */
function compare(expr: SqlFragment, kind: Kind, folded: boolean, op: string, value: unknown): SqlFragment {
  if (value === null) {
    if (op === 'eq') return sql`${expr} is null`;
    if (op === 'ne') return sql`${expr} is not null`;
    throw new ScimError(400, 'invalidFilter', `"${op}" cannot compare with null`);
  }
  if (kind === 'uuid') {
    if (op !== 'eq' && op !== 'ne') throw new ScimError(400, 'invalidFilter', `"${op}" is not supported on id`);
    // Compared as uuid so the primary key index answers; a value that is no uuid matches nothing.
    const text = String(value).toLowerCase();
    if (!UUID.test(text)) return op === 'eq' ? sql`false` : sql`true`;
    return op === 'eq' ? sql`${expr} = ${text}::uuid` : sql`${expr} <> ${text}::uuid`;
  }
  if (kind === 'boolean') {
    if (typeof value !== 'boolean') throw new ScimError(400, 'invalidFilter', 'a boolean attribute compares with true or false');
    if (op === 'eq') return sql`${expr} = ${value}`;
    if (op === 'ne') return sql`${expr} is distinct from ${value}`;
    throw new ScimError(400, 'invalidFilter', `"${op}" is not supported on boolean attributes`);
  }
  if (kind === 'number' || kind === 'dateTime') {
    if (op === 'co' || op === 'sw' || op === 'ew') throw new ScimError(400, 'invalidFilter', `"${op}" is not supported on ${kind} attributes`);
    const literal = kind === 'number' ? sql`${Number(value)}::numeric` : sql`${asDate(value)}::timestamptz`;
    if (op === 'eq') return sql`${expr} = ${literal}`;
    if (op === 'ne') return sql`${expr} is distinct from ${literal}`;
    return sql`${expr} ${raw(ORDER_OPS[op]!)} ${literal}`;
  }
  const text = String(value);
  const left = folded ? sql`lower(${expr})` : expr;
  const right = folded ? sql`lower(${text})` : sql`${text}`;
  switch (op) {
    case 'eq':
      return sql`${left} = ${right}`;
    case 'ne':
      return sql`${left} is distinct from ${right}`;
    case 'co':
    case 'sw':
    case 'ew':
      return sql`${left} like ${folded ? likePattern(text.toLowerCase(), op) : likePattern(text, op)}`;
    default:
      return sql`${left} ${raw(ORDER_OPS[op]!)} ${right}`;
  }
}

function asDate(value: unknown): string {
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new ScimError(400, 'invalidFilter', `"${String(value)}" is not a dateTime`);
  return date.toISOString();
}

/** The jsonb value at a path of the stored document (`attributes`), as a fragment. */
function documentValue(table: Table, path: ResolvedPath): SqlFragment {
  const doc = raw(`${table.alias}.attributes`);
  const container = CORE_SCHEMAS.has(path.schema) ? doc : sql`(${doc} -> ${path.schema})`;
  return sql`(${container} -> ${path.attribute})`;
}

/** Casts a jsonb scalar to the SQL type of `kind`. */
function typed(jsonb: SqlFragment, kind: Kind): SqlFragment {
  // Guarded casts: a stored value of another JSON type compares as absent instead of failing the statement.
  if (kind === 'boolean') return sql`(case when jsonb_typeof(${jsonb}) = 'boolean' then (${jsonb})::boolean end)`;
  if (kind === 'number') return sql`(case when jsonb_typeof(${jsonb}) = 'number' then (${jsonb})::numeric end)`;
  if (kind === 'dateTime') return sql`(${jsonb} #>> '{}')::timestamptz`;
  return sql`(${jsonb} #>> '{}')`;
}

/** `attr op value` where attr may be multi-valued and/or complex (RFC 7644 §3.4.2.2: any value matches). */
function compareAttribute(table: Table, path: ResolvedPath, op: string, value: unknown): SqlFragment {
  const column = table.columns[pathKey(path)];
  if (column && CORE_SCHEMAS.has(path.schema)) return compare(raw(column.expr), column.kind, column.folded === true, op, value);
  if (table.members && path.attribute.toLowerCase() === 'members') return membersMatch(table, (member) => compareMember(member, path, op, value));
  const def = path.definition;
  const leafDef = leaf(path);
  const kind = kindOf(leafDef.type);
  const folded = kind === 'string' && leafDef.caseExact !== true;
  const top = documentValue(table, path);
  if (def.multiValued) {
    const element = raw('e.value');
    const target = path.subAttribute ? sql`(${element} -> ${path.subAttribute})` : element;
    return sql`exists (select 1 from jsonb_array_elements(case when jsonb_typeof(${top}) = 'array' then ${top} else '[]'::jsonb end) e where ${compare(typed(target, kind), kind, folded, op, value)})`;
  }
  const target = path.subAttribute ? sql`(${top} -> ${path.subAttribute})` : top;
  return compare(typed(target, kind), kind, folded, op, value);
}

function membersMatch(table: Table, where: (member: SqlFragment) => SqlFragment): SqlFragment {
  return sql`exists (select 1 from group_member gm join app_user mu on mu.id = gm.user_id where gm.group_id = ${raw(`${table.alias}.id`)} and ${where(raw('mu'))})`;
}

function compareMember(member: SqlFragment, path: ResolvedPath, op: string, value: unknown): SqlFragment {
  const sub = (path.subAttribute ?? 'value').toLowerCase();
  if (sub === 'value') return compare(sql`${member}.id`, 'uuid', false, op, value);
  if (sub === 'display') return compare(sql`${member}.display_name`, 'string', true, op, value);
  if (sub === 'type') return compare(sql`'User'::text`, 'string', false, op, value);
  throw new ScimError(400, 'invalidFilter', `members.${path.subAttribute} cannot be filtered`);
}

function present(table: Table, path: ResolvedPath): SqlFragment {
  const column = table.columns[pathKey(path)];
  if (column && CORE_SCHEMAS.has(path.schema)) return sql`${raw(column.expr)} is not null`;
  if (table.members && path.attribute.toLowerCase() === 'members') return membersMatch(table, () => sql`true`);
  const top = documentValue(table, path);
  const target = path.subAttribute && !path.definition?.multiValued ? sql`(${top} -> ${path.subAttribute})` : top;
  if (path.subAttribute && path.definition?.multiValued) {
    return sql`exists (select 1 from jsonb_array_elements(case when jsonb_typeof(${top}) = 'array' then ${top} else '[]'::jsonb end) e where coalesce(e.value -> ${path.subAttribute}, 'null'::jsonb) not in ('null'::jsonb, '""'::jsonb))`;
  }
  return sql`coalesce(${target}, 'null'::jsonb) not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb)`;
}

/** `emails[type eq "work" and primary eq true]`: one element must satisfy the whole sub-filter. */
function valuePath(table: Table, path: ResolvedPath, filter: FilterNode): SqlFragment {
  if (table.members && path.attribute.toLowerCase() === 'members') {
    return membersMatch(table, (member) => compileElement(filter, (sub, op, value) => compareMember(member, { ...path, subAttribute: sub }, op, value), (sub) => (sub.toLowerCase() === 'value' || sub.toLowerCase() === 'type' ? sql`true` : sql`${member}.display_name is not null`)));
  }
  const top = documentValue(table, path);
  const def = path.definition;
  const subDef = (name: string): Partial<AttributeDefinition> => (def.subAttributes ?? []).find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? {};
  const condition = compileElement(
    filter,
    (sub, op, value) => {
      const d = subDef(sub);
      const kind = kindOf(d.type);
      return compare(typed(sql`(e.value -> ${sub})`, kind), kind, kind === 'string' && d.caseExact !== true, op, value);
    },
    (sub) => sql`coalesce(e.value -> ${sub}, 'null'::jsonb) not in ('null'::jsonb, '""'::jsonb)`,
  );
  return sql`exists (select 1 from jsonb_array_elements(case when jsonb_typeof(${top}) = 'array' then ${top} else '[]'::jsonb end) e where ${condition})`;
}

/** Compiles the sub-filter of a value path against one element. */
function compileElement(node: FilterNode, cmp: (sub: string, op: string, value: unknown) => SqlFragment, pr: (sub: string) => SqlFragment): SqlFragment {
  switch (node.kind) {
    case 'and':
    case 'or':
      return sql`(${compileElement(node.left, cmp, pr)} ${raw(node.kind)} ${compileElement(node.right, cmp, pr)})`;
    case 'not':
      return sql`not coalesce(${compileElement(node.filter, cmp, pr)}, false)`;
    case 'present':
      return pr(node.path.subAttribute ?? node.path.attribute);
    case 'compare':
      return cmp(node.path.subAttribute ?? node.path.attribute, node.op, node.value);
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
      // SQL's NULL would make `not` drop rows whose attribute is absent; SCIM's not includes them.
      return sql`not coalesce(${compile(table, node.filter)}, false)`;
    case 'present':
      return present(table, node.path);
    case 'compare':
      return compareAttribute(table, node.path, node.op, node.value);
    case 'valuePath':
      return valuePath(table, node.path, node.filter);
    default:
      throw new DomainError('INVALID_INPUT', 'unsupported filter');
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

function order(table: Table, path: ResolvedPath, direction: 'ascending' | 'descending'): SqlFragment {
  const dir = raw(direction === 'descending' ? 'desc nulls last' : 'asc nulls last');
  const column = table.columns[pathKey(path)];
  const tie = raw(`${table.alias}.id`);
  if (column && CORE_SCHEMAS.has(path.schema)) return sql`${raw(column.folded ? `lower(${column.expr})` : column.expr)} ${dir}, ${tie}`;
  const kind = kindOf(leaf(path).type);
  const top = documentValue(table, path);
  const value = path.definition?.multiValued
    ? sql`(select e.value #>> '{}' from jsonb_array_elements(case when jsonb_typeof(${top}) = 'array' then ${top} else '[]'::jsonb end) e order by (e.value ->> 'primary') = 'true' desc limit 1)`
    : typed(path.subAttribute ? sql`(${top} -> ${path.subAttribute})` : top, kind);
  return joinSql([sql`${kind === 'string' ? sql`lower(${value})` : value} ${dir}`, tie], ', ');
}

export function compileUserOrder(path: ResolvedPath, direction: 'ascending' | 'descending'): SqlFragment {
  return order(USERS, path, direction);
}

export function compileGroupOrder(path: ResolvedPath, direction: 'ascending' | 'descending'): SqlFragment {
  return order(GROUPS, path, direction);
}

/** Attributes with a unique index per directory (case-insensitive), by resource. */
const UNIQUE_ATTRIBUTES = { user: new Set(['id', 'username', 'externalid']), group: new Set(['id', 'displayname', 'externalid']) };

/**
 * True when the filter is `<unique attribute> eq "<value>"`: at most one row matches, so the lookup needs no
 * count and no ordering (the query Entra sends before every create and update).
 */
export function isUniqueLookup(node: FilterNode, resource: 'user' | 'group'): boolean {
  return (
    node.kind === 'compare' &&
    node.op === 'eq' &&
    node.value !== null &&
    CORE_SCHEMAS.has(node.path.schema) &&
    !node.path.subAttribute &&
    UNIQUE_ATTRIBUTES[resource].has(node.path.attribute.toLowerCase())
  );
}
