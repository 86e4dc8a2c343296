/** What a portal link or sign-in opens the portal at. */
export const PORTAL_INTENTS = ['directory-sync', 'card-settings', 'log'] as const;

export type PortalIntent = (typeof PORTAL_INTENTS)[number];

export const DEFAULT_PORTAL_INTENT: PortalIntent = 'directory-sync';

export function isPortalIntent(value: unknown): value is PortalIntent {
  return typeof value === 'string' && (PORTAL_INTENTS as readonly string[]).includes(value);
}
