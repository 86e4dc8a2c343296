import type { CardFields } from './card.entity.js';

/*
 * The one sanitiser for text that reaches a public surface of a card (page, vCard, QR). A directory (any SCIM
 * attribute) or a holder (updateMyCard) can send any string; a bare CR, VT, FF, NEL (U+0085), U+2028 or U+2029 ends a
 * line for common vCard readers (Python's vobject ends lines at `\r\n|\r|\n`, Java's readLine at CR or LF), so one
 * unescaped break in a title forges a second contact in `/c/<slug>.vcf`. Applied where card fields are written, again
 * where a card is read for the public (rows stored before), and the vCard writer escapes once more.
 */

/** Every code point some reader treats as a line end: CRLF, LF, VT, FF, CR, NEL, LINE and PARAGRAPH SEPARATOR. */
const LINE_BREAK = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g;
/** Line breaks and tabs, as one run: they become one space in a single-line value. */
const BREAKS_AND_TABS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** C0 controls, DEL, C1 controls (Unicode category Cc), and U+2028/U+2029. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A surrogate without its pair: UTF-8 cannot carry it (it would be sent as U+FFFD, and fold lengths would differ). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Anything {@link singleLineText} would change besides the trim: a control, a separator, a surrogate (paired or not). */
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\uD800-\uDFFF]/;

function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** Whether `text` holds a control character or a Unicode line/paragraph separator. */
export function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text);
}

/**
 * A single-line value (a name, a title, an e-mail address): line breaks and tabs become one space, every other
 * control character is dropped, lone surrogates become U+FFFD; trimmed.
 */
export function singleLineText(text: string): string {
  // Most values hold none of it: one scan, no copies.
  if (!NEEDS_CLEANING.test(text)) return text.trim();
  return wellFormed(text).replace(BREAKS_AND_TABS, ' ').replace(CONTROL, '').trim();
}

/**
 * A value where a line break means something (a street address over two lines): every kind of break becomes `\n`
 * (which a vCard carries escaped, RFC 6350 §3.4), tabs a space, every other control character is dropped; trimmed.
 */
export function multiLineText(text: string): string {
  return wellFormed(text)
    .replace(LINE_BREAK, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

const TEXT_KEYS: ReadonlySet<string> = new Set(['displayName', 'givenName', 'familyName', 'title', 'department', 'company', 'photoUrl']);
const ADDRESS_KEYS = ['streetAddress', 'locality', 'region', 'postalCode', 'country'] as const;

function clean(value: unknown, multiLine = false): string | undefined {
  if (typeof value !== 'string') return undefined;
  const out = multiLine ? multiLineText(value) : singleLineText(value);
  return out || undefined;
}

function contacts(list: unknown): { value: string; type?: string }[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((item: unknown) => {
    if (!item || typeof item !== 'object') return [];
    const { value, type } = item as { value?: unknown; type?: unknown };
    const text = clean(value);
    if (!text) return [];
    const kind = clean(type);
    return [{ value: text, ...(kind ? { type: kind } : {}) }];
  });
}

function address(value: unknown): CardFields['address'] {
  if (!value || typeof value !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const key of ADDRESS_KEYS) {
    // Only the street may span lines; a break in a city or country is noise from the directory.
    const text = clean((value as Record<string, unknown>)[key], key === 'streetAddress');
    if (text) out[key] = text;
  }
  // An empty address stays empty: a holder's `{}` override hides the directory's address.
  return out;
}

/**
 * Card fields with every text made safe for a public surface. Tolerates malformed stored JSON (non-strings are
 * dropped); empty values are left out. A key present with `null` (a holder removing an override) stays `null`.
 */
export function sanitizeCardFields<T extends { [K in keyof CardFields]?: CardFields[K] | null }>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const value = (fields as Record<string, unknown>)[key];
    const safe = value === null ? null : TEXT_KEYS.has(key) ? clean(value) : key === 'emails' || key === 'phones' ? contacts(value) : key === 'address' ? address(value) : undefined;
    // Keys a card does not know are not shown anywhere; they are dropped rather than carried along unchecked.
    if (safe !== undefined) out[key] = safe;
  }
  return out as T;
}
