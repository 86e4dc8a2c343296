/** The portal session the server opened from a link or Sign in with Microsoft (GET /portal/session). */
export interface PortalSession {
  organization: { id: string; name: string; slug: string };
  role: string;
  intent: string;
  returnUrl: string | null;
  csrfToken: string;
  expiresAt: string;
}

/** Why there is no session: none (no link opened yet, or signed out) or the server could not be reached. */
export class SessionError extends Error {
  constructor(
    message: string,
    readonly kind: 'none' | 'unreachable',
  ) {
    super(message);
  }
}

export async function loadSession(): Promise<PortalSession> {
  let response: Response;
  try {
    response = await fetch('/portal/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new SessionError('cardbridge could not be reached. Check your connection and reload the page.', 'unreachable');
  }
  if (response.status === 401) throw new SessionError('Your portal session has ended or was never opened.', 'none');
  if (!response.ok) throw new SessionError(`cardbridge answered ${response.status}. Reload the page in a minute.`, 'unreachable');
  return (await response.json()) as PortalSession;
}

export async function signOut(session: PortalSession): Promise<void> {
  await fetch('/portal/sign-out', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': session.csrfToken } });
}
