/**
 * Attribute paths (RFC 7644 §3.10 `attrPath = [URI ":"] ATTRNAME *1subAttr`) resolved case-insensitively
 * (RFC 7643 §2.1) against a resource type into canonical names plus the attribute definition.
 */
import { badRequest, type ScimType } from './errors.js';
import { subAttributeOf, type AttributeDefinition } from './schema/attribute.js';
import { isCoreSchema, type ResourceType } from './schema/resource-type.js';

/**
 * An attribute path in canonical form. Self-describing, so a storage layer can compile filters without the schema:
 * `definition` is the top-level attribute's (its `multiValued`), `leaf` the one the path names (its `type`,
 * `caseExact`) — the sub-attribute's when there is one.
 * @public
 */
export interface ResolvedPath {
  /** Schema URN the attribute belongs to, as the schema spells it (common attributes use the core schema). */
  readonly schema: string;
  /** Canonical attribute name, e.g. `emails`. */
  readonly attribute: string;
  /** Canonical sub-attribute name, e.g. `value`. */
  readonly subAttribute?: string;
  /** Definition of `attribute`. */
  readonly definition: AttributeDefinition;
  /** Definition of the named leaf: the sub-attribute's, or `definition` itself. */
  readonly leaf: AttributeDefinition;
}

const ATTRNAME = /^[A-Za-z$][\w$-]*$/;

/** Splits an optional schema URN prefix off a path; undefined when it starts with an unknown URN. */
export function splitSchemaPrefix(resourceType: ResourceType, text: string): { schema: string; rest: string } | undefined {
  if (text.length < 4 || (text.charCodeAt(0) | 32) !== 117 /* u */ || text.slice(0, 4).toLowerCase() !== 'urn:') {
    return { schema: resourceType.schema.id, rest: text };
  }
  const lower = text.toLowerCase();
  for (const prefix of resourceType.index.prefixes) {
    if (lower.startsWith(prefix.lower) && text.charCodeAt(prefix.lower.length) === 58 /* : */) {
      return { schema: prefix.id, rest: text.slice(prefix.lower.length + 1) };
    }
  }
  return undefined;
}

/**
 * The schema URN that a key or path under a URN the resource type does not have names (RFC 7644 §3.10:
 * `URI ":" attrPath`): for an object of extension attributes (`container`) the key itself, else the URN before the
 * last ":" (what follows it is the attribute). Undefined when `text` is not under a URN, or under a known one.
 */
export function undeclaredSchemaOf(resourceType: ResourceType, text: string, container = false): string | undefined {
  if (text.slice(0, 4).toLowerCase() !== 'urn:' || splitSchemaPrefix(resourceType, text) || extensionSchemaNamed(resourceType, text)) return undefined;
  if (container) return text;
  const colon = text.lastIndexOf(':');
  return colon > 4 ? text.slice(0, colon) : text;
}

/**
 * What a client is told about data under an extension schema the directory has not declared (custom extensions
 * are declared per directory; Entra sends them under the URN its attribute mapping names).
 */
export function undeclaredSchemaDetail(resourceType: ResourceType, urn: string): string {
  return `schema "${urn}" is not declared for ${resourceType.name} on this directory: declare it with its attributes in the directory's custom extension schemas (customSchemas), or leave its attributes out of the mapping`;
}

/** The extension schema URN `text` names exactly (case-insensitive), if any. */
export function extensionSchemaNamed(resourceType: ResourceType, text: string): string | undefined {
  return resourceType.index.extensions.get(text.toLowerCase())?.schema.id;
}

/** The definition of a top-level attribute of `schema` by case-insensitive name. */
export function attributeOf(resourceType: ResourceType, schema: string, name: string): AttributeDefinition | undefined {
  const key = name.toLowerCase();
  if (isCoreSchema(resourceType, schema)) return resourceType.index.core.get(key);
  return resourceType.index.extensions.get(schema.toLowerCase())?.attributes.get(key);
}

/**
 * Resolves `userName`, `name.givenName`, `emails.value` or `urn:…:enterprise:2.0:User:manager.value`.
 * A complex attribute without a sub-attribute resolves to itself.
 * @param scimType - what an unknown or malformed path is reported as (`invalidPath` in PATCH, `invalidFilter` in filters)
 * @throws ScimError 400 with `scimType` for an unknown schema, attribute or sub-attribute, or bad syntax
 * @public
 */
export function resolvePath(text: string, resourceType: ResourceType, scimType: ScimType = 'invalidPath'): ResolvedPath {
  const split = splitSchemaPrefix(resourceType, text);
  if (!split) throw badRequest(scimType, `"${text}" names a schema that ${resourceType.name} does not have; ${undeclaredSchemaDetail(resourceType, undeclaredSchemaOf(resourceType, text) ?? text)}`);
  const dot = split.rest.indexOf('.');
  const name = dot < 0 ? split.rest : split.rest.slice(0, dot);
  const sub = dot < 0 ? undefined : split.rest.slice(dot + 1);
  if (!ATTRNAME.test(name) || (sub !== undefined && !ATTRNAME.test(sub))) throw badRequest(scimType, `"${text}" is not a valid attribute path`);
  const definition = attributeOf(resourceType, split.schema, name);
  if (!definition) throw badRequest(scimType, `${resourceType.name} has no attribute "${text}"`);
  if (sub === undefined) return { schema: split.schema, attribute: definition.name, definition, leaf: definition };
  const leaf = subAttributeOf(definition, sub);
  if (!leaf) throw badRequest(scimType, `"${definition.name}" has no sub-attribute "${sub}"`);
  return { schema: split.schema, attribute: definition.name, subAttribute: leaf.name, definition, leaf };
}

/** A path with the named sub-attribute of its (complex) attribute, for value-path filters. */
export function withSubAttribute(path: ResolvedPath, sub: string, scimType: ScimType): ResolvedPath {
  const leaf = subAttributeOf(path.definition, sub);
  if (!leaf) throw badRequest(scimType, `"${path.attribute}" has no sub-attribute "${sub}"`);
  return { schema: path.schema, attribute: path.attribute, subAttribute: leaf.name, definition: path.definition, leaf };
}

/**
 * Canonical text of a path: core attributes bare (`name.givenName`), extension attributes with their URN.
 * @public
 */
export function printPath(path: ResolvedPath, resourceType?: ResourceType): string {
  const local = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  const core = resourceType ? isCoreSchema(resourceType, path.schema) : path.schema.includes(':core:');
  return core ? local : `${path.schema}:${local}`;
}
