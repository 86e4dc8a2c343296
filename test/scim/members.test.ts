import { describe, expect, it } from 'vitest';
import { defineDialect, extractMemberChanges, SCHEMA_GROUP, SCHEMA_PATCH_OP } from '../../src/scim/index.js';
import { scimErrorOf } from './scim-helpers.js';

const patch = (...Operations: unknown[]) => ({ schemas: [SCHEMA_PATCH_OP], Operations });
const caseInsensitive = defineDialect({ operationNamesCaseInsensitive: true });
const changes = (...ops: unknown[]) => extractMemberChanges(patch(...ops), { dialect: caseInsensitive });

describe('extractMemberChanges', () => {
  it('adds a value array', () => {
    expect(changes({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }, { value: 'u2', display: 'Two' }] })).toEqual({ add: ['u1', 'u2'], remove: [], otherOperations: [] });
  });

  it('removes exactly the listed members and never empties the group', () => {
    expect(changes({ op: 'Remove', path: 'members', value: [{ value: 'u1' }] })).toEqual({ add: [], remove: ['u1'], otherOperations: [] });
    expect(changes({ op: 'remove', path: 'members', value: [] })).toEqual({ add: [], remove: [], otherOperations: [] });
  });

  it('removes members[value eq "x"], also joined by or and with the core URN prefix', () => {
    expect(changes({ op: 'remove', path: 'members[value eq "u1"]' })).toEqual({ add: [], remove: ['u1'], otherOperations: [] });
    expect(changes({ op: 'remove', path: `${SCHEMA_GROUP}:members[value eq "u1" or value eq "u2"]` }).remove).toEqual(['u1', 'u2']);
    expect(changes({ op: 'remove', path: 'MEMBERS[VALUE EQ "u3"]' }).remove).toEqual(['u3']);
  });

  it('removes all members when remove has no value', () => {
    expect(changes({ op: 'remove', path: 'members' })).toEqual({ add: [], remove: [], replace: [], otherOperations: [] });
  });

  it('replaces the member set', () => {
    expect(changes({ op: 'replace', path: 'members', value: [{ value: 'u1' }] })).toEqual({ add: [], remove: [], replace: ['u1'], otherOperations: [] });
  });

  it('takes members out of no-path add/replace values and keeps the rest as operations', () => {
    expect(changes({ op: 'replace', value: { id: 'g1', displayName: 'Renamed', members: [{ value: 'u9' }] } })).toEqual({
      add: [],
      remove: [],
      replace: ['u9'],
      otherOperations: [{ op: 'replace', value: { id: 'g1', displayName: 'Renamed' } }],
    });
    expect(changes({ op: 'add', value: { members: [{ value: 'u1' }] } })).toEqual({ add: ['u1'], remove: [], otherOperations: [] });
  });

  it('passes other operations through with canonical op names', () => {
    expect(changes({ op: 'Replace', path: 'displayName', value: 'X' }, { op: 'Add', path: 'members', value: [{ value: 'u1' }] })).toEqual({
      add: ['u1'],
      remove: [],
      otherOperations: [{ op: 'replace', path: 'displayName', value: 'X' }],
    });
  });

  it('folds a sequence of operations into non-overlapping deltas', () => {
    expect(changes({ op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] }, { op: 'remove', path: 'members[value eq "a"]' }, { op: 'remove', path: 'members', value: [{ value: 'c' }] })).toEqual({
      add: ['b'],
      remove: ['a', 'c'],
      otherOperations: [],
    });
    expect(changes({ op: 'remove', path: 'members' }, { op: 'add', path: 'members', value: [{ value: 'a' }] }, { op: 'add', path: 'members', value: [{ value: 'b' }] }, { op: 'remove', path: 'members[value eq "a"]' })).toEqual({
      add: [],
      remove: [],
      replace: ['b'],
      otherOperations: [],
    });
  });

  it.each([
    [{ op: 'add', path: 'members', value: [{ display: 'no value' }] }, 'invalidValue'],
    [{ op: 'add', path: 'members', value: [{ value: 42 }] }, 'invalidValue'],
    [{ op: 'remove', path: 'members[display eq "x"]' }, 'invalidFilter'],
    [{ op: 'remove', path: 'members[value eq "x"' }, 'invalidFilter'],
    [{ op: 'replace', path: 'members[value eq "x"]', value: [{ value: 'y' }] }, 'invalidPath'],
    [{ op: 'replace', path: 'members.value', value: 'y' }, 'invalidPath'],
  ])('%j → 400 %s', (operation, scimType) => {
    scimErrorOf(() => changes(operation), 400, scimType as never);
  });

  it('validates the envelope and the op-name casing of the dialect', () => {
    scimErrorOf(() => extractMemberChanges({ Operations: [] }), 400, 'invalidSyntax');
    scimErrorOf(() => extractMemberChanges(patch({ op: 'Add', path: 'members', value: [] })), 400, 'invalidSyntax');
  });

  it('does not mistake an attribute that starts with "members" for members', () => {
    expect(changes({ op: 'replace', path: 'membersCount', value: 1 }).otherOperations).toHaveLength(1);
  });
});
