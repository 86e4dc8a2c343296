import { describe, expect, it } from 'vitest';
import { withMeta } from '../../src/scim/index.js';

// Issue 15: withMeta copies the document with one spread instead of an object rest; the resource it returns is
// the same: schemas and id first, the document's other attributes in their order, meta last.
const input = { id: 'u1', resourceType: 'User', created: new Date('2026-01-02T03:04:05.000Z'), lastModified: new Date('2026-02-03T04:05:06.000Z'), location: 'https://x.example/Users/u1', version: 7 };

describe('withMeta (issue 15)', () => {
  it('puts schemas and id first and meta last, whatever the document had', () => {
    const document = { userName: 'a', meta: { resourceType: 'Forged' }, id: 'forged', displayName: 'A', schemas: ['urn:x'] };
    const resource = withMeta(document, input);
    expect(Object.keys(resource)).toEqual(['schemas', 'id', 'userName', 'displayName', 'meta']);
    expect(resource).toEqual({
      schemas: ['urn:x'],
      id: 'u1',
      userName: 'a',
      displayName: 'A',
      meta: { resourceType: 'User', created: '2026-01-02T03:04:05.000Z', lastModified: '2026-02-03T04:05:06.000Z', location: 'https://x.example/Users/u1', version: 'W/"7"' },
    });
    // The stored document is not changed.
    expect(document).toEqual({ userName: 'a', meta: { resourceType: 'Forged' }, id: 'forged', displayName: 'A', schemas: ['urn:x'] });
  });

  it("gives a document without schemas its core type's schema", () => {
    expect(withMeta({ displayName: 'G' }, { ...input, resourceType: 'Group' }).schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Group']);
    expect(withMeta({ displayName: 'G' }, { ...input, resourceType: 'Other' }).schemas).toEqual([]);
  });

  it('copies an own "__proto__" member as data, never as the prototype', () => {
    const document = JSON.parse('{"userName":"a","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const resource = withMeta(document, input);
    expect(Object.getPrototypeOf(resource)).toBe(Object.prototype);
    expect((resource as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.hasOwn(resource, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(resource)).__proto__).toEqual({ polluted: true });
  });
});
