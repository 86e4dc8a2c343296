/** Discovery documents: `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas` (RFC 7644 §4, RFC 7643 §5–7). */
import { SCHEMA_LIST_RESPONSE, SCHEMA_RESOURCE_TYPE, SCHEMA_SCHEMA, SCHEMA_SERVICE_PROVIDER_CONFIG } from '../constants.js';
import type { AttributeDefinition, SchemaDefinition } from './attribute.js';
import type { ResourceType } from './resource-type.js';

/** A list of discovery resources (RFC 7644 §4: answered as a ListResponse). @public */
export interface DiscoveryList {
  schemas: [typeof SCHEMA_LIST_RESPONSE];
  totalResults: number;
  itemsPerPage: number;
  startIndex: 1;
  Resources: Record<string, unknown>[];
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The Secret Token scheme: what `/ServiceProviderConfig` lists when no other schemes are given. @public */
export const SECRET_TOKEN_AUTHENTICATION: Readonly<Record<string, unknown>> = Object.freeze({
  type: 'oauthbearertoken',
  name: 'OAuth Bearer Token',
  description: 'Authentication with the directory secret token in the Authorization header (RFC 6750)',
  specUri: 'https://www.rfc-editor.org/info/rfc6750',
  primary: true,
});

/**
 * `/ServiceProviderConfig` (RFC 7643 §5): PATCH, filter (with `maxResults`), sort and ETags supported; bulk and
 * changePassword not; the given `authenticationSchemes` (default: {@link SECRET_TOKEN_AUTHENTICATION}).
 * @public
 */
export function serviceProviderConfig(options: {
  baseUrl?: string;
  maxResults: number;
  documentationUri?: string;
  authenticationSchemes?: readonly Readonly<Record<string, unknown>>[];
}): Record<string, unknown> {
  return {
    schemas: [SCHEMA_SERVICE_PROVIDER_CONFIG],
    ...(options.documentationUri ? { documentationUri: options.documentationUri } : {}),
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: options.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: (options.authenticationSchemes ?? [SECRET_TOKEN_AUTHENTICATION]).map((scheme) => ({ ...scheme })),
    meta: {
      resourceType: 'ServiceProviderConfig',
      ...(options.baseUrl ? { location: `${trimSlash(options.baseUrl)}/ServiceProviderConfig` } : {}),
    },
  };
}

function list(resources: Record<string, unknown>[]): DiscoveryList {
  return { schemas: [SCHEMA_LIST_RESPONSE], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources };
}

/** `/ResourceTypes` (RFC 7643 §6, RFC 7644 §4) for the given types. @public */
export function resourceTypesDocument(types: readonly ResourceType[], baseUrl: string): DiscoveryList {
  return list(
    types.map((t) => ({
      schemas: [SCHEMA_RESOURCE_TYPE],
      id: t.name,
      name: t.name,
      endpoint: t.endpoint,
      description: t.description,
      schema: t.schema.id,
      ...(t.extensions.length ? { schemaExtensions: t.extensions.map((e) => ({ schema: e.schema.id, required: e.required })) } : {}),
      meta: { resourceType: 'ResourceType', location: `${trimSlash(baseUrl)}/ResourceTypes/${t.name}` },
    })),
  );
}

function attributeDocument(a: AttributeDefinition): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    description: a.description,
    required: a.required,
    caseExact: a.caseExact,
    mutability: a.mutability,
    returned: a.returned,
    uniqueness: a.uniqueness,
    ...(a.canonicalValues ? { canonicalValues: [...a.canonicalValues] } : {}),
    ...(a.referenceTypes ? { referenceTypes: [...a.referenceTypes] } : {}),
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attributeDocument) } : {}),
  };
}

/** One schema as `/Schemas/{id}` returns it (RFC 7643 §7). @public */
export function schemaDocument(schema: SchemaDefinition, baseUrl: string): Record<string, unknown> {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeDocument),
    meta: { resourceType: 'Schema', location: `${trimSlash(baseUrl)}/Schemas/${schema.id}` },
  };
}

/** `/Schemas` (RFC 7643 §7, RFC 7644 §4): every schema of the given types, each once. @public */
export function schemasDocument(types: readonly ResourceType[], baseUrl: string): DiscoveryList {
  const seen = new Map<string, SchemaDefinition>();
  for (const t of types) for (const s of [t.schema, ...t.extensions.map((e) => e.schema)]) if (!seen.has(s.id)) seen.set(s.id, s);
  return list([...seen.values()].map((s) => schemaDocument(s, baseUrl)));
}
