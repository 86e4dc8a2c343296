import type { CardStatus } from '../entities/card.entity.js';

/*
 * What a deactivation does to a card. Entra's first signal when someone leaves is `active: "False"` (the user was
 * unassigned from the app, disabled, or soft-deleted); the DELETE follows only when the user is hard-deleted, up to
 * 30 days later, or never. Like the card products this follows, a deactivation never deletes the card: it is
 * suspended, so every public route answers 410 until the directory sets `active` again. Keeping a leaver's card
 * public is an explicit directory setting, `deprovisionPolicy: 'keepPublic'`.
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
