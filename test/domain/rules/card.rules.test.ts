import { describe, expect, it } from 'vitest';
import { cardFieldsFor, cardStatusFor, effectiveCardFields, keepsLeaversPublic, templateFor, winningGroupRule, TEMPLATE_PRECEDENCE } from '../../../src/domain/cards/card.rules.js';

describe('cardFieldsFor', () => {
  it("defaults company to the organization's name when the profile names none", () => {
    expect(cardFieldsFor({ displayName: 'Ada' }, 'Acme', 'ada@acme.example').company).toBe('Acme');
    expect(cardFieldsFor({ displayName: 'Ada', organization: '' }, 'Acme', 'ada').company).toBe('Acme');
  });

  it("keeps the profile's organization over the organization's name", () => {
    expect(cardFieldsFor({ organization: 'Acme Research' }, 'Acme', 'ada').company).toBe('Acme Research');
  });

  it('leaves company out when neither names one', () => {
    expect(cardFieldsFor({ displayName: 'Ada' }, '', 'ada')).not.toHaveProperty('company');
  });

  it('takes the display name from displayName, else given and family name, else formatted, else the userName', () => {
    expect(cardFieldsFor({ displayName: 'Ada L.' }, 'Acme', 'ada').displayName).toBe('Ada L.');
    expect(cardFieldsFor({ givenName: 'Ada', familyName: 'Lovelace' }, 'Acme', 'ada').displayName).toBe('Ada Lovelace');
    expect(cardFieldsFor({ formattedName: 'Lady Ada' }, 'Acme', 'ada').displayName).toBe('Lady Ada');
    expect(cardFieldsFor({}, 'Acme', 'ada@acme.example').displayName).toBe('ada@acme.example');
    // A displayName of control characters only falls through to the next candidate.
    expect(cardFieldsFor({ displayName: '\u0007\r\n', givenName: 'Ada' }, 'Acme', 'ada').displayName).toBe('Ada');
  });

  it('maps contacts and the address, drops the formatted address and empty values, and cleans control characters', () => {
    const fields = cardFieldsFor(
      {
        title: 'Engineer\r\nBEGIN:VCARD',
        emails: [{ value: 'ada@acme.example', type: 'work', primary: true }],
        phoneNumbers: [{ value: '+1 555 0100' }],
        address: { streetAddress: '1 Main St', locality: 'Springfield', formatted: '1 Main St, Springfield' },
        department: '',
      },
      'Acme',
      'ada',
    );
    expect(fields).toEqual({
      displayName: 'ada',
      title: 'Engineer BEGIN:VCARD',
      company: 'Acme',
      emails: [{ value: 'ada@acme.example', type: 'work' }],
      phones: [{ value: '+1 555 0100' }],
      address: { streetAddress: '1 Main St', locality: 'Springfield' },
    });
  });
});

describe('effectiveCardFields', () => {
  it('lays the holder’s overrides over the directory fields only where the template makes them editable', () => {
    const shown = effectiveCardFields({ title: 'Engineer', company: 'Acme' }, { title: 'Lead', company: 'Other' }, ['title']);
    expect(shown).toEqual({ title: 'Lead', company: 'Acme' });
  });
});

describe('the leaver policy: cardStatusFor', () => {
  it('is active while the user is active, whatever the policy', () => {
    for (const policy of [undefined, 'suspend', 'keepPublic', 'keep', 42]) expect(cardStatusFor(true, policy)).toBe('active');
  });

  it('suspends a leaver unless the directory explicitly keeps leavers public', () => {
    expect(cardStatusFor(false, 'keepPublic')).toBe('active');
    for (const policy of [undefined, null, 'suspend', 'keep', 'KEEP_PUBLIC', {}]) expect(cardStatusFor(false, policy)).toBe('suspended');
  });

  it('reads only the explicit keepPublic as keeping leavers public', () => {
    expect(keepsLeaversPublic('keepPublic')).toBe(true);
    expect(keepsLeaversPublic('keep')).toBe(false);
    expect(keepsLeaversPublic(undefined)).toBe(false);
  });
});

describe('templateFor', () => {
  const rules = [
    { templateId: 'low', priority: 1, groupName: 'All staff' },
    { templateId: 'high-b', priority: 5, groupName: 'Sales' },
    { templateId: 'high-a', priority: 5, groupName: 'Engineering' },
  ];

  it('takes the highest-priority group rule, ties by group name', () => {
    expect(winningGroupRule(rules)?.templateId).toBe('high-a');
    expect(templateFor({ groupRules: rules, directoryDefault: 'dir', organizationFirst: 'first' })).toBe('high-a');
  });

  it("falls back to the directory's default, then the organization's first template, then none", () => {
    expect(templateFor({ groupRules: [], directoryDefault: 'dir', organizationFirst: 'first' })).toBe('dir');
    expect(templateFor({ directoryDefault: null, organizationFirst: 'first' })).toBe('first');
    expect(templateFor({})).toBeNull();
  });

  it('picks the same rule whatever order the rules come in (the candidates read aggregates them unordered)', () => {
    const permutations = [rules, [...rules].reverse(), [rules[1]!, rules[0]!, rules[2]!], [rules[2]!, rules[0]!, rules[1]!]];
    for (const order of permutations) expect(templateFor({ groupRules: order, directoryDefault: 'dir' })).toBe('high-a');
  });

  it('ties by the names as strings compare (UTF-16 code units), not by a database collation', () => {
    const tie = [
      { templateId: 'lower', priority: 3, groupName: 'beta' },
      { templateId: 'upper', priority: 3, groupName: 'Zeta' },
    ];
    expect(templateFor({ groupRules: tie })).toBe('upper');
    expect(templateFor({ groupRules: [...tie].reverse() })).toBe('upper');
  });

  it('lets a group rule of any priority, negative too, win over the directory default', () => {
    expect(templateFor({ groupRules: [{ templateId: 'neg', priority: -5, groupName: 'X' }], directoryDefault: 'dir', organizationFirst: 'first' })).toBe('neg');
    expect(templateFor({ groupRules: [{ templateId: 'neg', priority: -5, groupName: 'A' }, { templateId: 'zero', priority: 0, groupName: 'Z' }] })).toBe('zero');
  });

  it('passes over an empty candidate', () => {
    expect(templateFor({ groupRules: [], directoryDefault: '', organizationFirst: 'first' })).toBe('first');
  });

  it('applies the precedence groupRule, directoryDefault, organizationFirst', () => {
    expect(TEMPLATE_PRECEDENCE).toEqual(['groupRule', 'directoryDefault', 'organizationFirst']);
  });
});
