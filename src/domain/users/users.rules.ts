/** The users aggregate's rules: what a directory's write of a user means for its columns. Pure functions, no I/O. */
import { DomainError } from '../errors.js';
import type { InviteStatus } from './user.entity.js';
import type { UserProfile } from './user-profile.js';
import type { UserColumnsWrite } from './users.table.js';

/** A user as a directory writes it. `attributes` is stored as given and read back unchanged. */
export interface UserWrite {
  userName: string;
  externalId?: string | null;
  active: boolean;
  attributes: Record<string, unknown>;
  profile: UserProfile;
}

/** The e-mail used to link manual users and to send invites: the primary one, else work, else the first. */
export function primaryEmail(profile: UserProfile): string | undefined {
  const emails = profile.emails ?? [];
  return (emails.find((e) => e.primary) ?? emails.find((e) => e.type === 'work') ?? emails[0])?.value?.trim().toLowerCase() || undefined;
}

/** The display name of a user and a card: displayName, else "given family", else formatted, else the fallback. */
export function displayNameOf(profile: UserProfile, fallback: string): string {
  const joined = [profile.givenName, profile.familyName].filter(Boolean).join(' ');
  return profile.displayName || joined || profile.formattedName || fallback;
}

/** Refuses a write a directory cannot make: no userName, or a userName or externalId longer than 512 characters. */
export function validateUserWrite(write: UserWrite): void {
  if (typeof write.userName !== 'string' || write.userName.trim() === '') throw new DomainError('INVALID_INPUT', 'userName is required', { field: 'userName' });
  if (write.userName.length > 512) throw new DomainError('INVALID_INPUT', 'userName is longer than 512 characters', { field: 'userName' });
  if (write.externalId != null && write.externalId.length > 512) throw new DomainError('INVALID_INPUT', 'externalId is longer than 512 characters', { field: 'externalId' });
}

/** The user's columns a directory's write sets: the document as sent and the profile columns derived from it. */
export function userColumnsFor(write: UserWrite): UserColumnsWrite {
  const p = write.profile;
  return {
    userName: write.userName,
    externalId: write.externalId ?? null,
    active: write.active,
    attributes: write.attributes,
    email: primaryEmail(p) ?? null,
    displayName: displayNameOf(p, write.userName),
    givenName: p.givenName ?? null,
    familyName: p.familyName ?? null,
    title: p.title ?? null,
    department: p.department ?? null,
    preferredLanguage: p.preferredLanguage ?? null,
  };
}

/** The invite status of a user a directory creates: pending (the job mails it) when the directory invites and the user has an e-mail. */
export function inviteStatusFor(invitesEnabled: boolean | undefined, email: string | null): InviteStatus {
  return invitesEnabled === true && email !== null ? 'pending' : 'none';
}
