import type { Pool } from 'pg';
import { inTransaction, type Queryable } from '../../db/sql/run.js';
import type { PortalIntent } from './intents.js';
import { consumePortalLink } from './portal-links.js';
import { hashPortalSecret, looksLikePortalSecret, newPortalSecret } from './secrets.js';

/** How long a session lives: at most `maxSeconds` after it opened, and `idleSeconds` after its last request. */
export interface PortalSessionLifetime {
  maxSeconds: number;
  idleSeconds: number;
}

/** The roles a portal session acts with: a link opens an admin session; Microsoft sign-in keeps the user's role. */
export type PortalRole = 'owner' | 'admin';

export interface PortalSession {
  id: string;
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  role: PortalRole;
  method: 'link' | 'microsoft';
  /** The Microsoft-signed-in user; undefined for a session opened by a link. */
  userId?: string;
  intent: PortalIntent;
  returnUrl: string | null;
  /** When the session ends unless it is used again before: the earlier of its absolute and its idle end. */
  expiresAt: Date;
}

/** A new session and its cookie value (shown once to the browser, stored only as its hash). */
export interface OpenedPortalSession {
  token: string;
  organizationId: string;
  intent: PortalIntent;
}

/** How often a session's last use is written: requests within this many seconds of the last write skip it. */
const TOUCH_EVERY_SECONDS = 60;

/**
 * Opens a session from a link, in one transaction with using it up. `gone`: used, expired, or its creator may no
 * longer create links (deleted, deactivated, demoted below admin); `unknown`: no such link.
 */
export async function openSessionFromLink(pool: Pool, linkToken: string, lifetime: PortalSessionLifetime): Promise<OpenedPortalSession | 'gone' | 'unknown'> {
  if (!looksLikePortalSecret(linkToken)) return 'unknown';
  return await inTransaction(pool, async (tx) => {
    const link = await consumePortalLink(tx, linkToken);
    if (typeof link === 'string') return link;
    if (link.creatorUserId) {
      const { rows } = await tx.query("select 1 from app_user where id = $1 and active and role in ('owner', 'admin')", [link.creatorUserId]);
      if (!rows.length) return 'gone';
    }
    const token = newPortalSecret();
    await tx.query(
      `insert into portal_session (token_hash, organization_id, role, method, link_id, intent, return_url, expires_at)
       values ($1, $2, 'admin', 'link', $3, $4, $5, now() + make_interval(secs => $6))`,
      [hashPortalSecret(token), link.organizationId, link.id, link.intent, link.returnUrl, lifetime.maxSeconds],
    );
    return { token, organizationId: link.organizationId, intent: link.intent };
  });
}

/** Opens a session for a user who signed in with Microsoft (the caller checked they are an admin or owner). */
export async function openMicrosoftSession(db: Queryable, input: { organizationId: string; userId: string; role: PortalRole; intent: PortalIntent }, lifetime: PortalSessionLifetime): Promise<OpenedPortalSession> {
  const token = newPortalSecret();
  await db.query(
    `insert into portal_session (token_hash, organization_id, role, method, user_id, intent, expires_at)
     values ($1, $2, $3, 'microsoft', $4, $5, now() + make_interval(secs => $6))`,
    [hashPortalSecret(token), input.organizationId, input.role, input.userId, input.intent, lifetime.maxSeconds],
  );
  return { token, organizationId: input.organizationId, intent: input.intent };
}

interface SessionRow {
  id: string;
  organization_id: string;
  slug: string;
  name: string;
  method: 'link' | 'microsoft';
  user_id: string | null;
  user_role: string | null;
  user_active: boolean | null;
  creator_user_id: string | null;
  creator_role: string | null;
  creator_active: boolean | null;
  intent: PortalIntent;
  return_url: string | null;
  ends_at: Date | string;
}

const STAFF = new Set(['owner', 'admin']);

/**
 * The live session a cookie value names, or null (unknown, signed out, past its absolute or idle end). Using it
 * slides its idle end (written at most once a minute, in the same statement). A Microsoft session acts with its
 * user's current role and ends once the user is inactive or no longer an admin or owner; a link's session ends
 * once the link's creator is.
 */
export async function findPortalSession(db: Queryable, token: string, lifetime: PortalSessionLifetime): Promise<PortalSession | null> {
  if (!looksLikePortalSecret(token)) return null;
  const { rows } = await db.query<SessionRow>(
    `with s as (
       select s.id, s.organization_id, s.method, s.user_id, s.link_id, s.intent, s.return_url, s.last_seen_at, s.expires_at
       from portal_session s
       where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now() and s.last_seen_at > now() - make_interval(secs => $2)
     ), touched as (
       update portal_session p set last_seen_at = now() from s
       where p.id = s.id and s.last_seen_at < now() - make_interval(secs => $3)
       returning p.id
     )
     select s.id, s.organization_id, o.slug, o.name, s.method, s.user_id, u.role as user_role, u.active as user_active,
       l.created_by_user_id as creator_user_id, c.role as creator_role, c.active as creator_active, s.intent, s.return_url,
       least(s.expires_at, (case when s.last_seen_at < now() - make_interval(secs => $3) then now() else s.last_seen_at end) + make_interval(secs => $2)) as ends_at
     from s join organization o on o.id = s.organization_id
       left join app_user u on u.id = s.user_id
       left join portal_link l on l.id = s.link_id
       left join app_user c on c.id = l.created_by_user_id`,
    [hashPortalSecret(token), lifetime.idleSeconds, TOUCH_EVERY_SECONDS],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.user_id !== null && !(row.user_active && row.user_role && STAFF.has(row.user_role))) return null;
  if (row.creator_user_id !== null && !(row.creator_active && row.creator_role && STAFF.has(row.creator_role))) return null;
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationSlug: row.slug,
    organizationName: row.name,
    role: row.method === 'microsoft' ? (row.user_role as PortalRole) : 'admin',
    method: row.method,
    userId: row.user_id ?? undefined,
    intent: row.intent,
    returnUrl: row.return_url,
    expiresAt: new Date(row.ends_at),
  };
}

/** Ends a session (sign-out); true when it was live. */
export async function revokePortalSession(db: Queryable, token: string): Promise<boolean> {
  if (!looksLikePortalSecret(token)) return false;
  const { rows } = await db.query('update portal_session set revoked_at = now() where token_hash = $1 and revoked_at is null returning id', [hashPortalSecret(token)]);
  return rows.length > 0;
}
