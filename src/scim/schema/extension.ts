/** Custom extension schemas a directory declares (RFC 7643 §3.3). */
import { defineAttribute, type AttributeInput, type SchemaDefinition } from './attribute.js';

const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:[^\s]+$/i;

/**
 * Declares an extension schema, e.g. `urn:ietf:params:scim:schemas:extension:acme:2.0:User` with string attributes.
 * Attributes get the RFC 7643 §2.2 defaults for anything not given.
 * @throws TypeError when `id` is not a URN, an attribute name is invalid, or a name repeats (case-insensitively)
 * @public
 */
export function defineExtensionSchema(input: { id: string; name: string; description?: string; attributes: readonly AttributeInput[] }): SchemaDefinition {
  if (!URN.test(input.id)) throw new TypeError(`extension schema id "${input.id}" is not a URN`);
  const attributes = input.attributes.map(defineAttribute);
  const seen = new Set<string>();
  for (const a of attributes) {
    const key = a.name.toLowerCase();
    if (seen.has(key)) throw new TypeError(`extension schema ${input.id} defines "${a.name}" twice`);
    seen.add(key);
  }
  return Object.freeze({ id: input.id, name: input.name, description: input.description ?? input.name, attributes: Object.freeze(attributes) });
}
