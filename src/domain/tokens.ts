import { createHash, randomBytes } from 'node:crypto';

/**
 * Random secrets the domain hands out once: directory Secret Tokens (and invite tokens, hashed alike) and card
 * slugs. Only hashes of tokens are stored.
 */
const TOKEN_PREFIX = 'cbt_';

/** A new directory Secret Token: 256 random bits; shown once, stored only as its hash. */
export function generateSecretToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 of a token. Tokens carry 256 bits of entropy, so a fast hash is the right tool (no need for a KDF). */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** An unguessable public slug for a card URL (128 bits). */
export function generateCardSlug(): string {
  return randomBytes(16).toString('base64url');
}
