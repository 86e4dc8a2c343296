/**
 * The profile of a user as a directory supplies it, whatever the provider: what cards are made from. Defined once,
 * here; the SCIM toolkit's `userProfile()` returns it (with the user's own attributes) and the plugin API publishes it
 * as `UserProfileInput`. A leaf: it imports nothing, so the protocol toolkit and the public API may name it.
 */

/** A contact value of a profile (an e-mail address, a phone number). @public */
export interface ProfileContact {
  value: string;
  type?: string;
  primary?: boolean;
}

/** The postal address of a profile. @public */
export interface ProfileAddress {
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  formatted?: string;
}

/** The card-relevant profile of a user, provider-neutral. @public */
export interface UserProfile {
  displayName?: string;
  givenName?: string;
  familyName?: string;
  formattedName?: string;
  title?: string;
  department?: string;
  organization?: string;
  employeeNumber?: string;
  emails?: ProfileContact[];
  phoneNumbers?: ProfileContact[];
  address?: ProfileAddress;
  photoUrl?: string;
  managerId?: string;
  /** The user's preferred languages, as an HTTP Accept-Language value (`de-DE`, `de-DE, en;q=0.8`). */
  preferredLanguage?: string;
}
