/** Resource `meta` (RFC 7643 §3.1), ETags and HTTP preconditions (RFC 7644 §3.14, RFC 9110 §13). */
import { ScimError } from './errors.js';
import { CORE_SCHEMA_BY_TYPE } from './schema/resource-type.js';

/** What {@link withMeta} needs to know about a stored resource. @public */
export interface MetaInput {
  id: string;
  /** Resource type name, e.g. `User`. */
  resourceType: string;
  created: Date;
  lastModified: Date;
  /** Absolute URL of the resource. */
  location: string;
  /** Monotonic version of the stored resource; published as the weak ETag `W/"<version>"`. */
  version: number | string;
}

/**
 * The weak ETag of a version: `W/"3"`. Weak, because the representation varies with `attributes` while the
 * version does not (RFC 9110 §8.8.1).
 * @public
 */
export function etag(version: number | string): string {
  return `W/"${String(version).replace(/["\\]/g, '')}"`;
}

/**
 * The resource with `id`, `meta` (created, lastModified as ISO 8601, location, version as ETag) and — when the
 * document has none — `schemas` of the known core type. Returns a new object; `schemas` and `id` come first.
 * @public
 */
export function withMeta(document: Record<string, unknown>, input: MetaInput): Record<string, unknown> {
  const { schemas, id: _id, meta: _meta, ...rest } = document;
  const core = CORE_SCHEMA_BY_TYPE[input.resourceType];
  return {
    schemas: Array.isArray(schemas) ? schemas : core ? [core] : [],
    id: input.id,
    ...rest,
    meta: {
      resourceType: input.resourceType,
      created: input.created.toISOString(),
      lastModified: input.lastModified.toISOString(),
      location: input.location,
      version: etag(input.version),
    },
  };
}

/** The opaque tags of an If-Match / If-None-Match header (`*` stays `*`); W/ prefixes are dropped. */
function parseTags(header: string): string[] {
  const tags: string[] = [];
  const re = /\s*(\*|(?:W\/)?"([^"]*)")\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (re.lastIndex < header.length && (match = re.exec(header))) tags.push(match[1] === '*' ? '*' : match[2]!);
  if (re.lastIndex < header.length || tags.length === 0) throw new ScimError(400, 'invalidValue', `"${header}" is not a list of entity tags`);
  return tags;
}

/** Options of {@link checkPreconditions}. @public */
export interface PreconditionInput {
  ifMatch?: string;
  ifNoneMatch?: string;
  /** Version of the stored resource, or undefined/null when it does not exist. */
  currentVersion: number | string | null | undefined;
  method: string;
}

/**
 * Evaluates If-Match and If-None-Match (RFC 9110 §13.1.1–13.1.2, RFC 7644 §3.14) with weak comparison, since
 * every ETag this toolkit issues is weak. Supports `*` and lists.
 * @returns `'not-modified'` when a GET/HEAD should be answered 304, otherwise `'ok'`
 * @throws ScimError 412 when a precondition fails; 400 invalidValue for a malformed header
 * @public
 */
export function checkPreconditions(input: PreconditionInput): 'ok' | 'not-modified' {
  const exists = input.currentVersion !== undefined && input.currentVersion !== null;
  const current = exists ? String(input.currentVersion) : undefined;
  const matches = (tags: string[]) => exists && tags.some((t) => t === '*' || t === current);
  if (input.ifMatch !== undefined && input.ifMatch.trim() !== '') {
    if (!matches(parseTags(input.ifMatch))) {
      throw new ScimError(412, undefined, exists ? `the resource has changed (current version ${etag(current!)})` : 'the resource does not exist');
    }
  }
  if (input.ifNoneMatch !== undefined && input.ifNoneMatch.trim() !== '') {
    if (matches(parseTags(input.ifNoneMatch))) {
      const method = input.method.toUpperCase();
      if (method === 'GET' || method === 'HEAD') return 'not-modified';
      throw new ScimError(412, undefined, `the resource matches If-None-Match (version ${etag(current!)})`);
    }
  }
  return 'ok';
}
