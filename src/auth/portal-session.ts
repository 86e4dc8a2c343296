/**
 * Internal: the admin portal's session cookie as a GraphQL {@link Viewer} (issue 13). A Bearer token, when sent,
 * always wins; the cookie counts only without one, and then a POST must prove it comes from the portal's own page
 * (X-CSRF-Token) and a WebSocket from the public URL's origin.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import type { Config } from '../config/config.js';
import { DomainError } from '../domain/errors.js';
import { csrfTokenOf, findPortalSession, type PortalSession, type PortalSessionLifetime } from '../domain/portal-access/index.js';
import type { Viewer } from './viewer.js';

/** The session cookie's name. */
export const PORTAL_COOKIE = 'cardbridge_portal';

/** The header a cookie-authenticated POST carries the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

/** The session's lifetime settings from the configuration. */
export function portalLifetime(config: Config): PortalSessionLifetime {
  return { maxSeconds: config.portal.sessionMaxSeconds, idleSeconds: config.portal.sessionIdleSeconds };
}

/** The value of cookie `name` in a Cookie header; undefined when absent. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The viewer a portal session acts as: scoped to the session's organization, with the session's role. */
export function viewerOfSession(session: PortalSession): Viewer {
  return { organizationId: session.organizationId, organizationSlug: session.organizationSlug, role: session.role, userId: session.userId, method: 'portal' };
}

/** True when `sent` is the CSRF token of the session whose cookie value is `sessionToken` (constant time). */
export function csrfTokenMatches(sessionToken: string, sent: string | undefined): boolean {
  if (!sent) return false;
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  const actual = Buffer.from(sent);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The origin a cookie-authenticated WebSocket must come from: the public URL's. */
export function portalOrigin(config: Config): string {
  return new URL(config.publicUrl).origin;
}

export interface PortalAuthenticator {
  /** The session a cookie value names; null when there is none (no cookie). Throws UNAUTHENTICATED for an ended one. */
  authenticate(cookieHeader: string | undefined): Promise<{ viewer: Viewer; session: PortalSession; token: string } | null>;
}

export function createPortalAuthenticator(deps: { config: Config; pool: Pool }): PortalAuthenticator {
  const lifetime = portalLifetime(deps.config);
  return {
    async authenticate(cookieHeader) {
      const token = cookieValue(cookieHeader, PORTAL_COOKIE);
      if (!token) return null;
      const session = await findPortalSession(deps.pool, token, lifetime);
      if (!session) throw new DomainError('UNAUTHENTICATED', 'the portal session has ended (expired, signed out, or its admin lost access); open a new portal link');
      return { viewer: viewerOfSession(session), session, token };
    },
  };
}
