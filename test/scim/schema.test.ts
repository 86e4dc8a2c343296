import { describe, expect, it } from 'vitest';
import {
  defineDialect,
  defineExtensionSchema,
  defineResourceType,
  groupResourceType,
  resolvePath,
  resourceTypesDocument,
  rfcDialect,
  SCHEMA_ENTERPRISE_USER,
  SCHEMA_RESOURCE_TYPE,
  SCHEMA_SCHEMA,
  SCHEMA_USER,
  scimErrorBody,
  schemasDocument,
  serviceProviderConfig,
  userResourceType,
  userSchema,
} from '../../src/scim/index.js';
import { scimErrorOf, shape } from './scim-helpers.js';

const acme = defineExtensionSchema({ id: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User', name: 'Acme', attributes: [{ name: 'badge' }, { name: 'floor', type: 'integer' }] });
const users = userResourceType([acme]);
const base = 'https://cards.example.com/scim/entra/d1/';

describe('schemas (RFC 7643 §4, §7)', () => {
  it('defines the core User attributes with their RFC characteristics', () => {
    const byName = Object.fromEntries(userSchema.attributes.map((a) => [a.name, a]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['userName', 'name', 'emails', 'phoneNumbers', 'addresses', 'photos', 'ims', 'entitlements', 'roles', 'x509Certificates', 'groups', 'active', 'password']));
    expect(byName.userName).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
    expect(byName.password).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(byName.groups).toMatchObject({ mutability: 'readOnly', multiValued: true });
    expect(Object.isFrozen(byName.emails)).toBe(true);
  });

  it('refuses invalid extension schemas', () => {
    expect(() => defineExtensionSchema({ id: 'acme', name: 'x', attributes: [] })).toThrow(TypeError);
    expect(() => defineExtensionSchema({ id: 'urn:acme:x', name: 'x', attributes: [{ name: 'a' }, { name: 'A' }] })).toThrow(/twice/);
    expect(() => defineExtensionSchema({ id: 'urn:acme:x', name: 'x', attributes: [{ name: 'bad name' }] })).toThrow(/ATTRNAME/);
    expect(() => defineResourceType({ name: 'User', endpoint: '/Users', schema: userSchema, extensions: [acme, acme] })).toThrow(/twice/);
  });
});

describe('discovery documents (RFC 7644 §4)', () => {
  it('describes the service provider configuration', () => {
    expect(serviceProviderConfig({ baseUrl: base, maxResults: 200 })).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
      meta: { resourceType: 'ServiceProviderConfig', location: 'https://cards.example.com/scim/entra/d1/ServiceProviderConfig' },
    });
  });

  it('lists resource types with their extensions', () => {
    const doc = resourceTypesDocument([users, groupResourceType()], base);
    expect(doc.totalResults).toBe(2);
    expect(doc.Resources[0]).toEqual({
      schemas: [SCHEMA_RESOURCE_TYPE],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: SCHEMA_USER,
      schemaExtensions: [
        { schema: SCHEMA_ENTERPRISE_USER, required: false },
        { schema: acme.id, required: false },
      ],
      meta: { resourceType: 'ResourceType', location: 'https://cards.example.com/scim/entra/d1/ResourceTypes/User' },
    });
  });

  it('lists every schema once with full attribute definitions', () => {
    const doc = schemasDocument([users, users, groupResourceType()], base);
    expect(doc.Resources.map((r) => r.id)).toEqual([SCHEMA_USER, SCHEMA_ENTERPRISE_USER, acme.id, 'urn:ietf:params:scim:schemas:core:2.0:Group']);
    const emails = (doc.Resources[0]!.attributes as { name: string }[]).find((a) => a.name === 'emails');
    expect(emails).toMatchObject({ type: 'complex', multiValued: true, mutability: 'readWrite', returned: 'default', uniqueness: 'none', subAttributes: expect.arrayContaining([expect.objectContaining({ name: 'primary', type: 'boolean' })]) });
    expect(doc.Resources[0]).toMatchObject({ schemas: [SCHEMA_SCHEMA], meta: { resourceType: 'Schema' } });
  });
});

describe('resolvePath (RFC 7644 §3.10)', () => {
  it.each([
    ['userName', { attribute: 'userName' }],
    ['USERNAME', { attribute: 'userName' }],
    ['name.GivenName', { attribute: 'name', subAttribute: 'givenName' }],
    ['emails.value', { attribute: 'emails', subAttribute: 'value' }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName', { attribute: 'userName' }],
    [`${SCHEMA_ENTERPRISE_USER}:manager.value`, { schema: SCHEMA_ENTERPRISE_USER, attribute: 'manager', subAttribute: 'value' }],
    [`${SCHEMA_ENTERPRISE_USER.toUpperCase()}:DEPARTMENT`, { schema: SCHEMA_ENTERPRISE_USER, attribute: 'department' }],
    [`${acme.id}:badge`, { schema: acme.id, attribute: 'badge' }],
    ['meta.lastModified', { attribute: 'meta', subAttribute: 'lastModified' }],
  ])('%s', (text, expected) => {
    expect(shape(resolvePath(text, users))).toEqual(expected);
  });

  it.each(['nosuch', 'name.nosuch', 'userName.sub', 'a.b.c', 'urn:nope:x', '', 'user name'])('%j → 400 invalidPath', (text) => {
    scimErrorOf(() => resolvePath(text, users), 400, 'invalidPath');
  });
});

describe('errors and dialects', () => {
  it('builds RFC 7644 §3.12 error bodies with the status as a string', () => {
    expect(scimErrorBody(409, 'userName taken', 'uniqueness')).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness', detail: 'userName taken' });
    expect(scimErrorBody(404, 'gone')).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'gone' });
  });

  it('builds frozen dialects over the RFC defaults and validates overrides', () => {
    const d = defineDialect({ booleanStrings: true, maxPageSize: 500 });
    expect(d).toEqual({ ...rfcDialect, booleanStrings: true, maxPageSize: 500 });
    expect(Object.isFrozen(d)).toBe(true);
    expect(rfcDialect.operationNamesCaseInsensitive).toBe(false);
    expect(() => defineDialect({ maxPageSize: 0 })).toThrow(/maxPageSize/);
    expect(() => defineDialect({ booleanStrings: 'yes' as unknown as boolean })).toThrow(/booleanStrings/);
    expect(() => defineDialect({ provider: 'x' } as never)).toThrow(/unknown option/);
  });
});
