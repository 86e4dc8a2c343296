import { DomainError } from '../errors.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where the portal's "Done" button goes: an absolute https URL, or http on localhost (development). Anything else
 * (a relative path, javascript:, data:, credentials in the URL) is refused naming the field.
 */
export function validateReturnUrl(value: string | null | undefined, field = 'returnUrl'): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomainError('INVALID_INPUT', `${field} must be an absolute URL such as https://app.example.com/settings, got "${text.slice(0, 200)}"`, { field });
  }
  if (text.length > 2000) throw new DomainError('INVALID_INPUT', `${field} must be at most 2000 characters`, { field });
  const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    throw new DomainError('INVALID_INPUT', `${field} must be an https:// URL (http:// only on localhost), got "${url.protocol}"`, { field });
  }
  if (url.username || url.password) throw new DomainError('INVALID_INPUT', `${field} must not carry a user name or password`, { field });
  return url.href;
}
