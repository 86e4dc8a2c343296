import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { displayNameOf, inviteStatusFor, primaryEmail, userColumnsFor, validateUserWrite } from '../../../src/domain/users/users.rules.js';

describe('users rules', () => {
  it('picks the primary e-mail, else the work one, else the first, lower-cased and trimmed', () => {
    expect(primaryEmail({ emails: [{ value: 'a@x.example' }, { value: ' B@X.example ', primary: true }] })).toBe('b@x.example');
    expect(primaryEmail({ emails: [{ value: 'home@x.example', type: 'home' }, { value: 'Work@x.example', type: 'work' }] })).toBe('work@x.example');
    expect(primaryEmail({ emails: [{ value: 'first@x.example' }] })).toBe('first@x.example');
    expect(primaryEmail({})).toBeUndefined();
    expect(primaryEmail({ emails: [{ value: '  ' }] })).toBeUndefined();
  });

  it('names a user by displayName, else given and family name, else formatted name, else the fallback', () => {
    expect(displayNameOf({ givenName: 'Ada', familyName: 'Lovelace' }, 'ada')).toBe('Ada Lovelace');
    expect(displayNameOf({ familyName: 'Lovelace' }, 'ada')).toBe('Lovelace');
    expect(displayNameOf({}, 'ada')).toBe('ada');
  });

  it("sets the user's columns from a directory's write", () => {
    const write = { userName: 'ada@acme.example', active: false, attributes: { userName: 'ada@acme.example' }, profile: { title: 'Engineer', emails: [{ value: 'Ada@Acme.example' }] } };
    expect(userColumnsFor(write)).toEqual({
      userName: 'ada@acme.example',
      externalId: null,
      active: false,
      attributes: { userName: 'ada@acme.example' },
      email: 'ada@acme.example',
      displayName: 'ada@acme.example',
      givenName: null,
      familyName: null,
      title: 'Engineer',
      department: null,
      preferredLanguage: null,
    });
    expect(userColumnsFor({ ...write, profile: { ...write.profile, preferredLanguage: 'de-CH' } }).preferredLanguage).toBe('de-CH');
  });

  it('invites a new user only when the directory invites and the user has an e-mail', () => {
    expect(inviteStatusFor(true, 'ada@acme.example')).toBe('pending');
    expect(inviteStatusFor(true, null)).toBe('none');
    expect(inviteStatusFor(false, 'ada@acme.example')).toBe('none');
    expect(inviteStatusFor(undefined, 'ada@acme.example')).toBe('none');
  });

  it('refuses a write without userName or with values too long to store, naming the field', () => {
    const base = { active: true, attributes: {}, profile: {} };
    expect(() => validateUserWrite({ ...base, userName: ' ' })).toThrow(DomainError);
    expect(() => validateUserWrite({ ...base, userName: 'x'.repeat(513) })).toThrow(/longer than 512/);
    try {
      validateUserWrite({ ...base, userName: 'ada', externalId: 'x'.repeat(513) });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).field).toBe('externalId');
    }
    expect(() => validateUserWrite({ ...base, userName: 'ada', externalId: null })).not.toThrow();
  });
});
