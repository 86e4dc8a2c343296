import { DomainError } from '../errors.js';
import type { Queryable } from '../../db/sql/run.js';
import { DEFAULT_PORTAL_INTENT, isPortalIntent, PORTAL_INTENTS, type PortalIntent } from './intents.js';
import { validateReturnUrl } from './return-url.js';
import { hashPortalSecret, looksLikePortalSecret, newPortalSecret } from './secrets.js';

/** Who asks for a link: recorded with it (`cli`, `user:<id>`, `token:<subject>`). */
export interface PortalLinkCreator {
  description: string;
  userId?: string;
  /** The creator's role (the CLI's operator counts as owner). */
  role: string;
}

export interface NewPortalLink {
  organizationId: string;
  intent?: string | null;
  returnUrl?: string | null;
  creator: PortalLinkCreator;
  ttlSeconds: number;
}

/** A created link; `token` is shown once (in the URL) and stored only as its hash. */
export interface CreatedPortalLink {
  token: string;
  intent: PortalIntent;
  returnUrl: string | null;
  expiresAt: Date;
}

/** The path a link opens at, relative to the public URL. */
export function portalLinkPath(token: string): string {
  return `/portal/link/${token}`;
}

/** Creates a single-use link for the organization; bad input is INVALID_INPUT naming the field. */
export async function createPortalLink(db: Queryable, input: NewPortalLink): Promise<CreatedPortalLink> {
  const intent = input.intent ?? DEFAULT_PORTAL_INTENT;
  if (!isPortalIntent(intent)) throw new DomainError('INVALID_INPUT', `intent must be one of ${PORTAL_INTENTS.join(', ')}, got "${intent}"`, { field: 'intent' });
  const returnUrl = validateReturnUrl(input.returnUrl);
  const token = newPortalSecret();
  const { rows } = await db.query<{ expires_at: Date | string }>(
    `insert into portal_link (token_hash, organization_id, intent, return_url, created_by, created_by_user_id, creator_role, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8))
     returning expires_at`,
    [hashPortalSecret(token), input.organizationId, intent, returnUrl, input.creator.description, input.creator.userId ?? null, input.creator.role, input.ttlSeconds],
  );
  // pg may hand timestamps over as text (the pool's type parsers decide).
  return { token, intent, returnUrl, expiresAt: new Date(rows[0]!.expires_at) };
}

/** The organization a CLI operator names by slug; null when there is none. */
export async function findOrganizationIdBySlug(db: Queryable, slug: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('select id from organization where slug = $1', [slug]);
  return rows[0]?.id ?? null;
}

export interface ConsumedPortalLink {
  id: string;
  organizationId: string;
  intent: PortalIntent;
  returnUrl: string | null;
  creatorUserId: string | null;
}

/**
 * Uses the link: one statement marks it used only while it is unused and unexpired, so it opens at most one
 * session however many requests race. `gone` is a link that existed (used or expired), `unknown` one that never did.
 */
export async function consumePortalLink(db: Queryable, token: string): Promise<ConsumedPortalLink | 'gone' | 'unknown'> {
  const hash = hashPortalSecret(token);
  const { rows } = await db.query<{ id: string; organization_id: string; intent: PortalIntent; return_url: string | null; created_by_user_id: string | null }>(
    `update portal_link set used_at = now()
     where token_hash = $1 and used_at is null and expires_at > now()
     returning id, organization_id, intent, return_url, created_by_user_id`,
    [hash],
  );
  const link = rows[0];
  if (link) return { id: link.id, organizationId: link.organization_id, intent: link.intent, returnUrl: link.return_url, creatorUserId: link.created_by_user_id };
  const { rows: known } = await db.query('select 1 from portal_link where token_hash = $1', [hash]);
  return known.length ? 'gone' : 'unknown';
}

/**
 * What opening the link would do, without using it (the page a GET answers, which link previewers also fetch):
 * `usable` while it is unused, unexpired and its creator may still create links; `gone` a link that existed but
 * no longer opens a session; `unknown` one that never did. One read; the POST's consumePortalLink decides.
 */
export async function checkPortalLink(db: Queryable, token: string): Promise<'usable' | 'gone' | 'unknown'> {
  if (!looksLikePortalSecret(token)) return 'unknown';
  const { rows } = await db.query<{ usable: boolean }>(
    `select l.used_at is null and l.expires_at > now()
       and (l.created_by_user_id is null or exists (
         select 1 from app_user u where u.id = l.created_by_user_id and u.active and u.role in ('owner', 'admin'))) as usable
     from portal_link l where l.token_hash = $1`,
    [hashPortalSecret(token)],
  );
  const link = rows[0];
  if (!link) return 'unknown';
  return link.usable ? 'usable' : 'gone';
}
