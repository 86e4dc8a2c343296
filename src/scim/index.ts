/**
 * The SCIM 2.0 protocol toolkit (RFC 7643 / RFC 7644): schemas and discovery documents, attribute paths, the filter
 * language, the PATCH engine, resource normalization, list queries, projection, meta and ETags. It knows no
 * identity provider: provider quirks are a {@link ScimDialect}. Re-exported to plugins as `scim` from
 * `cardbridge/plugin`.
 * @packageDocumentation
 */
export * from './constants.js';
export { ScimError, scimErrorBody, type ScimErrorBody, type ScimType } from './errors.js';
export { defineDialect, rfcDialect, type ScimDialect } from './dialect.js';

export {
  defineAttribute,
  subAttributeOf,
  type AttributeDefinition,
  type AttributeInput,
  type AttributeType,
  type Mutability,
  type Returned,
  type SchemaDefinition,
  type Uniqueness,
} from './schema/attribute.js';
export { userSchema } from './schema/user.schema.js';
export { groupSchema } from './schema/group.schema.js';
export { enterpriseUserSchema } from './schema/enterprise.schema.js';
export { defineExtensionSchema } from './schema/extension.js';
export {
  commonAttributes,
  defineResourceType,
  groupResourceType,
  userResourceType,
  type ResourceIndex,
  type ResourceType,
  type SchemaExtension,
} from './schema/resource-type.js';
export { resourceTypesDocument, schemaDocument, schemasDocument, SECRET_TOKEN_AUTHENTICATION, serviceProviderConfig, type DiscoveryList } from './schema/discovery.js';

export { printPath, resolvePath, type ResolvedPath } from './path.js';
export { FILTER_LIMITS, type CompareOperator, type FilterNode, type FilterValue } from './filter/ast.js';
export { parseFilter, type ParseFilterOptions } from './filter/parser.js';
export { evaluateFilter, matchesElement } from './filter/evaluate.js';
export { printFilter } from './filter/print.js';
export { compareText, foldCase, instantOf, isCaseExact, valueKind, type ValueKind } from './filter/semantics.js';
export { sortResources, sortValue } from './sort.js';

export { applyPatch, applyPatchAsync, type ApplyPatchOptions, type ApplyPatchResult } from './patch/apply.js';
export { checkOperationCount, readPatchRequest, type PatchOperation } from './patch/envelope.js';
export { parsePatchPath, type PatchPath } from './patch/target.js';
export { extractMemberChanges, type MemberChanges } from './patch/members.js';

export { normalizeResource, type NormalizeOptions } from './normalize.js';
export { userProfile, type ProfileAddress, type ProfileContact, type UserProfile } from './profile.js';
export {
  listResponse,
  parseListQuery,
  parseSearchRequest,
  readListQuery,
  readSearchRequest,
  resolveListParameters,
  type ListParameters,
  type ListQuery,
  type ListQueryOptions,
  type ListResponse,
} from './list.js';
export { resolveRootQuery, type RootQuery, type RootQueryOptions, type RootQueryPart } from './search.js';
export { parseProjection, project, wantsAttribute, type ScimQuery } from './projection.js';
export {
  checkPreconditions,
  etag,
  evaluatePreconditions,
  readPreconditions,
  withMeta,
  type MetaInput,
  type PreconditionInput,
  type Preconditions,
  type PreconditionTarget,
} from './meta.js';
