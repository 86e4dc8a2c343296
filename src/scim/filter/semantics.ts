/**
 * Comparison rules shared by every engine that answers a filter or a sort — the in-memory evaluator here and the
 * SQL compiler of the host — so both read the type and case rules from the same place (RFC 7644 §3.4.2.2, §3.4.2.3).
 */
import type { AttributeDefinition } from '../schema/attribute.js';
import { parseDateTime } from '../values.js';

/** How a leaf value compares: as text, boolean, number or instant (RFC 7643 §2.3). @public */
export type ValueKind = 'string' | 'boolean' | 'number' | 'dateTime';

/** The comparison kind of an attribute's type; string, reference and binary compare as text. @public */
export function valueKind(definition: Pick<AttributeDefinition, 'type'>): ValueKind {
  switch (definition.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'decimal':
      return 'number';
    case 'dateTime':
      return 'dateTime';
    default:
      return 'string';
  }
}

/**
 * Does text of this attribute compare case-sensitively? Its `caseExact`, and always for binary: RFC 7643 §2.3.6
 * "A binary is case exact".
 * @public
 */
export function isCaseExact(definition: Pick<AttributeDefinition, 'type' | 'caseExact'>): boolean {
  return definition.caseExact || definition.type === 'binary';
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Case folding for case-insensitive text: the Unicode simple lower-case mapping, one code point at a time — what
 * PostgreSQL's `lower()` applies under a UTF-8 locale. (`String.prototype.toLowerCase` applies the full mapping:
 * "İ" becomes two code points and a final "Σ" becomes "ς"; taking the first code point of a single character's
 * mapping, outside any context, is the simple mapping.)
 * @public
 */
export function foldCase(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    out += lower.length === char.length ? lower : String.fromCodePoint(lower.codePointAt(0)!);
  }
  return out;
}

/** A UTF-16 code unit re-ranked so that surrogates (astral code points) sort after U+E000–U+FFFF. */
function rank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * Orders text by Unicode code point — "Unicode alphabetic sort order with no specific locale implied"
 * (RFC 7644 §3.4.2.3), and PostgreSQL's `COLLATE "C"` over UTF-8. JavaScript's `<` orders by UTF-16 code unit,
 * which puts astral characters before U+E000–U+FFFF.
 * @returns negative, zero or positive
 * @public
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/**
 * The instant of an xsd:dateTime (RFC 7643 §2.3.5) in milliseconds — the precision `meta.created` and
 * `meta.lastModified` are published at — or undefined when the text is not one.
 * @public
 */
export function instantOf(text: string): number | undefined {
  return parseDateTime(text);
}
