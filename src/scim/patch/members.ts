/**
 * Group membership out of a PATCH request, as set-based deltas: a group of 50,000 members is never loaded,
 * modified and stored, and parallel PATCHes to one group do not lose members.
 */
import { SCHEMA_GROUP } from '../constants.js';
import { rfcDialect, type ScimDialect } from '../dialect.js';
import { badRequest } from '../errors.js';
import type { FilterNode } from '../filter/ast.js';
import { FilterParser } from '../filter/parser.js';
import { resolvePath } from '../path.js';
import { groupResourceType } from '../schema/resource-type.js';
import { isObject } from '../values.js';
import { readPatchRequest, type PatchOperation } from './envelope.js';

/**
 * Membership changes of a Group PATCH. Apply `replace` first (when present, the full new member set), then `add`,
 * then `remove`; the three never overlap. `otherOperations` still need the PATCH engine.
 * @public
 */
export interface MemberChanges {
  add: string[];
  remove: string[];
  replace?: string[];
  otherOperations: PatchOperation[];
}

const CORE_PREFIX = `${SCHEMA_GROUP.toLowerCase()}:`;

/** `members`, `members[...]` or `members.x`, with or without the core Group URN; undefined for other paths. */
function membersPath(path: string): string | undefined {
  const lower = path.toLowerCase();
  const local = lower.startsWith(CORE_PREFIX) ? path.slice(CORE_PREFIX.length) : path;
  const head = local.slice(0, 7).toLowerCase();
  if (head !== 'members') return undefined;
  const next = local[7];
  return next === undefined || next === '[' || next === '.' || next === ' ' ? local : undefined;
}

function memberIds(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return list.map((member, i) => {
    const id = isObject(member) ? member.value : undefined;
    if (typeof id !== 'string' || id === '') throw badRequest('invalidValue', `${where}[${i}] needs a string "value" (the member id)`);
    return id;
  });
}

/** The ids a `members[...]` filter selects: `value eq "id"`, joined by `or`. */
function filterIds(filter: FilterNode, path: string): string[] {
  if (filter.kind === 'or') return [...filterIds(filter.left, path), ...filterIds(filter.right, path)];
  if (filter.kind === 'compare' && filter.op === 'eq' && filter.path.subAttribute === 'value' && typeof filter.value === 'string') return [filter.value];
  throw badRequest('invalidFilter', `"${path}": members can only be selected by value eq "<id>" (optionally joined by or)`);
}

function parseMembersFilter(local: string, dialect: ScimDialect): string[] {
  const group = groupResourceType();
  const parser = new FilterParser(local, group, dialect);
  parser.pos = 7;
  const node = parser.parseValuePath(resolvePath('members', group), 0);
  parser.end();
  if (node.kind !== 'valuePath') throw badRequest('invalidPath', `"${local}" is not a valid path`);
  return filterIds(node.filter, local);
}

class Delta {
  readonly add = new Set<string>();
  readonly remove = new Set<string>();
  replace: Set<string> | undefined;

  adding(ids: string[]): void {
    for (const id of ids) {
      if (this.replace) this.replace.add(id);
      else {
        this.remove.delete(id);
        this.add.add(id);
      }
    }
  }

  removing(ids: string[]): void {
    for (const id of ids) {
      if (this.replace) this.replace.delete(id);
      else {
        this.add.delete(id);
        this.remove.add(id);
      }
    }
  }

  replacing(ids: string[]): void {
    this.replace = new Set(ids);
    this.add.clear();
    this.remove.clear();
  }
}

function memberOperation(delta: Delta, operation: PatchOperation, local: string, dialect: ScimDialect): void {
  const where = `members (${operation.op})`;
  if (local.includes('[')) {
    // RFC 7644 §3.5.2.2: remove members[value eq "id"] removes the selected members.
    if (operation.op !== 'remove') throw badRequest('invalidPath', `"${local}": only remove may select members by filter`);
    return delta.removing(parseMembersFilter(local, dialect));
  }
  if (local.length > 7) throw badRequest('invalidPath', `"${local}": members are changed as a whole ({ value }), not by sub-attribute`);
  if (operation.op === 'add') return delta.adding(memberIds(operation.value, where));
  if (operation.op === 'replace') return delta.replacing(memberIds(operation.value, where));
  // A remove with a value list removes exactly those members (never empties the group); without one, all of them.
  if (operation.value === undefined || operation.value === null) return delta.replacing([]);
  delta.removing(memberIds(operation.value, where));
}

/**
 * Splits a Group PATCH into membership deltas and the remaining operations. Understands `add`/`replace`/`remove`
 * on `members` (value arrays), `remove` on `members[value eq "id"]`, `remove` of all members, and `members` inside
 * a no-path `add`/`replace` value. Member ids are opaque strings.
 * @throws ScimError 400 invalidSyntax (envelope), invalidValue (member without a string `value`), invalidFilter
 *   (a member filter other than `value eq`), invalidPath (a member sub-attribute path)
 * @public
 */
export function extractMemberChanges(body: unknown, options: { dialect?: ScimDialect } = {}): MemberChanges {
  const dialect = options.dialect ?? rfcDialect;
  const delta = new Delta();
  const otherOperations: PatchOperation[] = [];
  for (const operation of readPatchRequest(body, dialect)) {
    const local = operation.path === undefined ? undefined : membersPath(operation.path);
    if (local !== undefined) {
      memberOperation(delta, operation, local.trim(), dialect);
      continue;
    }
    if (operation.path === undefined && operation.op !== 'remove' && isObject(operation.value)) {
      const { rest, members } = splitMembers(operation.value);
      if (members !== undefined) {
        const ids = members === null ? [] : memberIds(members, `members (${operation.op})`);
        if (operation.op === 'add') delta.adding(ids);
        else delta.replacing(ids);
        if (Object.keys(rest).length) otherOperations.push({ op: operation.op, value: rest });
        continue;
      }
    }
    otherOperations.push(operation);
  }
  return {
    add: [...delta.add],
    remove: [...delta.remove],
    ...(delta.replace ? { replace: [...delta.replace] } : {}),
    otherOperations,
  };
}

function splitMembers(value: Record<string, unknown>): { rest: Record<string, unknown>; members: unknown } {
  const rest: Record<string, unknown> = {};
  let members: unknown = undefined;
  for (const [key, v] of Object.entries(value)) {
    if (membersPath(key)?.toLowerCase() === 'members') members = v;
    else rest[key] = v;
  }
  return { rest, members };
}
