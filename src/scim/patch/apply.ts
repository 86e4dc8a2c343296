/**
 * The PATCH engine (RFC 7644 §3.5.2): applies add / remove / replace operations to a canonical resource document
 * and returns a new document. The input is never mutated; a failing operation fails the whole request.
 *
 * Its cost is linear in the request and the document: an operation never copies or re-normalises the document,
 * and `add` / `remove` with values on a multi-valued attribute go through an index of that attribute's values
 * that stays open across the operations (see value-set.ts). Only a value filter (`emails[type eq "work"]`) scans
 * its attribute's values, once per operation that names it.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { rfcDialect, type ScimDialect } from '../dialect.js';
import { badRequest } from '../errors.js';
import type { FilterNode } from '../filter/ast.js';
import { matchesElement } from '../filter/evaluate.js';
import { attributeOf, extensionSchemaNamed, printPath, resolvePath, type ResolvedPath } from '../path.js';
import { subAttributeOf } from '../schema/attribute.js';
import { isCoreSchema, type ResourceType } from '../schema/resource-type.js';
import { cloneJson, coerceValue, deepEqual, isObject, tooManyValues, type CoerceOptions } from '../values.js';
import { asArray, assign, eqAssignments, keepPrimary, pruneAttribute, type Doc } from './elements.js';
import { readPatchRequest, type PatchOperation } from './envelope.js';
import { parsePatchPath } from './target.js';
import { ValueSet } from './value-set.js';

/** Options of {@link applyPatch}. @public */
export interface ApplyPatchOptions {
  resourceType: ResourceType;
  dialect?: ScimDialect;
  /**
   * The most values a multi-valued attribute may hold, in an operation's value and after it (400 invalidValue).
   * A value filter scans its attribute once per operation, so this bounds the work of a PATCH with the operation
   * count. Unset: no limit.
   */
  maxValues?: number;
}

/** Result of {@link applyPatch}: the new document and whether anything differs from the input. @public */
export interface ApplyPatchResult {
  document: Record<string, unknown>;
  changed: boolean;
}

interface Ctx {
  readonly rt: ResourceType;
  readonly dialect: ScimDialect;
  readonly coerce: CoerceOptions;
  readonly doc: Doc;
  /** Value sets still open, by container and attribute; written back before anything else touches them. */
  readonly open: Map<Doc, Map<string, ValueSet>>;
}

function containerFor(ctx: Ctx, schema: string, create: boolean): Doc | undefined {
  if (isCoreSchema(ctx.rt, schema)) return ctx.doc;
  const existing = ctx.doc[schema];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const created: Doc = {};
  ctx.doc[schema] = created;
  return created;
}

const labelOf = (ctx: Ctx, path: ResolvedPath) => printPath(path, ctx.rt);

/** Writes back the open value sets of a container (one attribute, or all of them) before other code reads it. */
function touch(ctx: Ctx, schema: string, attribute?: string): void {
  const container = containerFor(ctx, schema, false);
  const sets = container && ctx.open.get(container);
  if (!sets) return;
  for (const [name, set] of sets) {
    if (attribute !== undefined && name !== attribute) continue;
    set.close();
    sets.delete(name);
  }
  if (sets.size === 0) ctx.open.delete(container);
}

function closeAll(ctx: Ctx): void {
  for (const sets of ctx.open.values()) for (const set of sets.values()) set.close();
  ctx.open.clear();
}

/**
 * `add` of values to, or `remove` of given values from, a multi-valued attribute without a mutability rule: done
 * on the attribute's open value set, so each value costs O(1) whatever the attribute holds. False when the
 * operation is of another kind (the caller applies it to the document).
 */
function viaValueSet(ctx: Ctx, op: PatchOperation['op'], path: ResolvedPath, raw: unknown): boolean {
  const def = path.definition;
  if (path.subAttribute !== undefined || !def.multiValued || def.mutability === 'readOnly' || def.mutability === 'immutable') return false;
  if (op === 'replace' || raw === null || raw === undefined) return false;
  const container = containerFor(ctx, path.schema, op === 'add');
  if (!container) return true;
  let set = ctx.open.get(container)?.get(path.attribute);
  // RFC 7644 §3.5.2.2: removing from an unassigned attribute changes nothing (and its values are not checked).
  if (op === 'remove' && (set ? set.size === 0 : container[path.attribute] === undefined)) return true;
  const values = coerceValue(def, raw, labelOf(ctx, path), ctx.coerce) as unknown[] | undefined;
  if (values === undefined && op === 'add') return true;
  if (!set) {
    set = new ValueSet(container, path.attribute, def);
    const sets = ctx.open.get(container) ?? new Map<string, ValueSet>();
    sets.set(path.attribute, set);
    ctx.open.set(container, sets);
  }
  if (op === 'add') {
    set.add(values!);
    const max = ctx.coerce.maxValues;
    if (max !== undefined && set.size > max) throw tooManyValues(labelOf(ctx, path), max);
  } else set.remove(values ?? []);
  return true;
}

/** The values a mutability rule watches: the attribute, or the targeted sub-attribute across elements. */
function watched(ctx: Ctx, path: ResolvedPath, subLevel: boolean): unknown {
  const value = containerFor(ctx, path.schema, false)?.[path.attribute];
  if (!subLevel) return cloneJson(value);
  return asArray(value).map((e) => (isObject(e) ? e[path.subAttribute!] : undefined));
}

/**
 * Runs a mutation and enforces RFC 7643 §2.2 mutability on its outcome: a readOnly attribute may not change, an
 * immutable one may only be assigned while unassigned. Writing the current value again is accepted (a no-op).
 */
function guarded(ctx: Ctx, path: ResolvedPath, mutate: () => void): void {
  const subLevel = path.subAttribute !== undefined && (path.leaf.mutability === 'readOnly' || path.leaf.mutability === 'immutable');
  const rule = subLevel ? path.leaf.mutability : path.definition.mutability;
  if (rule !== 'readOnly' && rule !== 'immutable') return mutate();
  const before = watched(ctx, path, subLevel);
  mutate();
  const after = watched(ctx, path, subLevel);
  if (deepEqual(before, after)) return;
  const unassigned = before === undefined || (Array.isArray(before) && before.every((v) => v === undefined));
  if (rule === 'readOnly' || !unassigned) throw badRequest('mutability', `"${labelOf(ctx, path)}" is ${rule} and cannot be modified`);
}

/** Removes the sub-attributes a value object sets to null (RFC 7643 §2.5), before the rest is merged. */
function clearNulls(ctx: Ctx, path: ResolvedPath, raw: unknown, target: Doc): void {
  if (!isObject(raw) || !ctx.dialect.nullMeansAbsent) return;
  for (const key of Object.keys(raw)) {
    const sub = raw[key] === null ? subAttributeOf(path.definition, key) : undefined;
    if (sub) delete target[sub.name];
  }
}

function addOrReplace(ctx: Ctx, op: 'add' | 'replace', path: ResolvedPath, filter: FilterNode | undefined, raw: unknown): void {
  const def = path.definition;
  const container = containerFor(ctx, path.schema, true)!;
  const attribute = path.attribute;
  const label = labelOf(ctx, path);
  if (filter) return applyFiltered(ctx, path, filter, raw, op);
  if (path.subAttribute) {
    const sub = path.subAttribute;
    const value = coerceValue(path.leaf, raw, label, ctx.coerce);
    if (!def.multiValued) {
      const current = container[attribute];
      const target: Doc = isObject(current) ? current : {};
      assign(target, sub, value);
      container[attribute] = target;
    } else {
      const list = asArray(container[attribute]);
      // RFC 7644 §3.5.2.3: a target that does not exist is treated as an add.
      if (list.length === 0 && value !== undefined) container[attribute] = [{ [sub]: value }];
      for (const element of list) if (isObject(element)) assign(element, sub, value);
      if (sub === 'primary' && value === true) keepPrimary(list, list.slice(0, 1));
    }
    return pruneAttribute(container, attribute);
  }
  const value = coerceValue(def, raw, label, ctx.coerce);
  if (value === undefined) {
    // Null removes (RFC 7643 §2.5); an empty array added to a multi-valued attribute changes nothing.
    if (!(op === 'add' && def.multiValued && raw !== null)) delete container[attribute];
    return;
  }
  if (def.multiValued) {
    if (op === 'replace') container[attribute] = value;
    else {
      const set = new ValueSet(container, attribute, def);
      set.add(value as unknown[]);
      set.close();
    }
  } else if (def.type === 'complex') {
    // RFC 7644 §3.5.2.1/§3.5.2.3: sub-attributes not given are left unchanged.
    const target: Doc = isObject(container[attribute]) ? (container[attribute] as Doc) : {};
    clearNulls(ctx, path, raw, target);
    container[attribute] = Object.assign(target, value);
  } else {
    container[attribute] = value;
  }
  pruneAttribute(container, attribute);
}

function coerceElement(ctx: Ctx, path: ResolvedPath, raw: unknown): Doc | undefined {
  if (!isObject(raw)) throw badRequest('invalidValue', `"${labelOf(ctx, path)}" takes an object as value`);
  const coerced = coerceValue(path.definition, [raw], labelOf(ctx, path), ctx.coerce) as Doc[] | undefined;
  return coerced?.[0];
}

/** `emails[type eq "work"]` or `emails[type eq "work"].value` as the target of add / replace. */
function applyFiltered(ctx: Ctx, path: ResolvedPath, filter: FilterNode, raw: unknown, op: 'add' | 'replace'): void {
  const container = containerFor(ctx, path.schema, true)!;
  const list = asArray(container[path.attribute]);
  const matches = list.filter((element) => matchesElement(filter, element)) as Doc[];
  const sub = path.subAttribute;
  if (matches.length === 0) {
    // RFC 7644 §3.5.2.3: an unmatched value path is noTarget, unless the dialect asks for the element to be added.
    const seed = ctx.dialect.replaceUnmatchedValuePathAdds ? eqAssignments(filter) : undefined;
    if (!seed) throw badRequest('noTarget', `no value of "${path.attribute}" matches the filter of "${labelOf(ctx, path)}"`);
    if (raw === null) return;
    const element = coerceElement(ctx, path, sub ? { ...seed, [sub]: raw } : isObject(raw) ? { ...seed, ...raw } : raw);
    if (!element) return;
    const max = ctx.coerce.maxValues;
    if (max !== undefined && list.length >= max) throw tooManyValues(labelOf(ctx, path), max);
    container[path.attribute] = [...list, element];
    return keepPrimary(container[path.attribute] as unknown[], [element]);
  }
  if (sub) {
    const value = coerceValue(path.leaf, raw, labelOf(ctx, path), ctx.coerce);
    for (const element of matches) assign(element, sub, value);
    if (sub === 'primary' && value === true) keepPrimary(list, matches.slice(0, 1));
  } else {
    const element = raw === null ? undefined : coerceElement(ctx, path, raw);
    if (!element) {
      const removed = new Set<unknown>(matches);
      container[path.attribute] = list.filter((e) => !removed.has(e));
    } else {
      for (const match of matches) {
        // RFC 7644 §3.5.2.3: matching records are replaced; add merges into them.
        if (op === 'replace') for (const key of Object.keys(match)) delete match[key];
        clearNulls(ctx, path, raw, match);
        Object.assign(match, element);
      }
      keepPrimary(list, matches);
    }
  }
  pruneAttribute(container, path.attribute);
}

function remove(ctx: Ctx, path: ResolvedPath, filter: FilterNode | undefined, raw: unknown): void {
  const container = containerFor(ctx, path.schema, false);
  if (!container || container[path.attribute] === undefined) return;
  const attribute = path.attribute;
  const sub = path.subAttribute;
  if (filter || (path.definition.multiValued && sub)) {
    const list = asArray(container[attribute]);
    const selected = filter ? list.filter((element) => matchesElement(filter, element)) : list;
    if (sub) for (const element of selected) if (isObject(element)) delete element[sub];
    const removed = new Set(selected);
    container[attribute] = sub ? list : list.filter((element) => !removed.has(element));
  } else if (sub) {
    const target = container[attribute];
    if (isObject(target)) delete target[sub];
  } else if (path.definition.multiValued && raw !== undefined && raw !== null) {
    // Not in RFC 7644, but sent by directories: remove with a value removes exactly those values.
    const values = (coerceValue(path.definition, raw, labelOf(ctx, path), ctx.coerce) as unknown[] | undefined) ?? [];
    const set = new ValueSet(container, attribute, path.definition);
    set.remove(values);
    set.close();
  } else {
    delete container[attribute];
  }
  pruneAttribute(container, attribute);
}

function resolveKey(ctx: Ctx, key: string): ResolvedPath | undefined {
  try {
    return resolvePath(key, ctx.rt, 'invalidPath');
  } catch (error) {
    if (ctx.dialect.ignoreUnknownAttributes) return undefined;
    throw error;
  }
}

/** Removes a whole extension (its URN as the path of a remove, or with a null value). */
function dropExtension(ctx: Ctx, schema: string): void {
  touch(ctx, schema);
  delete ctx.doc[schema];
}

/**
 * `schemas` inside a value object names the resource's schemas (RFC 7643 §3), not an attribute: clients that send a
 * whole extension as one value sometimes carry it along. It is ignored, unless the extension defines an attribute
 * of that name.
 */
function isSchemasMember(ctx: Ctx, key: string, schema: string | undefined): boolean {
  if (key.toLowerCase() !== 'schemas') return false;
  return schema === undefined || attributeOf(ctx.rt, schema, key) === undefined;
}

/**
 * An operation without `path` (the value is an object of attributes; keys may be dotted or URN-qualified, and an
 * extension's URN as a key takes an object of that extension's attributes), or one whose path is an extension's
 * URN (`schema`): then the value is an object of that extension's attributes. Either way, like a complex attribute
 * (RFC 7644 §3.5.2.1, §3.5.2.3), the attributes given are added or replaced and the others are left unchanged.
 */
function applyWithoutPath(ctx: Ctx, op: 'add' | 'replace', value: unknown, schema?: string): void {
  if (!isObject(value)) {
    throw badRequest('invalidValue', schema ? `"${schema}" takes an object of its attributes as value` : `"${op}" without a path takes an object of attributes as value`);
  }
  for (const key of Object.keys(value)) {
    if (isSchemasMember(ctx, key, schema)) continue;
    const extension = schema ? undefined : extensionSchemaNamed(ctx.rt, key);
    if (extension) {
      if (value[key] === null) dropExtension(ctx, extension);
      else applyWithoutPath(ctx, op, value[key], extension);
      continue;
    }
    const path = resolveKey(ctx, schema ? `${schema}:${key}` : key);
    if (!path || viaValueSet(ctx, op, path, value[key])) continue;
    touch(ctx, path.schema, path.attribute);
    guarded(ctx, path, () => addOrReplace(ctx, op, path, undefined, value[key]));
  }
}

function applyOperation(ctx: Ctx, operation: PatchOperation): void {
  if (operation.path === undefined) {
    // RFC 7644 §3.5.2.2: remove without a path is noTarget.
    if (operation.op === 'remove') throw badRequest('noTarget', 'remove needs a "path"');
    return applyWithoutPath(ctx, operation.op, operation.value);
  }
  const target = parsePatchPath(operation.path, ctx.rt, ctx.dialect);
  if (target.kind === 'schema') {
    // The extension as a whole, like a complex attribute: remove (or a null value, RFC 7643 §2.5) unassigns it.
    if (operation.op === 'remove' || operation.value === null) dropExtension(ctx, target.schema);
    else applyWithoutPath(ctx, operation.op, operation.value, target.schema);
    return;
  }
  const { path, filter } = target;
  if (!filter && viaValueSet(ctx, operation.op, path, operation.value)) return;
  touch(ctx, path.schema, path.attribute);
  // RFC 7644 §3.5.2: a path naming a readOnly attribute is a mutability error, unless it writes the current value.
  const readOnly = path.definition.mutability === 'readOnly' || (path.subAttribute !== undefined && path.leaf.mutability === 'readOnly');
  if (readOnly && !filter) {
    const stored = watched(ctx, path, false);
    const current = path.subAttribute && isObject(stored) ? stored[path.subAttribute] : stored;
    const unchanged = operation.op === 'remove' ? current === undefined : deepEqual(current, operation.value);
    if (!unchanged) throw badRequest('mutability', `"${labelOf(ctx, path)}" is readOnly and cannot be modified`);
  }
  if (operation.op === 'remove') guarded(ctx, path, () => remove(ctx, path, filter, operation.value));
  else guarded(ctx, path, () => addOrReplace(ctx, operation.op as 'add' | 'replace', path, filter, operation.value));
}

/** Drops empty extension objects and lists in `schemas` the core schema plus the extensions with data. */
function finish(ctx: Ctx, original: Doc): boolean {
  closeAll(ctx);
  for (const { schema } of ctx.rt.extensions) {
    const value = ctx.doc[schema.id];
    if (value !== undefined && (!isObject(value) || Object.keys(value).length === 0)) delete ctx.doc[schema.id];
  }
  for (const { schema, definition } of ctx.rt.index.required) {
    const had = containerFor({ ...ctx, doc: original }, schema, false)?.[definition.name] !== undefined;
    if (had && containerFor(ctx, schema, false)?.[definition.name] === undefined) {
      // RFC 7644 §3.5.2.2: "If an attribute is removed or becomes unassigned and is defined as a required
      // attribute or a read-only attribute, the server SHALL return ... a "scimType" error code of "mutability"."
      throw badRequest('mutability', `"${definition.name}" is required and cannot be removed`);
    }
  }
  const changed = !deepEqual(original, ctx.doc);
  ctx.doc.schemas = [ctx.rt.schema.id, ...ctx.rt.extensions.map((e) => e.schema.id).filter((id) => ctx.doc[id] !== undefined)];
  return changed;
}

function begin(document: Record<string, unknown>, body: unknown, options: ApplyPatchOptions): { ctx: Ctx; operations: PatchOperation[] } {
  const dialect = options.dialect ?? rfcDialect;
  const operations = readPatchRequest(body, dialect);
  const ctx: Ctx = {
    rt: options.resourceType,
    dialect,
    coerce: { dialect, dropReadOnly: true, wrapSingle: true, maxValues: options.maxValues },
    doc: cloneJson(document),
    open: new Map(),
  };
  return { ctx, operations };
}

/**
 * Applies a PATCH request (RFC 7644 §3.5.2) to a canonical resource document.
 * @param document - the current resource (core attributes at the top, extensions under their URN); not mutated
 * @param body - the request body (`schemas` with the PatchOp URN, `Operations`)
 * @returns the new document (its `schemas` recomputed) and whether any attribute changed
 * @throws ScimError 400: invalidSyntax (envelope), invalidPath (unknown attribute), invalidFilter (bad value
 *   filter), mutability (readOnly/immutable target, removing a required attribute), noTarget (remove without
 *   path, unmatched value path), invalidValue (wrong type, more values than `maxValues`)
 * @public
 */
export function applyPatch(document: Record<string, unknown>, body: unknown, options: ApplyPatchOptions): ApplyPatchResult {
  const { ctx, operations } = begin(document, body, options);
  for (const operation of operations) applyOperation(ctx, operation);
  const changed = finish(ctx, document);
  return { document: ctx.doc, changed };
}

/** How long {@link applyPatchAsync} works before it lets other requests run. */
const SLICE_MS = 10;

/**
 * {@link applyPatch} for servers: the same result, but the work is cut into slices of about 10 ms with a turn of
 * the event loop between them, so one large PATCH never stalls the other requests of the process.
 * @public
 */
export async function applyPatchAsync(document: Record<string, unknown>, body: unknown, options: ApplyPatchOptions): Promise<ApplyPatchResult> {
  let sliceStart = performance.now();
  const { ctx, operations } = begin(document, body, options);
  for (const operation of operations) {
    applyOperation(ctx, operation);
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  const changed = finish(ctx, document);
  return { document: ctx.doc, changed };
}
