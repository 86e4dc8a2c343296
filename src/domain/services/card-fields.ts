import type { CardFields } from '../entities/card.entity.js';
import { sanitizeCardFields, singleLineText } from './card-text.js';

/** Provider-neutral profile a directory supplies for a user; what cards are made from. */
export interface UserProfile {
  displayName?: string;
  givenName?: string;
  familyName?: string;
  formattedName?: string;
  title?: string;
  department?: string;
  organization?: string;
  employeeNumber?: string;
  emails?: { value: string; type?: string; primary?: boolean }[];
  phoneNumbers?: { value: string; type?: string; primary?: boolean }[];
  address?: { streetAddress?: string; locality?: string; region?: string; postalCode?: string; country?: string; formatted?: string };
  photoUrl?: string;
  managerId?: string;
}

/** The e-mail used to link manual users and to send invites: the primary one, else work, else the first. */
export function primaryEmail(profile: UserProfile): string | undefined {
  const emails = profile.emails ?? [];
  return (emails.find((e) => e.primary) ?? emails.find((e) => e.type === 'work') ?? emails[0])?.value?.trim().toLowerCase() || undefined;
}

/** The display name of a card: displayName, else "given family", else formatted, else the fallback. */
export function displayNameOf(profile: UserProfile, fallback: string): string {
  const joined = [profile.givenName, profile.familyName].filter(Boolean).join(' ');
  return profile.displayName || joined || profile.formattedName || fallback;
}

/**
 * Derives a card's directory-owned fields from a profile. Pure; the holder's overrides are kept apart. Every text is
 * sanitised for the public surfaces (no control characters, see card-text.ts): the directory is not trusted with them.
 */
export function cardFieldsFromProfile(profile: UserProfile, company: string, fallbackName: string): CardFields {
  // The name is chosen among the cleaned candidates, so a displayName of only control characters falls through.
  const named = (value: string | undefined) => (value === undefined ? undefined : singleLineText(value) || undefined);
  const names = { displayName: named(profile.displayName), givenName: named(profile.givenName), familyName: named(profile.familyName), formattedName: named(profile.formattedName) };
  const fields: CardFields = {
    displayName: displayNameOf(names, fallbackName),
    givenName: profile.givenName,
    familyName: profile.familyName,
    title: profile.title,
    department: profile.department,
    company: profile.organization || company,
    emails: (profile.emails ?? []).map(({ value, type }) => ({ value, ...(type ? { type } : {}) })),
    phones: (profile.phoneNumbers ?? []).map(({ value, type }) => ({ value, ...(type ? { type } : {}) })),
    address: profile.address ? stripEmpty({ ...profile.address, formatted: undefined }) : undefined,
    photoUrl: profile.photoUrl,
  };
  return sanitizeCardFields(stripEmpty(fields));
}

function stripEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

/** What a card shows: directory fields, with the holder's overrides where the template allows editing. */
export function effectiveCardFields(fields: CardFields, overrides: CardFields, editable: readonly string[]): CardFields {
  const out: CardFields = { ...fields };
  for (const key of editable) {
    const value = overrides[key as keyof CardFields];
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}
