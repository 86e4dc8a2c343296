/** Attribute projection of responses (RFC 7644 §3.4.2.5, RFC 7643 §7 `returned`). */
import { resolvePath, splitSchemaPrefix, type ResolvedPath } from './path.js';
import type { AttributeDefinition } from './schema/attribute.js';
import { isCoreSchema, type ResourceType } from './schema/resource-type.js';
import { isObject } from './values.js';

/** A request's query parameters as a router gives them. @public */
export type ScimQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A query parameter by case-insensitive name; the last value when repeated. */
export function queryValue(query: ScimQuery, name: string): string | undefined {
  let value = query[name];
  if (value === undefined) {
    const lower = name.toLowerCase();
    const key = Object.keys(query).find((k) => k.toLowerCase() === lower);
    value = key === undefined ? undefined : query[key];
  }
  if (Array.isArray(value)) return value.length ? value[value.length - 1] : undefined;
  return value as string | undefined;
}

function names(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  return list.length ? list : undefined;
}

/**
 * Resolves `attributes` and `excludedAttributes` of a query (comma-separated attribute paths).
 * @throws ScimError 400 invalidPath for an unknown attribute
 * @public
 */
export function parseProjection(query: ScimQuery, resourceType: ResourceType): { attributes?: ResolvedPath[]; excludedAttributes?: ResolvedPath[] } {
  const out: { attributes?: ResolvedPath[]; excludedAttributes?: ResolvedPath[] } = {};
  const attributes = names(queryValue(query, 'attributes'));
  const excluded = names(queryValue(query, 'excludedAttributes'));
  if (attributes) out.attributes = attributes.map((a) => resolvePath(a, resourceType, 'invalidPath'));
  if (excluded) out.excludedAttributes = excluded.map((a) => resolvePath(a, resourceType, 'invalidPath'));
  return out;
}

/**
 * Does the query name attributes to return (`attributes` or `excludedAttributes`, not empty)? RFC 7644 §3.5.2: a
 * PATCH "MUST return a 200 OK if the "attributes" parameter is specified"; a service that answers other PATCHes
 * with 204 tells them apart with this (and takes `excludedAttributes` as asking for the resource too). Used by the
 * host's SCIM service and provisioning log; not part of the plugin toolkit.
 */
export function asksForAttributes(query: ScimQuery): boolean {
  return names(queryValue(query, 'attributes')) !== undefined || names(queryValue(query, 'excludedAttributes')) !== undefined;
}

/** attribute key → `true` for the whole attribute, or the set of named sub-attributes. */
type Selection = Map<string, true | Set<string>>;

function select(paths: readonly (ResolvedPath | string)[] | undefined, rt: ResourceType): Selection | undefined {
  if (!paths) return undefined;
  const selection: Selection = new Map();
  for (const entry of paths) {
    const path = typeof entry === 'string' ? resolvePath(entry, rt, 'invalidPath') : entry;
    const key = `${path.schema.toLowerCase()}|${path.attribute.toLowerCase()}`;
    const current = selection.get(key);
    if (current === true) continue;
    if (!path.subAttribute) selection.set(key, true);
    else selection.set(key, (current ?? new Set<string>()).add(path.subAttribute));
  }
  return selection;
}

/** Keeps the listed sub-attributes of a complex value (or of each element). */
function pickSubs(value: unknown, subs: Set<string>, keep: boolean): unknown {
  const one = (v: unknown) => {
    if (!isObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (subs.has(k) === keep) out[k] = v[k];
    return out;
  };
  const result = Array.isArray(value) ? value.map(one).filter((v) => !isObject(v) || Object.keys(v).length) : one(value);
  if (Array.isArray(result) ? result.length === 0 : isObject(result) && Object.keys(result).length === 0) return undefined;
  return result;
}

function projectAttribute(def: AttributeDefinition | undefined, key: string, value: unknown, include: Selection | undefined, exclude: Selection | undefined): unknown {
  if (!def) return include ? undefined : value;
  if (def.returned === 'never') return undefined;
  if (def.returned === 'always') return value;
  if (include) {
    const wanted = include.get(key);
    if (wanted === undefined) return undefined;
    return wanted === true ? value : pickSubs(value, wanted, true);
  }
  if (def.returned === 'request') return undefined;
  const unwanted = exclude?.get(key);
  if (unwanted === undefined) return value;
  return unwanted === true ? undefined : pickSubs(value, unwanted, false);
}

/**
 * Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) and `returned` (RFC 7643 §7): `always`
 * attributes (`id`) and `schemas` stay, `never` attributes (`password`) go, `request` attributes appear only when
 * listed. When `attributes` is given, `excludedAttributes` is ignored. Returns a new object.
 * @throws ScimError 400 invalidPath when a string path is unknown
 * @public
 */
export function project(
  document: Record<string, unknown>,
  options: { resourceType: ResourceType; attributes?: readonly (ResolvedPath | string)[]; excludedAttributes?: readonly (ResolvedPath | string)[] },
): Record<string, unknown> {
  const rt = options.resourceType;
  const include = select(options.attributes, rt);
  const exclude = include ? undefined : select(options.excludedAttributes, rt);
  const core = rt.schema.id.toLowerCase();
  // The selection key is only read when the query selects attributes; without one (most responses) it is not built.
  const selective = include !== undefined || exclude !== undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(document)) {
    const value = document[key];
    if (key === 'schemas') {
      out[key] = value;
      continue;
    }
    const lower = key.toLowerCase();
    const extension = rt.index.extensions.get(lower);
    if (extension && isObject(value)) {
      const ext: Record<string, unknown> = {};
      const prefix = extension.schema.id.toLowerCase();
      let kept = 0;
      for (const name of Object.keys(value)) {
        const sub = name.toLowerCase();
        const projected = projectAttribute(extension.attributes.get(sub), selective ? `${prefix}|${sub}` : '', value[name], include, exclude);
        if (projected !== undefined) {
          ext[name] = projected;
          kept++;
        }
      }
      if (kept) out[key] = ext;
      continue;
    }
    const projected = projectAttribute(rt.index.core.get(lower), selective ? `${core}|${lower}` : '', value, include, exclude);
    if (projected !== undefined) out[key] = projected;
  }
  return out;
}

/**
 * Will a response to this query contain `attribute` (e.g. `members`, `groups`)? Lets a caller skip loading it for
 * `excludedAttributes=members` or an `attributes` list without it.
 * @throws never; unknown names in the query are treated as not matching
 * @public
 */
export function wantsAttribute(query: ScimQuery, attribute: string, resourceType?: ResourceType): boolean {
  const target = attribute.toLowerCase();
  const local = (name: string) => {
    const split = resourceType ? splitSchemaPrefix(resourceType, name) : undefined;
    const rest = split && resourceType && isCoreSchema(resourceType, split.schema) ? split.rest : name;
    return rest.toLowerCase();
  };
  const excluded = names(queryValue(query, 'excludedAttributes'));
  const attributes = names(queryValue(query, 'attributes'));
  const definition = resourceType?.index.core.get(target);
  if (definition?.returned === 'always') return true;
  if (definition?.returned === 'never') return false;
  if (attributes) return attributes.some((a) => local(a) === target || local(a).startsWith(`${target}.`));
  if (excluded?.some((a) => local(a) === target)) return false;
  return definition?.returned !== 'request';
}
