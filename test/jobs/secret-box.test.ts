import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from '../../src/domain/directories/secret-box.js';

const KEY = Buffer.alloc(32, 1).toString('base64');
const OTHER_KEY = Buffer.alloc(32, 2).toString('base64url');

describe('secret box (AES-256-GCM with ENCRYPTION_KEY)', () => {
  it('opens what it sealed, and seals the same secret differently each time', () => {
    const a = sealSecret(KEY, 'client-secret', 'directory-1');
    const b = sealSecret(KEY, 'client-secret', 'directory-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('client-secret');
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(openSecret(KEY, a, 'directory-1')).toBe('client-secret');
  });

  it('refuses another key, another directory, or a tampered value', () => {
    const sealed = sealSecret(KEY, 'client-secret', 'directory-1');
    expect(() => openSecret(OTHER_KEY, sealed, 'directory-1')).toThrow();
    expect(() => openSecret(KEY, sealed, 'directory-2')).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => openSecret(KEY, [v, iv, tag, flipped.toString('base64url')].join('.'), 'directory-1')).toThrow();
    expect(() => openSecret(KEY, 'plain text', 'directory-1')).toThrow('not a sealed secret');
  });

  it('explains a missing or wrong-sized key instead of storing a secret badly', () => {
    expect(() => sealSecret(undefined, 's', 'd')).toThrow(/ENCRYPTION_KEY is not configured/);
    expect(() => sealSecret(Buffer.alloc(16).toString('base64'), 's', 'd')).toThrow(/must be 32 bytes.*16 bytes/);
  });
});
