/** The core User schema (RFC 7643 §4.1, §8.7.1). */
import { SCHEMA_USER } from '../constants.js';
import { bool, defineAttribute, multiValued, ref, str, type AttributeInput, type SchemaDefinition } from './attribute.js';

const CONTACT_TYPES = ['work', 'home', 'other'];

const attributes: AttributeInput[] = [
  str('userName', { required: true, uniqueness: 'server', description: 'Unique identifier for the User, used to authenticate.' }),
  {
    name: 'name',
    type: 'complex',
    description: "The components of the user's real name.",
    subAttributes: [
      str('formatted'),
      str('familyName'),
      str('givenName'),
      str('middleName'),
      str('honorificPrefix'),
      str('honorificSuffix'),
    ],
  },
  str('displayName', { description: 'The name of the User, suitable for display to end-users.' }),
  str('nickName'),
  ref('profileUrl', ['external']),
  str('title'),
  str('userType'),
  str('preferredLanguage'),
  str('locale'),
  str('timezone'),
  bool('active', { description: "The User's administrative status." }),
  str('password', { mutability: 'writeOnly', returned: 'never', description: "The User's cleartext password; never returned." }),
  multiValued('emails', 'Email addresses for the user.', { types: CONTACT_TYPES }),
  multiValued('phoneNumbers', 'Phone numbers for the User.', { types: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] }),
  multiValued('ims', 'Instant messaging addresses for the User.', { types: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'] }),
  multiValued('photos', 'URLs of photos of the User.', { value: { type: 'reference', referenceTypes: ['external'] }, types: ['photo', 'thumbnail'] }),
  {
    name: 'addresses',
    type: 'complex',
    multiValued: true,
    description: 'A physical mailing address for this User.',
    subAttributes: [
      str('formatted'),
      str('streetAddress'),
      str('locality'),
      str('region'),
      str('postalCode'),
      str('country'),
      str('type', { canonicalValues: CONTACT_TYPES }),
      bool('primary'),
    ],
  },
  {
    name: 'groups',
    type: 'complex',
    multiValued: true,
    mutability: 'readOnly',
    description: 'Groups the user belongs to, maintained through the Group resource (RFC 7643 §4.1.2).',
    subAttributes: [
      str('value', { mutability: 'readOnly' }),
      ref('$ref', ['User', 'Group'], { mutability: 'readOnly' }),
      str('display', { mutability: 'readOnly' }),
      str('type', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
    ],
  },
  multiValued('entitlements', 'Entitlements of the User.'),
  multiValued('roles', 'Roles of the User.'),
  // RFC 7643 §2.3.6: "A binary is case exact".
  multiValued('x509Certificates', 'Certificates issued to the User.', { value: { type: 'binary', caseExact: true } }),
];

/** The core User schema, `urn:ietf:params:scim:schemas:core:2.0:User` (RFC 7643 §4.1). @public */
export const userSchema: SchemaDefinition = Object.freeze({
  id: SCHEMA_USER,
  name: 'User',
  description: 'User Account',
  attributes: Object.freeze(attributes.map(defineAttribute)),
});
