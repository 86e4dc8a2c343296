import { describe, expect, it } from 'vitest';
import { groupResourceType, parseProjection, project, SCHEMA_ENTERPRISE_USER, SCHEMA_USER, userResourceType, wantsAttribute } from '../../src/scim/index.js';
import { scimErrorOf } from './scim-helpers.js';

const users = userResourceType();
const groups = groupResourceType();
const ENT = SCHEMA_ENTERPRISE_USER;
const user = {
  schemas: [SCHEMA_USER, ENT],
  id: 'u1',
  userName: 'bjensen',
  password: 'never-returned',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [{ value: 'b@example.com', type: 'work' }],
  [ENT]: { department: 'Tours', manager: { value: 'm1' } },
  meta: { resourceType: 'User' },
};
const proj = (query: Record<string, string>) => project(user, { resourceType: users, ...parseProjection(query, users) });

describe('project (RFC 7644 §3.4.2.5)', () => {
  it('returns default attributes, never the password', () => {
    const { password: _password, ...expected } = user;
    expect(proj({})).toEqual(expected);
  });

  it('returns only the requested attributes plus id and schemas', () => {
    expect(proj({ attributes: 'userName,name.givenName' })).toEqual({ schemas: user.schemas, id: 'u1', userName: 'bjensen', name: { givenName: 'Barbara' } });
    expect(proj({ attributes: `emails.value,${ENT}:department` })).toEqual({ schemas: user.schemas, id: 'u1', emails: [{ value: 'b@example.com' }], [ENT]: { department: 'Tours' } });
    expect(proj({ attributes: 'password' })).toEqual({ schemas: user.schemas, id: 'u1' });
  });

  it('removes excluded attributes but never id', () => {
    expect(proj({ excludedAttributes: `emails,name.familyName,id,${ENT}:manager,meta` })).toEqual({
      schemas: user.schemas,
      id: 'u1',
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
      [ENT]: { department: 'Tours' },
    });
  });

  it('accepts string paths and never mutates the document', () => {
    const before = structuredClone(user);
    expect(project(user, { resourceType: users, attributes: ['USERNAME'] })).toEqual({ schemas: user.schemas, id: 'u1', userName: 'bjensen' });
    expect(user).toEqual(before);
    scimErrorOf(() => project(user, { resourceType: users, attributes: ['nosuch'] }), 400, 'invalidPath');
  });
});

describe('wantsAttribute', () => {
  it.each([
    [{}, true],
    [{ excludedAttributes: 'members' }, false],
    [{ excludedAttributes: 'Members,displayName' }, false],
    [{ excludedAttributes: 'urn:ietf:params:scim:schemas:core:2.0:Group:members' }, false],
    [{ excludedAttributes: 'members.display' }, true],
    [{ attributes: 'displayName' }, false],
    [{ attributes: 'displayName,members.value' }, true],
    [{ attributes: 'members' }, true],
  ])('members for %j → %s', (query, expected) => {
    expect(wantsAttribute(query, 'members', groups)).toBe(expected);
  });

  it('always wants id and never password', () => {
    expect(wantsAttribute({ attributes: 'userName' }, 'id', users)).toBe(true);
    expect(wantsAttribute({}, 'password', users)).toBe(false);
  });
});
