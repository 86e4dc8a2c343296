/** Validation and canonicalization of resources a client sends (POST, PUT, and documents after PATCH). */
import { rfcDialect, type ScimDialect } from './dialect.js';
import { badRequest } from './errors.js';
import { extensionSchemaNamed, printPath, resolvePath, undeclaredSchemaDetail, undeclaredSchemaOf, type ResolvedPath } from './path.js';
import type { AttributeDefinition } from './schema/attribute.js';
import { isCoreSchema, type ResourceType } from './schema/resource-type.js';
import { coerceValue, deepEqual, isObject, type CoerceOptions } from './values.js';

/** Options of {@link normalizeResource}. @public */
export interface NormalizeOptions {
  resourceType: ResourceType;
  dialect?: ScimDialect;
  /** `create` for POST, `replace` for PUT (and PATCH results). */
  mode: 'create' | 'replace';
  /** The stored resource, for `replace`: immutable attributes must keep their value (RFC 7644 §3.5.1). */
  current?: Record<string, unknown>;
  /** The most values a multi-valued attribute may hold (400 invalidValue above it); unset: no limit. */
  maxValues?: number;
}

type Doc = Record<string, unknown>;

function readSchemas(input: Doc, options: NormalizeOptions, dialect: ScimDialect): void {
  const key = Object.keys(input).find((k) => k.toLowerCase() === 'schemas');
  const schemas = key === undefined ? undefined : input[key];
  if (!Array.isArray(schemas) || !schemas.every((s) => typeof s === 'string')) {
    throw badRequest('invalidValue', '"schemas" must be an array of schema URNs (RFC 7643 §3)');
  }
  const rt = options.resourceType;
  if (!schemas.some((s) => isCoreSchema(rt, s))) throw badRequest('invalidValue', `"schemas" must contain "${rt.schema.id}"`);
  if (dialect.ignoreUnknownSchemas) return;
  for (const urn of schemas) {
    if (!isCoreSchema(rt, urn) && !extensionSchemaNamed(rt, urn)) throw badRequest('invalidValue', `schema "${urn}" is not supported for ${rt.name}`);
  }
}

/**
 * Validates a resource and returns its canonical document: attribute names in schema casing, extension attributes
 * under their schema URN, `schemas` listing the core schema and the extensions that carry data.
 *
 * - readOnly attributes (`id`, `meta`, `groups`, …) are ignored (RFC 7643 §2.2); writeOnly ones (`password`) are
 *   dropped, so they are never stored or returned.
 * - null, empty arrays and empty objects are unassigned (RFC 7643 §2.5) and dropped (or refused under a dialect
 *   whose `nullMeansAbsent` is false).
 * - Unknown attributes are refused with 400 invalidSyntax: the request does not conform to the schema
 *   (RFC 7644 §3.12). Data under an extension URN the resource type lacks (a custom schema the directory has not
 *   declared) is 400 invalidValue naming that schema. A dialect with `ignoreUnknownAttributes` drops both instead.
 * @throws ScimError 400 invalidSyntax (not an object, unknown attribute, attribute given twice), invalidValue
 *   (schemas, wrong type, missing required attribute, more values than `maxValues`), mutability (immutable attribute changed on replace)
 * @public
 */
export function normalizeResource(input: unknown, options: NormalizeOptions): Record<string, unknown> {
  if (!isObject(input)) throw badRequest('invalidSyntax', 'a resource must be a JSON object');
  const dialect = options.dialect ?? rfcDialect;
  const rt = options.resourceType;
  readSchemas(input, options, dialect);
  const coerce: CoerceOptions = { dialect, dropReadOnly: true, wrapSingle: false, maxValues: options.maxValues };
  const out: Doc = { schemas: [] };

  const set = (path: ResolvedPath, value: unknown) => {
    const def: AttributeDefinition = path.definition;
    if (def.mutability === 'readOnly' || def.mutability === 'writeOnly') return;
    const label = printPath(path, rt);
    const coerced = coerceValue(def, value, label, coerce);
    const core = isCoreSchema(rt, path.schema);
    const container = core ? out : ((out[path.schema] ??= {}) as Doc);
    if (Object.hasOwn(container, def.name)) throw badRequest('invalidSyntax', `"${label}" is given twice`);
    if (coerced === undefined) return;
    if (def.mutability === 'immutable' && options.mode === 'replace' && options.current) {
      const stored = core ? options.current[def.name] : (options.current[path.schema] as Doc | undefined)?.[def.name];
      if (stored !== undefined && !deepEqual(stored, coerced)) throw badRequest('mutability', `"${label}" is immutable`);
    }
    container[def.name] = coerced;
  };

  const unknown = (key: string, value?: unknown) => {
    if (dialect.ignoreUnknownAttributes) return;
    // Data under an extension URN the directory has not declared: the schema is what is missing (RFC 7644 §3.12
    // invalidValue, "not compatible with the ... resource schema"), so the detail names the schema to declare.
    const undeclared = undeclaredSchemaOf(rt, key, isObject(value));
    if (undeclared) throw badRequest('invalidValue', undeclaredSchemaDetail(rt, undeclared));
    throw badRequest('invalidSyntax', `${rt.name} has no attribute "${key}"`);
  };

  for (const key of Object.keys(input)) {
    if (key.toLowerCase() === 'schemas') continue;
    const value = input[key];
    const extension = extensionSchemaNamed(rt, key);
    if (extension) {
      if (value === null || value === undefined) continue;
      if (!isObject(value)) throw badRequest('invalidValue', `"${extension}" must be an object of extension attributes`);
      for (const sub of Object.keys(value)) {
        const path = tryResolve(`${extension}:${sub}`, rt);
        // A `schemas` member inside an extension's object repeats the resource's schemas (RFC 7643 §3): ignored.
        if (!path && sub.toLowerCase() === 'schemas') continue;
        if (path && !path.subAttribute) set(path, value[sub]);
        else unknown(`${extension}:${sub}`);
      }
      continue;
    }
    const path = tryResolve(key, rt);
    if (path && !path.subAttribute) set(path, value);
    else unknown(key, value);
  }

  for (const { schema, definition } of rt.index.required) {
    const container = isCoreSchema(rt, schema) ? out : (out[schema] as Doc | undefined);
    const value = container?.[definition.name];
    if (value === undefined || value === '') throw badRequest('invalidValue', `"${definition.name}" is required`);
  }
  for (const { schema } of rt.extensions) {
    const value = out[schema.id];
    if (isObject(value) && Object.keys(value).length === 0) delete out[schema.id];
  }
  out.schemas = [rt.schema.id, ...rt.extensions.map((e) => e.schema.id).filter((id) => out[id] !== undefined)];
  return out;
}

function tryResolve(key: string, rt: ResourceType): ResolvedPath | undefined {
  try {
    return resolvePath(key, rt, 'invalidSyntax');
  } catch {
    return undefined;
  }
}
