import { describe, expect, it } from 'vitest';
import { evaluateFilter, groupResourceType, parseFilter, SCHEMA_ENTERPRISE_USER, SCHEMA_USER, userResourceType } from '../../src/scim/index.js';

const users = userResourceType();
const bjensen = {
  schemas: [SCHEMA_USER, SCHEMA_ENTERPRISE_USER],
  id: '2819c223',
  userName: 'bjensen@example.com',
  externalId: 'BJ-1',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  title: 'Tour Guide',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  meta: { created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
  [SCHEMA_ENTERPRISE_USER]: { department: 'Tours', manager: { value: 'm-1' } },
};

const matches = (text: string) => evaluateFilter(parseFilter(text, users), bjensen, SCHEMA_USER);

describe('evaluateFilter', () => {
  it.each([
    ['userName eq "BJENSEN@example.com"', true], // caseExact false (RFC 7643 §4.1.1)
    ['externalId eq "bj-1"', false], // externalId is caseExact
    ['externalId eq "BJ-1"', true],
    ['id eq "2819C223"', false],
    ['userName sw "bjen"', true],
    ['userName ew "EXAMPLE.COM"', true],
    ['title co "our G"', true],
    ['title ne "Tour Guide"', false],
    ['nickName ne "x"', true],
    ['nickName eq null', true],
    ['title eq null', false],
    ['title ne null', true],
    ['nickName pr', false],
    ['title pr', true],
    ['active eq true', true],
    ['active eq false', false],
    ['name.givenName eq "barbara"', true],
    ['emails.value eq "babs@jensen.org"', true], // any value of a multi-valued attribute
    ['emails co "jensen.org"', true],
    ['emails.type eq "other"', false],
    ['emails[type eq "work" and value co "jensen.org"]', false], // one element must satisfy the whole sub-filter
    ['emails[type eq "home" and value co "jensen.org"]', true],
    ['emails[primary eq true]', true],
    ['emails[not (primary pr)]', true],
    ['meta.lastModified gt "2011-05-13T04:42:33Z"', true],
    ['meta.lastModified gt "2011-05-13T06:42:33+02:00"', true], // compared as instants
    ['meta.lastModified lt "2011-05-13T06:42:33+02:00"', false],
    ['meta.created ge "2010-01-23T04:56:22.000Z"', true],
    ['title gt "A" and title lt "Z"', true],
    ['title le "Tour"', false],
    [`${SCHEMA_ENTERPRISE_USER}:department eq "tours"`, true],
    [`${SCHEMA_ENTERPRISE_USER}:manager.value eq "m-1"`, true],
    [`${SCHEMA_ENTERPRISE_USER}:costCenter pr`, false],
    ['userName eq "x" or active eq true and title pr', true],
    ['(userName eq "x" or active eq true) and nickName pr', false],
    ['not (userName eq "x")', true],
  ])('%s → %s', (text, expected) => {
    expect(matches(text)).toBe(expected);
  });

  it('matches group members by value', () => {
    const groups = groupResourceType();
    const group = { displayName: 'Tour Guides', members: [{ value: 'u1' }, { value: 'u2' }] };
    expect(evaluateFilter(parseFilter('members[value eq "u2"]', groups), group)).toBe(true);
    expect(evaluateFilter(parseFilter('members eq "u3"', groups), group)).toBe(false);
    expect(evaluateFilter(parseFilter('displayName eq "tour guides"', groups), group)).toBe(true);
  });
});
