/** The admin portal's entry (issue 13): single-use links, sessions, Sign in with Microsoft attempts. */
export { DEFAULT_PORTAL_INTENT, isPortalIntent, PORTAL_INTENTS, type PortalIntent } from './intents.js';
export { validateReturnUrl } from './return-url.js';
export { csrfTokenOf } from './secrets.js';
export { checkPortalLink, createPortalLink, findOrganizationIdBySlug, portalLinkPath, type CreatedPortalLink, type PortalLinkCreator } from './portal-links.js';
export { findPortalSession, openMicrosoftSession, openSessionFromLink, revokePortalSession, type OpenedPortalSession, type PortalRole, type PortalSession, type PortalSessionLifetime } from './portal-sessions.js';
export { saveSignInAttempt, takeSignInAttempt, type SignInAttempt } from './sign-in-attempts.js';
