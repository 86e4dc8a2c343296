/**
 * Resource types (RFC 7643 §6) with the lookup maps every request needs, built once per type: lower-case attribute
 * name → definition for the core schema and each extension, and the schema URNs longest first for path prefixes.
 */
import { SCHEMA_GROUP, SCHEMA_USER } from '../constants.js';
import { defineAttribute, type AttributeDefinition, type SchemaDefinition } from './attribute.js';
import { enterpriseUserSchema } from './enterprise.schema.js';
import { groupSchema } from './group.schema.js';
import { userSchema } from './user.schema.js';

/** A schema extension of a resource type (RFC 7643 §6 `schemaExtensions`). @public */
export interface SchemaExtension {
  readonly schema: SchemaDefinition;
  readonly required: boolean;
}

/** Precomputed lookups of one resource type (internal to the toolkit). */
export interface ResourceIndex {
  /** Core attributes plus the common attributes `id`, `externalId`, `meta` (RFC 7643 §3.1). */
  readonly core: ReadonlyMap<string, AttributeDefinition>;
  /** Lower-case extension URN → its schema and attribute map. */
  readonly extensions: ReadonlyMap<string, { readonly schema: SchemaDefinition; readonly attributes: ReadonlyMap<string, AttributeDefinition> }>;
  /** Every schema URN (core first, then extensions), lower-cased, longest first, for URN-prefixed paths. */
  readonly prefixes: readonly { readonly lower: string; readonly id: string }[];
  /** Required top-level attributes of the core schema and the extensions (RFC 7643 §2.2 `required`). */
  readonly required: readonly { readonly schema: string; readonly definition: AttributeDefinition }[];
}

/** A SCIM resource type: `User` at `/Users` with the core schema and its extensions. @public */
export interface ResourceType {
  readonly name: string;
  readonly endpoint: string;
  readonly description: string;
  readonly schema: SchemaDefinition;
  readonly extensions: readonly SchemaExtension[];
  /** @internal built by {@link defineResourceType}; do not construct by hand. */
  readonly index: ResourceIndex;
}

/** Common attributes of every resource (RFC 7643 §3.1); resolved under the core schema URN. */
export const commonAttributes: readonly AttributeDefinition[] = Object.freeze([
  defineAttribute({ name: 'id', caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  defineAttribute({ name: 'externalId', caseExact: true }),
  defineAttribute({
    name: 'meta',
    type: 'complex',
    mutability: 'readOnly',
    subAttributes: [
      { name: 'resourceType', caseExact: true, mutability: 'readOnly' },
      { name: 'created', type: 'dateTime', mutability: 'readOnly' },
      { name: 'lastModified', type: 'dateTime', mutability: 'readOnly' },
      { name: 'location', type: 'reference', referenceTypes: ['uri'], caseExact: true, mutability: 'readOnly' },
      { name: 'version', caseExact: true, mutability: 'readOnly' },
    ],
  }),
]);

function byName(attributes: readonly AttributeDefinition[]): Map<string, AttributeDefinition> {
  return new Map(attributes.map((a) => [a.name.toLowerCase(), a]));
}

/**
 * Declares a resource type and precomputes its lookups.
 * @throws TypeError when an extension repeats the core schema or another extension
 * @public
 */
export function defineResourceType(input: {
  name: string;
  endpoint: string;
  description?: string;
  schema: SchemaDefinition;
  extensions?: readonly (SchemaDefinition | SchemaExtension)[];
}): ResourceType {
  const extensions = (input.extensions ?? []).map((e): SchemaExtension => ('schema' in e ? e : { schema: e, required: false }));
  const core = byName([...commonAttributes, ...input.schema.attributes]);
  const extensionIndex = new Map<string, { schema: SchemaDefinition; attributes: Map<string, AttributeDefinition> }>();
  for (const { schema } of extensions) {
    const lower = schema.id.toLowerCase();
    if (lower === input.schema.id.toLowerCase() || extensionIndex.has(lower)) throw new TypeError(`schema ${schema.id} is given twice for ${input.name}`);
    extensionIndex.set(lower, { schema, attributes: byName(schema.attributes) });
  }
  const prefixes = [input.schema, ...extensions.map((e) => e.schema)]
    .map((s) => ({ lower: s.id.toLowerCase(), id: s.id }))
    .sort((a, b) => b.lower.length - a.lower.length);
  const required = [input.schema, ...extensions.map((e) => e.schema)].flatMap((s) =>
    s.attributes.filter((a) => a.required).map((definition) => ({ schema: s.id, definition })),
  );
  return Object.freeze({
    name: input.name,
    endpoint: input.endpoint,
    description: input.description ?? input.name,
    schema: input.schema,
    extensions: Object.freeze(extensions),
    index: Object.freeze({ core, extensions: extensionIndex, prefixes: Object.freeze(prefixes), required: Object.freeze(required) }),
  });
}

/** Is `urn` the core schema of the type (case-insensitive)? */
export function isCoreSchema(resourceType: ResourceType, urn: string): boolean {
  return urn === resourceType.schema.id || urn.toLowerCase() === resourceType.schema.id.toLowerCase();
}

/**
 * The User resource type: core User, the Enterprise User extension, and any custom extensions of a directory.
 * @public
 */
export function userResourceType(customExtensions: readonly SchemaDefinition[] = []): ResourceType {
  if (customExtensions.length === 0) return defaultUserType;
  return defineResourceType({ name: 'User', endpoint: '/Users', description: 'User Account', schema: userSchema, extensions: [enterpriseUserSchema, ...customExtensions] });
}

/** The Group resource type (core Group plus optional extensions). @public */
export function groupResourceType(extensions: readonly SchemaDefinition[] = []): ResourceType {
  if (extensions.length === 0) return defaultGroupType;
  return defineResourceType({ name: 'Group', endpoint: '/Groups', description: 'Group', schema: groupSchema, extensions });
}

const defaultUserType = defineResourceType({ name: 'User', endpoint: '/Users', description: 'User Account', schema: userSchema, extensions: [enterpriseUserSchema] });
const defaultGroupType = defineResourceType({ name: 'Group', endpoint: '/Groups', description: 'Group', schema: groupSchema });

/** Core schema URNs with a known resource type name, for `withMeta` on documents that lack `schemas`. */
export const CORE_SCHEMA_BY_TYPE: Readonly<Record<string, string>> = Object.freeze({ User: SCHEMA_USER, Group: SCHEMA_GROUP });
