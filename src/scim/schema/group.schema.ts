/** The core Group schema (RFC 7643 §4.2, §8.7.1). */
import { SCHEMA_GROUP } from '../constants.js';
import { defineAttribute, ref, str, type SchemaDefinition } from './attribute.js';

/** The core Group schema, `urn:ietf:params:scim:schemas:core:2.0:Group` (RFC 7643 §4.2). @public */
export const groupSchema: SchemaDefinition = Object.freeze({
  id: SCHEMA_GROUP,
  name: 'Group',
  description: 'Group',
  attributes: Object.freeze([
    // RFC 7643 §4.2: "displayName ... REQUIRED".
    defineAttribute(str('displayName', { required: true, description: 'A human-readable name for the Group.' })),
    defineAttribute({
      name: 'members',
      type: 'complex',
      multiValued: true,
      description: 'A list of members of the Group.',
      subAttributes: [
        str('value', { mutability: 'immutable' }),
        ref('$ref', ['User', 'Group'], { mutability: 'immutable' }),
        str('display', { mutability: 'immutable' }),
        str('type', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
      ],
    }),
  ]),
});
