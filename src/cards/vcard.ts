// Internal to the public card pages: the card as a vCard 4.0 (RFC 6350), serialized by ical.js.
import ICAL from 'ical.js';
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

function property(name: string, value: unknown, params: Record<string, string | string[]> = {}): ICAL.Property {
  const prop = new ICAL.Property(name);
  for (const [key, param] of Object.entries(params)) prop.setParameter(key, param);
  prop.setValue(value as string);
  return prop;
}

/** N is required by iOS to file a contact; without given/family names the display name is split at its last space. */
function nameParts(card: PublicCard): string[] {
  if (card.givenName || card.familyName) return [card.familyName ?? '', card.givenName ?? '', '', '', ''];
  const at = card.name.lastIndexOf(' ');
  return at > 0 ? [card.name.slice(at + 1), card.name.slice(0, at), '', '', ''] : [card.name, '', '', '', ''];
}

function telProperty(phone: ContactPoint): ICAL.Property | undefined {
  if (!phone.href) return undefined;
  const types = TEL_TYPES[phone.type ?? ''] ?? ['voice'];
  // RFC 6350 §6.4.1: TEL defaults to free text; a tel: URI needs VALUE=uri (ical.js treats uri as the default and would omit it).
  return property('tel', phone.href, { value: 'uri', type: types });
}

function emailProperty(email: ContactPoint): ICAL.Property {
  return property('email', email.value, email.type === 'work' || email.type === 'home' ? { type: email.type } : {});
}

/**
 * PHOTO as a `data:` URI (RFC 6350 §6.2.4). ical.js escapes commas in every vCard URI as if it were text, which
 * breaks `data:image/jpeg;base64,…` for other readers, so this one line is folded by ical.js but not escaped;
 * the value holds only base64 and the allow-listed media type, nothing that needs escaping.
 */
function photoLine(card: PublicCard): string | undefined {
  const photo = card.photo;
  if (!photo?.data || photo.data.length > MAX_PHOTO_BYTES) return undefined;
  return ICAL.helpers.foldline(`PHOTO:data:${photo.contentType};base64,${photo.data.toString('base64')}`);
}

function properties(card: PublicCard): ICAL.Property[] {
  const a = card.address;
  const org = card.company || card.department ? [card.company ?? '', ...(card.department ? [card.department] : [])] : undefined;
  const list: (ICAL.Property | undefined)[] = [
    property('version', '4.0'),
    property('kind', 'individual'),
    property('uid', `urn:uuid:${card.id}`),
    property('fn', card.name),
    property('n', nameParts(card)),
    org ? property('org', org) : undefined,
    card.title ? property('title', card.title) : undefined,
    ...card.emails.map(emailProperty),
    ...card.phones.map(telProperty),
    a ? property('adr', ['', '', a.streetAddress ?? '', a.locality ?? '', a.region ?? '', a.postalCode ?? '', a.country ?? ''], { type: 'work' }) : undefined,
    property('url', card.url),
  ];
  return list.filter((p): p is ICAL.Property => p !== undefined);
}

/** The vCard 4.0 text of a card: CRLF line ends, folded after 75 octets of content (never inside a character), values escaped per RFC 6350 §3.4. */
export function cardVCard(card: PublicCard): string {
  const component = new ICAL.Component('vcard');
  for (const prop of properties(card)) component.addProperty(prop);
  const text = component.toString();
  const photo = photoLine(card);
  const end = text.lastIndexOf('END:VCARD');
  return `${text.slice(0, end)}${photo ? `${photo}\r\n` : ''}END:VCARD\r\n`;
}

/** A Content-Disposition for `<name>.vcf`: an ASCII fallback plus the UTF-8 name (RFC 6266). */
export function vcardDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^A-Za-z0-9 ._-]/g, '').trim().replace(/\s+/g, '-') || 'contact';
  // RFC 5987 attr-char: encodeURIComponent leaves ' ( ) * unescaped, which are not allowed there.
  const utf8 = encodeURIComponent(`${name}.vcf`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}.vcf"; filename*=UTF-8''${utf8}`;
}
