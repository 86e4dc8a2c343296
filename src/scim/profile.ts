/** A provider-neutral profile of a User resource, the input of business cards. */
import type { ProfileAddress, ProfileContact, UserProfile as CardProfile } from '../domain/users/user-profile.js';
import { SCHEMA_ENTERPRISE_USER } from './constants.js';
import { isObject } from './values.js';

export type { ProfileAddress, ProfileContact };

/**
 * What a business card needs from a User resource, whatever the directory: the user's identity and the domain's one
 * profile (src/domain/users/user-profile.ts), its contact lists always present. @public
 */
export type UserProfile = CardProfile & {
  userName: string;
  externalId?: string;
  active: boolean;
  emails: ProfileContact[];
  phoneNumbers: ProfileContact[];
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function contacts(value: unknown): ProfileContact[] {
  if (!Array.isArray(value)) return [];
  const out: ProfileContact[] = [];
  for (const e of value) {
    if (!isObject(e) || !text(e.value)) continue;
    const c: ProfileContact = { value: e.value as string };
    if (text(e.type)) c.type = e.type as string;
    if (typeof e.primary === 'boolean') c.primary = e.primary;
    out.push(c);
  }
  return out;
}

/** The primary element, else the first of the preferred type, else the first (RFC 7643 §2.4). */
function pick(value: unknown, preferredType: string): Record<string, unknown> | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.filter(isObject);
  return items.find((e) => e.primary === true) ?? items.find((e) => typeof e.type === 'string' && e.type.toLowerCase() === preferredType) ?? items[0];
}

const ADDRESS_KEYS = ['streetAddress', 'locality', 'region', 'postalCode', 'country', 'formatted'] as const;

/**
 * Extracts a {@link UserProfile} from a canonical User document (as returned by `normalizeResource`): the primary
 * (else work, else first) address and photo, enterprise department/organization/employeeNumber and manager id, and
 * `preferredLanguage` as sent.
 * Never throws; missing values are left out.
 * @public
 */
export function userProfile(document: Record<string, unknown>): UserProfile {
  const name = isObject(document.name) ? document.name : {};
  const enterprise = isObject(document[SCHEMA_ENTERPRISE_USER]) ? (document[SCHEMA_ENTERPRISE_USER] as Record<string, unknown>) : {};
  const profile: UserProfile = {
    userName: text(document.userName) ?? '',
    active: document.active !== false,
    emails: contacts(document.emails),
    phoneNumbers: contacts(document.phoneNumbers),
  };
  const optional: [keyof UserProfile, unknown][] = [
    ['externalId', document.externalId],
    ['displayName', document.displayName],
    ['givenName', name.givenName],
    ['familyName', name.familyName],
    ['formattedName', name.formatted],
    ['title', document.title],
    ['department', enterprise.department],
    ['organization', enterprise.organization],
    ['employeeNumber', enterprise.employeeNumber],
    ['photoUrl', pick(document.photos, 'photo')?.value],
    ['managerId', isObject(enterprise.manager) ? enterprise.manager.value : undefined],
    ['preferredLanguage', document.preferredLanguage],
  ];
  for (const [key, value] of optional) if (text(value)) (profile as unknown as Record<string, unknown>)[key] = value;
  const address = pick(document.addresses, 'work');
  if (address) {
    const out: ProfileAddress = {};
    for (const key of ADDRESS_KEYS) if (text(address[key])) out[key] = address[key] as string;
    if (Object.keys(out).length) profile.address = out;
  }
  return profile;
}
