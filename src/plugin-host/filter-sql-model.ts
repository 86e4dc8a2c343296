/**
 * Internal: where each SCIM attribute of a User or Group lives in SQL — a column, the group_member table, or the
 * stored SCIM document (jsonb) — and how its values compare (src/scim/filter/semantics.ts decides kind and case).
 */
import { GROUP_VERSION_SQL } from '../domain/groups/group-version.js';
import { raw, sql, type SqlFragment } from '../db/sql/fragment.js';
import { isCaseExact, ScimError, valueKind, type AttributeDefinition, type ResolvedPath } from '../scim/index.js';

/** One value of an attribute as SQL, by how it compares. */
export type Scalar =
  | { type: 'text'; expr: SqlFragment; exact: boolean; lowerIndexed?: boolean }
  /** A uuid column, published as lower-case text. */
  | { type: 'uuid'; expr: SqlFragment; exact: boolean }
  /** A timestamptz; `column`: microsecond precision, published at millisecond precision. */
  | { type: 'instant'; expr: SqlFragment; column: boolean }
  | { type: 'boolean' | 'number'; expr: SqlFragment }
  /** A jsonb node (a complex value or an element): only `pr`. */
  | { type: 'node'; expr: SqlFragment }
  /** Always there (`meta`, one membership row): only `pr`. */
  | { type: 'always' };

/** What a path names: one scalar, or (multi-valued) a scalar per element of `elements`. */
export interface Values {
  scalar: Scalar;
  elements?: { from: SqlFragment; where: SqlFragment; pick?: SqlFragment };
}

interface Membership {
  from: SqlFragment;
  where: SqlFragment;
  subs: Record<string, Scalar>;
}

export interface Table {
  alias: 'u' | 'g';
  core: string;
  columns: Record<string, Scalar | undefined>;
  /** `groups` of a User / `members` of a Group, from group_member. */
  membership: { attribute: string; value: Membership };
}

const text = (expr: string, extra: Partial<Extract<Scalar, { type: 'text' }>> = {}): Scalar => ({ type: 'text', expr: raw(expr), exact: false, ...extra });
const instant = (expr: string): Scalar => ({ type: 'instant', expr: raw(expr), column: true });

export const USERS: Table = {
  alias: 'u',
  core: 'urn:ietf:params:scim:schemas:core:2.0:User',
  columns: {
    id: { type: 'uuid', expr: raw('u.id'), exact: true },
    username: text('u.user_name'),
    // Exact, and indexed as it is: (directory_id, external_id, external_id_key), see the matching-attribute migration.
    externalid: text('u.external_id'),
    active: { type: 'boolean', expr: raw('u.active') },
    meta: { type: 'always' },
    'meta.created': instant('u.created_at'),
    'meta.lastmodified': instant('u.updated_at'),
    'meta.version': text(`('W/"' || u.version || '"')`),
    'meta.resourcetype': text(`'User'::text`),
  },
  membership: {
    attribute: 'groups',
    value: {
      from: raw('group_member gm join scim_group mg on mg.id = gm.group_id'),
      where: raw('gm.user_id = u.id'),
      subs: { value: { type: 'uuid', expr: raw('mg.id'), exact: false }, display: text('mg.display_name'), type: text(`'direct'::text`) },
    },
  },
};

export const GROUPS: Table = {
  alias: 'g',
  core: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  columns: {
    id: { type: 'uuid', expr: raw('g.id'), exact: true },
    displayname: text('g.display_name'),
    externalid: text('g.external_id', { lowerIndexed: true }),
    meta: { type: 'always' },
    'meta.created': instant('g.created_at'),
    'meta.lastmodified': instant('g.updated_at'),
    // The published version is derived: membership changes move it without writing the group's row.
    'meta.version': text(`('W/"' || ${GROUP_VERSION_SQL} || '"')`),
    'meta.resourcetype': text(`'Group'::text`),
  },
  membership: {
    attribute: 'members',
    value: {
      from: raw('group_member gm join app_user mu on mu.id = gm.user_id'),
      where: raw('gm.group_id = g.id'),
      // The resource leaves `display` out for a member without a display name.
      subs: { value: { type: 'uuid', expr: raw('mu.id'), exact: false }, display: text(`nullif(mu.display_name, '')`), type: text(`'User'::text`) },
    },
  },
};

export const unsupported = (path: ResolvedPath): never => {
  throw new ScimError(400, 'invalidFilter', `"${path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute}" cannot be filtered`);
};

/** A jsonb value read as the SQL type of the definition's kind (a value of another JSON type reads as null). */
function fromJson(json: SqlFragment, leaf: AttributeDefinition): Scalar {
  if (leaf.type === 'complex') return { type: 'node', expr: json };
  switch (valueKind(leaf)) {
    case 'boolean':
      return { type: 'boolean', expr: sql`(case when jsonb_typeof(${json}) = 'boolean' then (${json})::boolean end)` };
    case 'number':
      return { type: 'number', expr: sql`(case when jsonb_typeof(${json}) = 'number' then (${json})::numeric end)` };
    case 'dateTime':
      return { type: 'instant', expr: sql`date_trunc('milliseconds', (case when jsonb_typeof(${json}) = 'string' then (${json} #>> '{}')::timestamptz end))`, column: false };
    case 'string':
      return { type: 'text', expr: sql`(${json} #>> '{}')`, exact: isCaseExact(leaf) };
  }
}

/** The column, membership or stored-document values a path names. */
export function resolve(table: Table, path: ResolvedPath): Values {
  const core = path.schema === table.core;
  const key = (path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute).toLowerCase();
  const column = core ? table.columns[key] : undefined;
  if (column) return { scalar: column.type === 'text' || column.type === 'uuid' ? { ...column, exact: isCaseExact(path.leaf) } : column };
  if (core && path.attribute === table.membership.attribute) {
    const m = table.membership.value;
    const scalar = path.subAttribute ? (m.subs[path.subAttribute] ?? unsupported(path)) : ({ type: 'always' } as const);
    return { scalar: 'exact' in scalar ? { ...scalar, exact: isCaseExact(path.leaf) } : scalar, elements: { from: m.from, where: m.where } };
  }
  const doc = raw(`${table.alias}.attributes`);
  const top = core ? sql`(${doc} -> ${path.attribute})` : sql`(${doc} -> ${path.schema} -> ${path.attribute})`;
  if (path.definition.multiValued) {
    const element = raw('e.value');
    return {
      scalar: fromJson(path.subAttribute ? sql`(${element} -> ${path.subAttribute})` : element, path.leaf),
      elements: {
        from: sql`jsonb_array_elements(case when jsonb_typeof(${top}) = 'array' then ${top} else '[]'::jsonb end) with ordinality as e(value, n)`,
        where: raw('true'),
        // RFC 7644 §3.4.2.3: the primary element, or else the first.
        pick: raw(`case when e.value -> 'primary' = 'true'::jsonb then 0 else 1 end, e.n`),
      },
    };
  }
  return { scalar: fromJson(path.subAttribute ? sql`(${top} -> ${path.subAttribute})` : top, path.leaf) };
}

