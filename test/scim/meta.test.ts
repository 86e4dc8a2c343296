import { describe, expect, it } from 'vitest';
import { checkPreconditions, etag, SCHEMA_GROUP, SCHEMA_USER, ScimError, withMeta } from '../../src/scim/index.js';
import { scimErrorOf } from './scim-helpers.js';

const dates = { created: new Date('2024-01-02T03:04:05.000Z'), lastModified: new Date('2024-02-03T04:05:06.000Z') };

describe('withMeta', () => {
  it('adds id and meta with a weak ETag and ISO dates, replacing client-sent values', () => {
    const out = withMeta({ schemas: [SCHEMA_USER], id: 'spoofed', userName: 'u', meta: { version: 'x' } }, { id: 'u1', resourceType: 'User', ...dates, location: 'https://h/scim/Users/u1', version: 7 });
    expect(out).toEqual({
      schemas: [SCHEMA_USER],
      id: 'u1',
      userName: 'u',
      meta: { resourceType: 'User', created: '2024-01-02T03:04:05.000Z', lastModified: '2024-02-03T04:05:06.000Z', location: 'https://h/scim/Users/u1', version: 'W/"7"' },
    });
  });

  it('adds the core schema when the document has none', () => {
    expect(withMeta({ displayName: 'G' }, { id: 'g1', resourceType: 'Group', ...dates, location: 'l', version: 1 }).schemas).toEqual([SCHEMA_GROUP]);
  });
});

describe('etag and checkPreconditions (RFC 9110 §13)', () => {
  it('formats weak ETags', () => {
    expect(etag(3)).toBe('W/"3"');
  });

  it.each([
    [{ ifMatch: 'W/"3"' }, 'ok'],
    [{ ifMatch: '"3"' }, 'ok'],
    [{ ifMatch: '*' }, 'ok'],
    [{ ifMatch: 'W/"1", W/"3"' }, 'ok'],
    [{ ifNoneMatch: 'W/"2"' }, 'ok'],
    [{ ifNoneMatch: 'W/"3"' }, 'not-modified'],
    [{ ifNoneMatch: '*' }, 'not-modified'],
    [{ ifNoneMatch: 'W/"1" , W/"3"' }, 'not-modified'],
    [{}, 'ok'],
  ])('GET with %j at version 3 → %s', (headers, expected) => {
    expect(checkPreconditions({ ...headers, currentVersion: 3, method: 'GET' })).toBe(expected);
  });

  it.each([
    [{ ifMatch: 'W/"2"' }, 3, 'PUT'],
    [{ ifMatch: '*' }, undefined, 'PUT'],
    [{ ifMatch: 'W/"3"' }, null, 'PATCH'],
    [{ ifNoneMatch: 'W/"3"' }, 3, 'PUT'],
    [{ ifNoneMatch: '*' }, 3, 'POST'],
  ])('%j at version %s on %s → 412', (headers, currentVersion, method) => {
    const error = scimErrorOf(() => checkPreconditions({ ...headers, currentVersion, method }), 412, undefined);
    expect(error).toBeInstanceOf(ScimError);
  });

  it('accepts If-None-Match: * when the resource does not exist', () => {
    expect(checkPreconditions({ ifNoneMatch: '*', currentVersion: undefined, method: 'PUT' })).toBe('ok');
  });

  it('refuses a malformed header with 400 invalidValue', () => {
    scimErrorOf(() => checkPreconditions({ ifMatch: 'W/3', currentVersion: 3, method: 'PUT' }), 400, 'invalidValue');
  });
});
