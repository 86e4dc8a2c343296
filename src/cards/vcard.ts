// Internal to the public card pages: the card as a vCard 4.0 (RFC 6350), serialized by ical.js.
import ICAL from 'ical.js';
import { hasControlCharacter, multiLineText, singleLineText } from '../domain/cards/card-text.js';
import type { ContactPoint, PublicCard } from './public-card.view.js';

/** Photos above this size are left out of the vCard (the page still shows them); contacts apps choke on huge lines. */
const MAX_PHOTO_BYTES = 1024 * 1024;

/** SCIM phone types (RFC 7643 §4.1.2) → RFC 6350 §6.4.1 TEL types. */
const TEL_TYPES: Record<string, string[]> = {
  work: ['work', 'voice'],
  home: ['home', 'voice'],
  mobile: ['cell'],
  fax: ['fax'],
  pager: ['pager'],
};

/**
 * RFC 6350 §3.2: a physical line SHOULD NOT exceed 75 octets without its line break, a continuation line's leading
 * space included (ical.js allows 76 there), and a fold never splits a UTF-8 sequence.
 */
const MAX_LINE_OCTETS = 75;

/**
 * The last line of defence against vCard injection: the card's text was sanitised when written and read, and is
 * cleaned once more here. A single-line value keeps no line break at all; the street address keeps its breaks as
 * `\n`, which ical.js escapes (§3.4). No raw CR, LF, other C0/C1 control or U+2028/2029 reaches the writer.
 */
const single = (value: string) => singleLineText(value);

function property(name: string, value: string | string[], params: Record<string, string | string[]> = {}): ICAL.Property {
  const prop = new ICAL.Property(name);
  for (const [key, param] of Object.entries(params)) prop.setParameter(key, param);
  prop.setValue(value as string);
  return prop;
}

/** N is required by iOS to file a contact; without given/family names the display name is split at its last space. */
function nameParts(card: PublicCard): string[] {
  if (card.givenName || card.familyName) return [single(card.familyName ?? ''), single(card.givenName ?? ''), '', '', ''];
  const name = single(card.name);
  const at = name.lastIndexOf(' ');
  return at > 0 ? [name.slice(at + 1), name.slice(0, at), '', '', ''] : [name, '', '', '', ''];
}

function telProperty(phone: ContactPoint): ICAL.Property | undefined {
  if (!phone.href) return undefined;
  const types = TEL_TYPES[phone.type ?? ''] ?? ['voice'];
  // RFC 6350 §6.4.1: TEL defaults to free text; a tel: URI needs VALUE=uri (ical.js treats uri as the default and would omit it).
  return property('tel', phone.href, { value: 'uri', type: types });
}

function emailProperty(email: ContactPoint): ICAL.Property {
  return property('email', single(email.value), email.type === 'work' || email.type === 'home' ? { type: email.type } : {});
}

/**
 * PHOTO as a `data:` URI (RFC 6350 §6.2.4). ical.js escapes commas in every vCard URI as if it were text, which
 * breaks `data:image/jpeg;base64,…` for other readers, so this one line is written here, folded but not escaped;
 * the value holds only base64 and the allow-listed media type, nothing that needs escaping.
 */
function photoLine(card: PublicCard): string | undefined {
  const photo = card.photo;
  if (!photo?.data || photo.data.length > MAX_PHOTO_BYTES) return undefined;
  return `PHOTO:data:${photo.contentType};base64,${photo.data.toString('base64')}`;
}

function properties(card: PublicCard): ICAL.Property[] {
  const a = card.address;
  const [company, department, title] = [card.company, card.department, card.title].map((value) => single(value ?? ''));
  const org = company || department ? [company!, ...(department ? [department] : [])] : undefined;
  const list: (ICAL.Property | undefined)[] = [
    property('version', '4.0'),
    property('kind', 'individual'),
    property('uid', `urn:uuid:${card.id}`),
    property('fn', single(card.name)),
    property('n', nameParts(card)),
    org ? property('org', org) : undefined,
    title ? property('title', title) : undefined,
    ...card.emails.filter((email) => single(email.value)).map(emailProperty),
    ...card.phones.map(telProperty),
    a ? property('adr', ['', '', multiLineText(a.streetAddress ?? ''), ...[a.locality, a.region, a.postalCode, a.country].map((part) => single(part ?? ''))], { type: 'work' }) : undefined,
    property('url', card.url),
  ];
  return list.filter((p): p is ICAL.Property => p !== undefined);
}

/** Folds one content line (RFC 6350 §3.2): CRLF plus a space before the octet that would pass 75, never inside a character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/**
 * The vCard 4.0 text of a card: one VCARD, CRLF line ends, lines folded at 75 octets (never inside a character),
 * values escaped per RFC 6350 §3.4. Throws rather than send a line break or control character it did not write
 * itself (unreachable while every value goes through {@link single} or `multiLineText`).
 */
export function cardVCard(card: PublicCard): string {
  // Added to a vCard component, each property takes its vCard 4.0 value type; each line is folded below, not by ical.js.
  const component = new ICAL.Component('vcard');
  for (const prop of properties(card)) component.addProperty(prop);
  const lines = component.getAllProperties().map((prop) => ICAL.stringify.property(prop.toJSON(), ICAL.design.vcard, true));
  const photo = photoLine(card);
  if (photo) lines.push(photo);
  const content = ['BEGIN:VCARD', ...lines, 'END:VCARD'];
  // A content line holds no CR, LF, other C0/C1 control, DEL, U+2028 or U+2029: the only line breaks are ours.
  if (content.some(hasControlCharacter)) throw new Error('vCard writer: a value kept a control character');
  return `${content.map(foldLine).join('\r\n')}\r\n`;
}

/** A Content-Disposition for `<name>.vcf`: an ASCII fallback plus the UTF-8 name (RFC 6266). */
export function vcardDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^A-Za-z0-9 ._-]/g, '').trim().replace(/\s+/g, '-') || 'contact';
  // RFC 5987 attr-char: encodeURIComponent leaves ' ( ) * unescaped, which are not allowed there.
  const utf8 = encodeURIComponent(`${name}.vcf`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}.vcf"; filename*=UTF-8''${utf8}`;
}
