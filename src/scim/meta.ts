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
  const schemas = Array.isArray(document.schemas) ? document.schemas : CORE_SCHEMA_BY_TYPE[input.resourceType] ? [CORE_SCHEMA_BY_TYPE[input.resourceType]] : [];
  // One spread (V8's fast path) rather than `{ schemas, id, meta, ...rest }`, whose excluded keys take the slow one:
  // this runs for every resource of every response. The first two keys keep their place and get their values.
  const out: Record<string, unknown> = { schemas, id: input.id, ...document };
  out.schemas = schemas;
  out.id = input.id;
  // `meta` goes last, whatever the document had there.
  if (Object.hasOwn(document, 'meta')) delete out.meta;
  out.meta = {
    resourceType: input.resourceType,
    created: input.created.toISOString(),
    lastModified: input.lastModified.toISOString(),
    location: input.location,
    version: etag(input.version),
  };
  return out;
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

/** A request's If-Match / If-None-Match, parsed (see {@link readPreconditions}). @public */
export interface Preconditions {
  /** The tags of If-Match (`*` as `'*'`), when the request has one. */
  readonly ifMatch?: readonly string[];
  /** The tags of If-None-Match, when the request has one. */
  readonly ifNoneMatch?: readonly string[];
}

/**
 * Parses If-Match and If-None-Match (lists of weak or strong tags, or `*`). Empty headers count as absent.
 * Parsing first lets a write refuse a malformed header before it reads or locks anything.
 * @returns undefined when the request carries neither header
 * @throws ScimError 400 invalidValue for a header that is not a list of entity tags
 * @public
 */
export function readPreconditions(headers: { ifMatch?: string; ifNoneMatch?: string }): Preconditions | undefined {
  const ifMatch = headers.ifMatch?.trim() ? parseTags(headers.ifMatch) : undefined;
  const ifNoneMatch = headers.ifNoneMatch?.trim() ? parseTags(headers.ifNoneMatch) : undefined;
  if (!ifMatch && !ifNoneMatch) return undefined;
  return { ...(ifMatch ? { ifMatch } : {}), ...(ifNoneMatch ? { ifNoneMatch } : {}) };
}

/** What a precondition is evaluated against. @public */
export interface PreconditionTarget {
  /** Version of the stored resource; undefined/null when it does not exist or (a collection) has no entity tag. */
  currentVersion: number | string | null | undefined;
  /** Does the target have a current representation? Defaults to "currentVersion is set"; a collection exists without a tag. */
  exists?: boolean;
  method: string;
}

/**
 * Evaluates parsed preconditions in the order of RFC 9110 §13.2.2 (If-Match, then If-None-Match), with weak
 * comparison since every ETag this toolkit issues is weak (RFC 9110 §8.8.3.2; RFC 7644 §3.14):
 *
 * - If-Match holds when any listed tag is the current one, or when it is `*` and the target exists;
 * - If-None-Match fails when any listed tag is the current one, or when it is `*` and the target exists; then a
 *   GET or HEAD is answered 304 and any other method 412.
 *
 * @returns `'not-modified'` when a GET/HEAD should be answered 304, otherwise `'ok'`
 * @throws ScimError 412 when a precondition fails
 * @public
 */
export function evaluatePreconditions(preconditions: Preconditions | undefined, target: PreconditionTarget): 'ok' | 'not-modified' {
  if (!preconditions) return 'ok';
  const hasVersion = target.currentVersion !== undefined && target.currentVersion !== null;
  const exists = target.exists ?? hasVersion;
  const current = hasVersion ? String(target.currentVersion) : undefined;
  const matches = (tags: readonly string[]) => exists && tags.some((t) => t === '*' || (current !== undefined && t === current));
  if (preconditions.ifMatch && !matches(preconditions.ifMatch)) {
    throw new ScimError(412, undefined, !exists ? 'the resource does not exist' : current !== undefined ? `the resource has changed (current version ${etag(current)})` : 'If-Match names an entity tag the target does not have');
  }
  if (preconditions.ifNoneMatch && matches(preconditions.ifNoneMatch)) {
    const method = target.method.toUpperCase();
    if (method === 'GET' || method === 'HEAD') return 'not-modified';
    throw new ScimError(412, undefined, current !== undefined ? `the resource matches If-None-Match (version ${etag(current)})` : 'the target exists and If-None-Match is "*"');
  }
  return 'ok';
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
 * {@link readPreconditions} and {@link evaluatePreconditions} in one call.
 * @returns `'not-modified'` when a GET/HEAD should be answered 304, otherwise `'ok'`
 * @throws ScimError 412 when a precondition fails; 400 invalidValue for a malformed header
 * @public
 */
export function checkPreconditions(input: PreconditionInput): 'ok' | 'not-modified' {
  return evaluatePreconditions(readPreconditions(input), { currentVersion: input.currentVersion, method: input.method });
}
