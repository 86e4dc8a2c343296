/**
 * Preview mode (issue 13, item 4): a directory whose mode is `preview` takes the identity provider's whole cycle
 * (users and groups stored and read back as in live mode) but claims no seat, makes no card and sends no e-mail
 * until it goes live. Pure rules; the statements are in preview.queries.ts, go-live.service.ts and
 * ../users/preview.provisioning.ts.
 */
import { DomainError } from '../errors.js';

export type DirectoryMode = 'preview' | 'live';
export const DIRECTORY_MODES: readonly DirectoryMode[] = ['preview', 'live'];

/** A directory is live unless its settings say `preview` (directories made before preview mode have no mode). */
export function directoryModeOf(settings: Readonly<{ mode?: unknown }>): DirectoryMode {
  return settings.mode === 'preview' ? 'preview' : 'live';
}

export function isPreview(settings: Readonly<{ mode?: unknown }>): boolean {
  return settings.mode === 'preview';
}

/**
 * Whether the settings may change the mode from `current` to `next`, for a directory with `userCount` users.
 * Into preview only while the directory has no users (their seats and cards exist already); out of preview only by
 * going live (`goLiveDirectory`, `cardbridge directory go-live`), which claims the seats and makes the cards —
 * flipping the setting alone would leave users without either.
 */
export function checkModeChange(current: DirectoryMode, next: DirectoryMode, userCount: number): void {
  if (current === next) return;
  if (next === 'live') {
    throw new DomainError('INVALID_INPUT', 'a directory in preview goes live with goLiveDirectory (CLI: directory go-live), which claims the seats and makes the cards of its users', { field: 'mode' });
  }
  if (userCount > 0) {
    throw new DomainError('CONFLICT', `the directory has ${userCount} ${userCount === 1 ? 'user' : 'users'} with seats and cards; only a directory without users can switch to preview`, { field: 'mode' });
  }
}
