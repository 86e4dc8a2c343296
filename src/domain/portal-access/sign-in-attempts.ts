import type { Queryable } from '../../db/sql/run.js';
import type { PortalIntent } from './intents.js';
import { hashPortalSecret, newPortalSecret } from './secrets.js';

/** A Sign in with Microsoft in progress: what the callback checks the answer against. */
export interface SignInAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  intent: PortalIntent;
}

/** Stores an attempt for `ttlSeconds`; returns the value of the browser's cookie that names it. */
export async function saveSignInAttempt(db: Queryable, attempt: SignInAttempt, ttlSeconds: number): Promise<string> {
  const id = newPortalSecret();
  // Old attempts nobody finished go with each new one (a cheap delete on the expiry, bounded by what is expired).
  await db.query('delete from portal_sign_in_attempt where expires_at < now()');
  await db.query(
    `insert into portal_sign_in_attempt (id_hash, state, nonce, code_verifier, intent, expires_at)
     values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
    [hashPortalSecret(id), attempt.state, attempt.nonce, attempt.codeVerifier, attempt.intent, ttlSeconds],
  );
  return id;
}

/** Takes the attempt the cookie names (once: it is deleted); null when unknown or expired. */
export async function takeSignInAttempt(db: Queryable, cookieValue: string): Promise<SignInAttempt | null> {
  const { rows } = await db.query<{ state: string; nonce: string; code_verifier: string; intent: PortalIntent }>(
    'delete from portal_sign_in_attempt where id_hash = $1 and expires_at > now() returning state, nonce, code_verifier, intent',
    [hashPortalSecret(cookieValue)],
  );
  const row = rows[0];
  return row ? { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, intent: row.intent } : null;
}
