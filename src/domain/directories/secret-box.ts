import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '../errors.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The 32-byte key from `ENCRYPTION_KEY` (base64 or base64url). Throws INVALID_INPUT when it is missing or has
 * another length, so a misconfigured server refuses to store a secret rather than storing it badly.
 */
export function encryptionKeyBytes(key: string | undefined): Buffer {
  if (!key) throw new DomainError('INVALID_INPUT', 'ENCRYPTION_KEY is not configured; secrets cannot be stored (openssl rand -base64 32)');
  const bytes = Buffer.from(key.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length !== 32) throw new DomainError('INVALID_INPUT', `ENCRYPTION_KEY must be 32 bytes, base64 encoded; it decodes to ${bytes.length} bytes`);
  return bytes;
}

/**
 * Encrypts `plaintext` with AES-256-GCM. `context` (e.g. the directory id) is authenticated but not stored: a
 * value sealed for one directory cannot be opened as another directory's. Output: `v1.<iv>.<tag>.<ciphertext>`.
 */
export function sealSecret(key: string | undefined, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', encryptionKeyBytes(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Decrypts a value made by {@link sealSecret}; throws when the key, the context or the value is wrong. */
export function openSecret(key: string | undefined, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKeyBytes(key), Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
