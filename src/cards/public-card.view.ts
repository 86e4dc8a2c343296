// Internal to the public card pages: what a public card shows, derived once from the stored row.
import type { CardFields } from '../domain/cards/card.entity.js';
import { effectiveCardFields } from '../domain/cards/card.rules.js';
import { sanitizeCardFields } from '../domain/cards/card-text.js';
import type { PublicCardRow } from './public-card.query.js';

/** The template defaults of the initial migration, for a card whose template was deleted. */
const DEFAULT_FIELDS_SHOWN = ['photo', 'title', 'department', 'company', 'emails', 'phones', 'address'];
const DEFAULT_PRIMARY = '#1f3a5f';
const DEFAULT_ACCENT = '#2f80ed';

/** Photo types served back as-is; anything else is never served (a stored text/html "photo" would be XSS). */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export interface ContactPoint {
  value: string;
  type?: string;
  /** `tel:` or `mailto:` link; absent when the value cannot be made into a safe one. */
  href?: string;
}

export interface PostalAddress {
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** Colour pair: a background and the text colour readable on it. */
export interface Swatch {
  color: string;
  on: string;
}

export interface PublicCard {
  id: string;
  slug: string;
  /** The canonical card URL, `${publicUrl}/c/<slug>`. */
  url: string;
  name: string;
  givenName?: string;
  familyName?: string;
  initials: string;
  title?: string;
  department?: string;
  company?: string;
  emails: ContactPoint[];
  phones: ContactPoint[];
  address?: PostalAddress;
  /** Present only when the template shows the photo and a servable one is stored. */
  photo?: { contentType: string; data: Buffer | null };
  /** A `data:` image or a same-origin path; external logos are not loaded (no third-party requests). */
  logo?: string;
  primary: Swatch;
  accent: Swatch;
}

/**
 * The card as the public sees it: directory fields with the holder's overrides, reduced to `fields_shown`. Fields
 * are written sanitised; they are sanitised again here for rows stored before that, and for the organization name
 * SQL fills in as `company`: no control character reaches the page or the vCard.
 */
export function toPublicCard(row: PublicCardRow, publicUrl: string): PublicCard {
  const shown = new Set(Array.isArray(row.fields_shown) ? row.fields_shown : DEFAULT_FIELDS_SHOWN);
  const overrides = row.overrides && typeof row.overrides === 'object' ? row.overrides : {};
  const fields = sanitizeCardFields(effectiveCardFields(row.fields ?? {}, overrides, Array.isArray(row.editable_fields) ? row.editable_fields : []));
  const name = text(fields.displayName) ?? ([text(fields.givenName), text(fields.familyName)].filter(Boolean).join(' ') || 'Business card');
  const show = <T>(key: string, value: T): T | undefined => (shown.has(key) ? value : undefined);
  return {
    id: row.id,
    slug: row.slug,
    url: `${publicUrl}/c/${row.slug}`,
    name,
    givenName: text(fields.givenName),
    familyName: text(fields.familyName),
    initials: initialsOf(name),
    title: show('title', text(fields.title)),
    department: show('department', text(fields.department)),
    company: show('company', text(fields.company)),
    emails: show('emails', contactPoints(fields.emails, mailtoHref)) ?? [],
    phones: show('phones', contactPoints(fields.phones, telHref)) ?? [],
    address: show('address', postalAddress(fields.address)),
    photo: show('photo', photoOf(row)),
    logo: safeLogo(row.logo_url),
    primary: swatch(row.primary_color, DEFAULT_PRIMARY),
    accent: swatch(row.accent_color, DEFAULT_ACCENT),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  const first = (word: string | undefined) => (word ? Array.from(word)[0]! : '');
  return (first(words[0]) + (words.length > 1 ? first(words.at(-1)) : '')).toLocaleUpperCase() || '?';
}

function contactPoints(list: CardFields['emails'], toHref: (value: string) => string | undefined): ContactPoint[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const value = text(item?.value);
    if (!value) return [];
    return [{ value, type: text(item.type)?.toLowerCase(), href: toHref(value) }];
  });
}

/** `mailto:` only for plain addresses: characters that change a mailto URI's meaning (`?`, `&`, `%`, …) get no link. */
export function mailtoHref(value: string): string | undefined {
  return /^[A-Za-z0-9._+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(value) ? `mailto:${value}` : undefined;
}

/** RFC 3966 `tel:` URI: a global number keeps its `+`; visual separators are dropped. */
export function telHref(value: string): string | undefined {
  const digits = value.replace(/[^0-9]/g, '');
  if (digits.length < 3) return undefined;
  return `tel:${value.trim().startsWith('+') ? '+' : ''}${digits}`;
}

function postalAddress(value: CardFields['address']): PostalAddress | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const address: PostalAddress = {
    streetAddress: text(value.streetAddress),
    locality: text(value.locality),
    region: text(value.region),
    postalCode: text(value.postalCode),
    country: text(value.country),
  };
  return Object.values(address).some(Boolean) ? address : undefined;
}

function photoOf(row: PublicCardRow): PublicCard['photo'] {
  const contentType = row.photo_content_type?.split(';')[0]!.trim().toLowerCase();
  return contentType && PHOTO_TYPES.has(contentType) ? { contentType, data: row.photo_data } : undefined;
}

function safeLogo(url: string | null): string | undefined {
  if (!url) return undefined;
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/.test(url)) return url;
  return /^\/(?!\/)[A-Za-z0-9._~!$&'()*+,;=:@/%-]*$/.test(url) ? url : undefined;
}

function swatch(color: string | null, fallback: string): Swatch {
  const value = color && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color.toLowerCase() : fallback;
  // White text while it keeps a 3:1 contrast (WCAG 2.x, UI components and large text), dark text beyond.
  return { color: value, on: luminance(value) > 0.3 ? '#111827' : '#ffffff' };
}

/** Relative luminance (WCAG 2.x) of a #rgb or #rrggbb colour. */
function luminance(hex: string): number {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (c) => c + c) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(full.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
