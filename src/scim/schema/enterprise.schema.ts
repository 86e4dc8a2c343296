/** The Enterprise User extension (RFC 7643 §4.3, §8.7.1). */
import { SCHEMA_ENTERPRISE_USER } from '../constants.js';
import { defineAttribute, ref, str, type AttributeInput, type SchemaDefinition } from './attribute.js';

/** `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User` (RFC 7643 §4.3). @public */
export const enterpriseUserSchema: SchemaDefinition = Object.freeze({
  id: SCHEMA_ENTERPRISE_USER,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: Object.freeze(
    ([
      str('employeeNumber'),
      str('costCenter'),
      str('organization'),
      str('division'),
      str('department'),
      {
        name: 'manager',
        type: 'complex',
        description: "The User's manager.",
        subAttributes: [str('value'), ref('$ref', ['User']), str('displayName', { mutability: 'readOnly' })],
      },
    ] satisfies AttributeInput[]).map(defineAttribute),
  ),
});
