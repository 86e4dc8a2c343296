/** The PatchOp request envelope (RFC 7644 §3.5.2). */
import { SCHEMA_PATCH_OP } from '../constants.js';
import { rfcDialect, type ScimDialect } from '../dialect.js';
import { badRequest, ScimError } from '../errors.js';
import { isObject } from '../values.js';

/** One PATCH operation with a canonical (lower-case) op name. @public */
export interface PatchOperation {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path?: string;
  readonly value?: unknown;
}

/** A member of a JSON object by case-insensitive key (RFC 7643 §2.1 applies to message attributes as well). */
function member(body: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(body, name)) return body[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(body)) if (key.toLowerCase() === lower) return body[key];
  return undefined;
}

function readOperation(raw: unknown, index: number, dialect: ScimDialect): PatchOperation {
  if (!isObject(raw)) throw badRequest('invalidSyntax', `Operations[${index}] must be an object`);
  const op = member(raw, 'op');
  if (typeof op !== 'string') throw badRequest('invalidSyntax', `Operations[${index}] needs an "op"`);
  const name = dialect.operationNamesCaseInsensitive ? op.toLowerCase() : op;
  if (name !== 'add' && name !== 'remove' && name !== 'replace') {
    throw badRequest('invalidSyntax', `Operations[${index}].op "${op}" is not one of "add", "remove", "replace"`);
  }
  const path = member(raw, 'path');
  if (path !== undefined && path !== null && (typeof path !== 'string' || path.trim() === '')) {
    throw badRequest('invalidPath', `Operations[${index}].path must be a non-empty string`);
  }
  const value = member(raw, 'value');
  if (name !== 'remove' && value === undefined) throw badRequest('invalidSyntax', `Operations[${index}] (${name}) needs a "value"`);
  const out: { op: PatchOperation['op']; path?: string; value?: unknown } = { op: name };
  if (typeof path === 'string') out.path = path.trim();
  if (value !== undefined) out.value = value;
  return out;
}

/**
 * Validates a PATCH body: `schemas` contains the PatchOp URN and `Operations` is a non-empty array of operations
 * whose `op` is add/remove/replace (any case when the dialect allows it).
 * @throws ScimError 400 invalidSyntax (or invalidPath for an empty `path`)
 * @public
 */
export function readPatchRequest(body: unknown, dialect: ScimDialect = rfcDialect): PatchOperation[] {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'the PATCH body must be a JSON object');
  const schemas = member(body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SCHEMA_PATCH_OP.toLowerCase())) {
    throw badRequest('invalidSyntax', `"schemas" must contain "${SCHEMA_PATCH_OP}"`);
  }
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) throw badRequest('invalidSyntax', '"Operations" must be a non-empty array');
  return operations.map((raw, index) => readOperation(raw, index, dialect));
}

/**
 * Refuses a PATCH that carries more operations than the server applies in one request, before any of them is read.
 * RFC 7644 sets no limit for PATCH; for the one request kind it does limit (Bulk, §3.7.4: more operations than
 * `maxOperations`) it answers 413 with a detail that names the limit, and so does this.
 * @throws ScimError 413 (no scimType: RFC 7644 §3.12 defines them for 400 errors)
 * @public
 */
export function checkOperationCount(body: unknown, maxOperations: number): void {
  const operations = isObject(body) ? member(body, 'Operations') : undefined;
  if (!Array.isArray(operations) || operations.length <= maxOperations) return;
  throw new ScimError(413, undefined, `a PATCH request may carry at most ${maxOperations} operations; this one has ${operations.length}. Send the changes in several requests.`);
}
