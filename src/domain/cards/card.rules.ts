/**
 * The card rules, as pure functions (no I/O): what a card shows, its status, and which template it uses. The SQL
 * of the write paths receives their results as values.
 */
import type { CardFields, CardStatus } from './card.entity.js';
import { displayNameOf } from '../users/users.rules.js';
import type { UserProfile } from '../users/user-profile.js';
import { sanitizeCardFields, singleLineText } from './card-text.js';

/**
 * Derives a card's directory-owned fields from a profile. `company` is the profile's organization, else the name of
 * the user's organization (the rule is written here only). The holder's overrides are kept apart. Every text is
 * sanitised for the public surfaces (no control characters, see card-text.ts): the directory is not trusted with them.
 */
export function cardFieldsFor(profile: UserProfile, organizationName: string, userName: string): CardFields {
  // The name is chosen among the cleaned candidates, so a displayName of only control characters falls through.
  const named = (value: string | undefined) => (value === undefined ? undefined : singleLineText(value) || undefined);
  const names = { displayName: named(profile.displayName), givenName: named(profile.givenName), familyName: named(profile.familyName), formattedName: named(profile.formattedName) };
  const fields: CardFields = {
    displayName: displayNameOf(names, userName),
    givenName: profile.givenName,
    familyName: profile.familyName,
    title: profile.title,
    department: profile.department,
    company: profile.organization || organizationName,
    emails: (profile.emails ?? []).map(({ value, type }) => ({ value, ...(type ? { type } : {}) })),
    phones: (profile.phoneNumbers ?? []).map(({ value, type }) => ({ value, ...(type ? { type } : {}) })),
    address: profile.address ? stripEmpty({ ...profile.address, formatted: undefined }) : undefined,
    photoUrl: profile.photoUrl,
  };
  return sanitizeCardFields(stripEmpty(fields));
}

function stripEmpty<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && v !== null && v !== '') out[key] = v;
  }
  return out as T;
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

/*
 * The leaver policy: what a deactivation does to a card. Entra's first signal when someone leaves is `active: "False"`
 * (the user was unassigned from the app, disabled, or soft-deleted); the DELETE follows only when the user is
 * hard-deleted, up to 30 days later, or never. Like the card products this follows, a deactivation never deletes the
 * card: it is suspended, so every public route answers 410 until the directory sets `active` again. Keeping a leaver's
 * card public is an explicit directory setting, `deprovisionPolicy: 'keepPublic'`.
 */

/**
 * Whether a directory's setting keeps the cards of deactivated users public. Only the explicit `'keepPublic'` does:
 * unset, `'suspend'`, the `'keep'` that versions before issue 11 stored as their default, and anything unknown all
 * read as suspend — the safe reading.
 */
export function keepsLeaversPublic(policy: unknown): boolean {
  return policy === 'keepPublic';
}

/** The card status of a directory user: active while the user is, and while suspended only under `keepPublic`. */
export function cardStatusFor(active: boolean, policy: unknown): CardStatus {
  return active || keepsLeaversPublic(policy) ? 'active' : 'suspended';
}

/**
 * Where a card's template comes from, in order of precedence: the template of the highest-priority group rule among
 * the user's groups (ties by group name), else the directory's default template, else the organization's first
 * template (oldest). Written here only: {@link templateFor} applies the order, and the statements that pick or
 * re-pick templates read the candidates and receive templateFor's picks as values (card-templates.ts).
 */
export const TEMPLATE_PRECEDENCE = ['groupRule', 'directoryDefault', 'organizationFirst'] as const;
export type TemplateSource = (typeof TEMPLATE_PRECEDENCE)[number];

/** A group rule: the template a group gives its members, with the rule's priority (higher wins). */
export interface GroupTemplateRule {
  templateId: string;
  priority: number;
  groupName: string;
}

/**
 * The highest-priority rule among a user's groups; ties go to the group whose name sorts first (as strings compare:
 * by UTF-16 code units, whatever the database's collation). The rules may come in any order.
 */
export function winningGroupRule(rules: readonly GroupTemplateRule[]): GroupTemplateRule | undefined {
  let best: GroupTemplateRule | undefined;
  for (const rule of rules) {
    if (!best || rule.priority > best.priority || (rule.priority === best.priority && rule.groupName < best.groupName)) best = rule;
  }
  return best;
}

/** The template of a card from its candidates, by {@link TEMPLATE_PRECEDENCE}; null when none exists. */
export function templateFor(candidates: { groupRules?: readonly GroupTemplateRule[]; directoryDefault?: string | null; organizationFirst?: string | null }): string | null {
  const bySource: Record<TemplateSource, string | null | undefined> = {
    groupRule: winningGroupRule(candidates.groupRules ?? [])?.templateId,
    directoryDefault: candidates.directoryDefault,
    organizationFirst: candidates.organizationFirst,
  };
  for (const source of TEMPLATE_PRECEDENCE) {
    const id = bySource[source];
    if (id) return id;
  }
  return null;
}
