/**
 * Queries at the service root (`POST /.search`, RFC 7644 §3.4.3): one request over several resource types. The
 * parameters are read like any list request ({@link readSearchRequest}) and then resolved per resource type:
 *
 * - filter: parsed once against all types together, then taken apart per type. An attribute that a type lacks is
 *   read "as if there is no attribute value" (RFC 7644 §3.4.2.1): `pr` and every comparison are false, `ne` true,
 *   `eq null` true. So `userName sw "a" or members pr` finds users by userName and groups by members. An attribute no
 *   type has is a 400 invalidFilter, as in a list of one type.
 * - sortBy: a type that lacks the attribute has no value for it, and such resources sort last when ascending and
 *   first when descending, by id (as within one type); an attribute no type has is a 400 invalidPath.
 * - attributes / excludedAttributes: each name applies to the types that have it; a name no type has is a 400
 *   invalidPath. A type that has none of the requested `attributes` returns only what it always returns (`id`).
 */
import type { ScimDialect } from './dialect.js';
import { rfcDialect } from './dialect.js';
import { ScimError } from './errors.js';
import type { FilterNode } from './filter/ast.js';
import { checkComparison, checkFilterable } from './filter/check.js';
import { parseFilter } from './filter/parser.js';
import { pageOf, readSortOrder, type ListParameters } from './list.js';
import { printPath, resolvePath, withSubAttribute, type ResolvedPath } from './path.js';
import { defineResourceType, type ResourceType } from './schema/resource-type.js';
import type { SchemaDefinition } from './schema/attribute.js';
import { checkSortPath } from './sort.js';

/** The part of a root query that one resource type answers. @public */
export interface RootQueryPart {
  readonly resourceType: ResourceType;
  /** The filter for this type; `false` when none of its resources can match, undefined for no filter. */
  readonly filter?: FilterNode | false;
  /** This type's sort path; undefined when the query sorts by an attribute this type lacks (or is unsorted). */
  readonly sortBy?: ResolvedPath;
  readonly attributes?: ResolvedPath[];
  readonly excludedAttributes?: ResolvedPath[];
}

/** A query at the service root, resolved for each resource type. @public */
export interface RootQuery {
  readonly startIndex: number;
  readonly count: number;
  /** Was `sortBy` given? (Each part's `sortBy` is then its own path, or undefined where the type lacks it.) */
  readonly sorted: boolean;
  readonly sortOrder: 'ascending' | 'descending';
  /** One part per resource type, in the order given. */
  readonly parts: readonly RootQueryPart[];
}

/** Options of {@link resolveRootQuery}. @public */
export interface RootQueryOptions {
  resourceTypes: readonly ResourceType[];
  dialect?: ScimDialect;
  maxPageSize?: number;
}

/** Union types by their member types (a chain of weak maps: a directory's types live as long as its cache entry). */
interface UnionCache {
  next: WeakMap<ResourceType, UnionCache>;
  union?: ResourceType;
}
const unions: UnionCache = { next: new WeakMap() };

/**
 * One resource type with every attribute of the given ones, for parsing a filter that may name any of them: the
 * first type's core schema holds all core attributes (the first definition of a name wins), every other schema —
 * the other types' core schemas included — is an extension, so schema-qualified paths resolve too.
 */
function unionOf(types: readonly ResourceType[]): ResourceType {
  let entry = unions;
  for (const type of types) {
    let next = entry.next.get(type);
    if (!next) entry.next.set(type, (next = { next: new WeakMap() }));
    entry = next;
  }
  if (entry.union) return entry.union;
  const [first, ...rest] = types;
  const seen = new Set<string>();
  const attributes = [...first!.schema.attributes, ...rest.flatMap((t) => t.schema.attributes)].filter((a) => !seen.has(a.name.toLowerCase()) && seen.add(a.name.toLowerCase()));
  const core: SchemaDefinition = { ...first!.schema, attributes };
  const extensions = new Map<string, SchemaDefinition>();
  for (const schema of [...types.flatMap((t) => t.extensions.map((e) => e.schema)), ...rest.map((t) => t.schema)]) {
    const key = schema.id.toLowerCase();
    if (key !== core.id.toLowerCase() && !extensions.has(key)) extensions.set(key, schema);
  }
  const union = defineResourceType({ name: types.map((t) => t.name).join(' or '), endpoint: '/', schema: core, extensions: [...extensions.values()] });
  entry.union = union;
  return union;
}

/** `path` of the union, resolved against one type; undefined when the type lacks it. */
function pathIn(path: ResolvedPath, union: ResourceType, type: ResourceType): ResolvedPath | undefined {
  try {
    return resolvePath(printPath(path, union), type, 'invalidFilter');
  } catch (error) {
    if (error instanceof ScimError) return undefined;
    throw error;
  }
}

/** What an attribute expression is on a resource without the attribute (the in-memory evaluator's reading). */
function absentValue(node: Extract<FilterNode, { kind: 'compare' | 'present' }>): boolean {
  if (node.kind === 'present') return false;
  return node.value === null ? node.op === 'eq' : node.op === 'ne';
}

type Folded = FilterNode | boolean;

function and(left: Folded, right: Folded): Folded {
  if (left === false || right === false) return false;
  if (left === true) return right;
  if (right === true) return left;
  return { kind: 'and', left, right };
}

function or(left: Folded, right: Folded): Folded {
  if (left === true || right === true) return true;
  if (left === false) return right;
  if (right === false) return left;
  return { kind: 'or', left, right };
}

/** The union's filter for one type: its paths re-resolved, expressions on attributes it lacks folded away. */
function filterFor(node: FilterNode, union: ResourceType, type: ResourceType, dialect: ScimDialect, parent?: ResolvedPath): Folded {
  switch (node.kind) {
    case 'and':
      return and(filterFor(node.left, union, type, dialect, parent), filterFor(node.right, union, type, dialect, parent));
    case 'or':
      return or(filterFor(node.left, union, type, dialect, parent), filterFor(node.right, union, type, dialect, parent));
    case 'not': {
      const inner = filterFor(node.filter, union, type, dialect, parent);
      return typeof inner === 'boolean' ? !inner : { kind: 'not', filter: inner };
    }
    case 'valuePath': {
      const path = pathIn(node.path, union, type);
      if (!path) return false;
      const inner = filterFor(node.filter, union, type, dialect, path);
      if (inner === false) return false;
      // Every element matches: the attribute has an element.
      if (inner === true) return { kind: 'present', path };
      return { kind: 'valuePath', path, filter: inner };
    }
    default: {
      let path: ResolvedPath | undefined;
      if (parent) {
        try {
          path = withSubAttribute(parent, node.path.subAttribute ?? 'value', 'invalidFilter');
        } catch (error) {
          if (!(error instanceof ScimError)) throw error;
        }
      } else {
        path = pathIn(node.path, union, type);
      }
      if (!path) return absentValue(node);
      if (node.kind === 'present') return { kind: 'present', path };
      const checked = checkComparison(path, node.op, node.value, dialect);
      return { kind: 'compare', op: node.op, path: checked.path, value: checked.value };
    }
  }
}

/**
 * Each name resolved against each type; a name no type has throws (as for one type).
 * @throws ScimError 400 with `scimType`
 */
function pathsFor(names: readonly string[] | undefined, types: readonly ResourceType[], scimType: 'invalidPath'): (ResolvedPath[] | undefined)[] {
  if (!names?.length) return types.map(() => undefined);
  const perType: ResolvedPath[][] = types.map(() => []);
  for (const name of names) {
    let first: unknown;
    let found = false;
    types.forEach((type, i) => {
      try {
        perType[i]!.push(resolvePath(name, type, scimType));
        found = true;
      } catch (error) {
        if (!(error instanceof ScimError)) throw error;
        first ??= error;
      }
    });
    if (!found) throw first;
  }
  return perType;
}

/**
 * Resolves the parameters of a root query for each resource type (see the module comment for the rules).
 * @throws ScimError 400 invalidFilter, invalidValue (sortOrder, an attribute that cannot be sorted by) or
 *   invalidPath (an attribute no type has in sortBy, attributes or excludedAttributes)
 * @public
 */
export function resolveRootQuery(params: ListParameters, options: RootQueryOptions): RootQuery {
  const types = options.resourceTypes;
  if (types.length === 0) throw new TypeError('a root query needs at least one resource type');
  const dialect = options.dialect ?? rfcDialect;
  const union = unionOf(types);
  const filter = params.filter === undefined ? undefined : parseFilter(params.filter, union, { dialect });
  const sortBy = params.sortBy?.trim() || undefined;
  const sortPaths = pathsFor(sortBy ? [sortBy] : undefined, types, 'invalidPath');
  const attributes = pathsFor(params.attributes, types, 'invalidPath');
  const excluded = pathsFor(params.excludedAttributes, types, 'invalidPath');
  const parts = types.map((type, i): RootQueryPart => {
    const folded = filter === undefined ? true : filterFor(filter, union, type, dialect);
    if (typeof folded !== 'boolean') checkFilterable(folded, type);
    const own = sortPaths[i]?.[0];
    return {
      resourceType: type,
      ...(folded === true ? {} : { filter: folded }),
      ...(own ? { sortBy: checkSortPath(own, type) } : {}),
      ...(attributes[i] ? { attributes: attributes[i] } : {}),
      ...(excluded[i]?.length ? { excludedAttributes: excluded[i] } : {}),
    };
  });
  return {
    ...pageOf(params, options.maxPageSize ?? dialect.maxPageSize),
    sorted: sortBy !== undefined,
    sortOrder: readSortOrder(params.sortOrder) ?? 'ascending',
    parts,
  };
}
