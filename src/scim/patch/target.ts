/** PATCH paths (RFC 7644 §3.5.2: `PATH = attrPath / valuePath [subAttr]`). */
import { rfcDialect, type ScimDialect } from '../dialect.js';
import { badRequest } from '../errors.js';
import type { FilterNode } from '../filter/ast.js';
import { FilterParser } from '../filter/parser.js';
import { extensionSchemaNamed, resolvePath, withSubAttribute, type ResolvedPath } from '../path.js';
import type { ResourceType } from '../schema/resource-type.js';

/**
 * A parsed PATCH path: an attribute (with an optional sub-attribute), optionally narrowed by a value filter on
 * the elements of a multi-valued attribute — or a whole extension schema named by its URN.
 * @public
 */
export type PatchPath =
  | { readonly kind: 'attribute'; readonly path: ResolvedPath; readonly filter?: FilterNode }
  | { readonly kind: 'schema'; readonly schema: string };

const SUB = /^[A-Za-z$][\w$-]*$/;

/**
 * Parses and resolves `userName`, `name.givenName`, `urn:…:User:manager`, `emails[type eq "work"].value`,
 * `members[value eq "x"]`, or an extension URN alone.
 * @throws ScimError 400 invalidPath (unknown attribute, bad syntax) or invalidFilter (bad value filter)
 * @public
 */
export function parsePatchPath(text: string, resourceType: ResourceType, dialect: ScimDialect = rfcDialect): PatchPath {
  const schema = extensionSchemaNamed(resourceType, text);
  if (schema) return { kind: 'schema', schema };
  const bracket = text.indexOf('[');
  if (bracket < 0) return { kind: 'attribute', path: resolvePath(text, resourceType, 'invalidPath') };
  const attribute = resolvePath(text.slice(0, bracket), resourceType, 'invalidPath');
  const parser = new FilterParser(text, resourceType, dialect);
  parser.pos = bracket;
  const node = parser.parseValuePath(attribute, 0);
  if (node.kind !== 'valuePath') throw badRequest('invalidPath', `"${text}" is not a valid path`);
  const rest = text.slice(parser.pos).trim();
  if (rest === '') return { kind: 'attribute', path: attribute, filter: node.filter };
  if (rest[0] !== '.' || !SUB.test(rest.slice(1))) throw badRequest('invalidPath', `"${text}" is not a valid path: unexpected "${rest}" after the filter`);
  return { kind: 'attribute', path: withSubAttribute(attribute, rest.slice(1), 'invalidPath'), filter: node.filter };
}
