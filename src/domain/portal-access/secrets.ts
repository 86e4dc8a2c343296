import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A new random token: 256 bits, base64url (43 characters). */
export function newPortalSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token: what the database stores and looks up (the tokens carry 256 random bits, no KDF needed). */
export function hashPortalSecret(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The session's CSRF token, derived from the session's cookie value (HMAC-SHA256): only a page that was handed it
 * by `GET /portal/session` knows it, and nothing more is stored.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('cardbridge-portal-csrf').digest('base64url');
}

/** True when a token sent by a client looks like one this module issues (checked before any lookup). */
export function looksLikePortalSecret(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
