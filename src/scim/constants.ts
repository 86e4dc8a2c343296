/** URNs and media type of SCIM 2.0 (RFC 7643 §8.2–8.3, RFC 7644 §3.1, §8.2). */

/** Core User schema (RFC 7643 §4.1). @public */
export const SCHEMA_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** Core Group schema (RFC 7643 §4.2). @public */
export const SCHEMA_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
/** Enterprise User extension (RFC 7643 §4.3). @public */
export const SCHEMA_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** List response message (RFC 7644 §3.4.2). @public */
export const SCHEMA_LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
/** PATCH request message (RFC 7644 §3.5.2). @public */
export const SCHEMA_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** Error response message (RFC 7644 §3.12). @public */
export const SCHEMA_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
/** POST `/.search` request message (RFC 7644 §3.4.3). @public */
export const SCHEMA_SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
/** Service provider configuration schema (RFC 7643 §5). @public */
export const SCHEMA_SERVICE_PROVIDER_CONFIG = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
/** Resource type schema (RFC 7643 §6). @public */
export const SCHEMA_RESOURCE_TYPE = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
/** Schema definition schema (RFC 7643 §7). @public */
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** Media type of SCIM requests and responses (RFC 7644 §3.1, §8.1). @public */
export const SCIM_CONTENT_TYPE = 'application/scim+json';
