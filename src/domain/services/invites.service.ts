import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { DomainEvents } from '../events.js';
import type { InviteStatus } from '../users/user.entity.js';
import { isUuid } from '../ids.js';
import { asDate, inTransaction, run, type Queryable } from '../../db/sql/run.js';
import { hashToken } from '../tokens.js';

/** Why {@link requestInvites} did not queue a user. */
export type InviteSkipReason = 'accepted' | 'alreadyInvited' | 'noEmail' | 'notFound';

export interface InviteRequestResult {
  /** Users whose invite is now pending; the job queue mails them. */
  queued: string[];
  skipped: { userId: string; reason: InviteSkipReason }[];
}

/** A pending invite as the mail job needs it. */
export interface PendingInvite {
  userId: string;
  organizationId: string;
  directoryId: string | null;
  email: string;
  displayName: string | null;
  organizationName: string;
}

/** An invite as the accept page shows it. */
export interface InviteView {
  userId: string;
  displayName: string | null;
  organizationName: string;
  status: InviteStatus;
  acceptedAt: Date | null;
  /** The public slug of the user's card, when they have one. */
  cardSlug: string | null;
}

/** Tokens in accept links are 256 random bits in base64url (43 characters). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Asks for invite e-mails to `userIds` of an organization. A user is queued when never
 * invited, or invited but not yet mailed (a job that gave up is retried); with `resend`, also when already mailed.
 * An accepted user is never invited again. Users of other organizations count as `notFound`. Emits
 * `invites.requested` after commit; the sweep of the job queue mails anyone whose event is lost. Idempotent.
 */
export async function requestInvites(pool: Pool, events: DomainEvents, organizationId: string, userIds: readonly string[], options: { resend?: boolean } = {}): Promise<InviteRequestResult> {
  const ids = [...new Set(userIds)];
  const valid = ids.filter(isUuid);
  const { rows, queued } = await inTransaction(pool, async (tx) => {
    const rows = await run<{ id: string; invite_status: InviteStatus; has_email: boolean }>(
      tx,
      `select id, invite_status, email is not null as has_email from app_user where organization_id = $1 and id = any($2::uuid[]) for update`,
      [organizationId, valid],
    );
    const updated = await run<{ id: string }>(
      tx,
      `update app_user set invite_status = 'pending', invite_failed_at = null
       where organization_id = $1 and id = any($2::uuid[]) and email is not null
         and (invite_status in ('none', 'pending') or ($3 and invite_status = 'sent'))
       returning id`,
      [organizationId, valid, options.resend === true],
    );
    return { rows, queued: new Set(updated.map((r) => r.id)) };
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const result: InviteRequestResult = { queued: ids.filter((id) => queued.has(id)), skipped: [] };
  for (const id of ids) {
    if (queued.has(id)) continue;
    const row = byId.get(id);
    const reason: InviteSkipReason = !row ? 'notFound' : row.invite_status === 'accepted' ? 'accepted' : !row.has_email ? 'noEmail' : 'alreadyInvited';
    result.skipped.push({ userId: id, reason });
  }
  if (result.queued.length) events.emit('invites.requested', { organizationId, userIds: result.queued });
  return result;
}

/**
 * The user's invite when it has to be mailed now; null when not pending (sent, accepted, deleted), without an
 * e-mail address, or inactive (the invite waits: the sweep mails it once the directory reactivates the user).
 */
export async function loadPendingInvite(db: Queryable, userId: string): Promise<PendingInvite | null> {
  if (!isUuid(userId)) return null;
  const [row] = await run<{ id: string; organization_id: string; directory_id: string | null; email: string; display_name: string | null; organization_name: string }>(
    db,
    `select u.id, u.organization_id, u.directory_id, u.email, u.display_name, o.name as organization_name
     from app_user u join organization o on o.id = u.organization_id
     where u.id = $1 and u.invite_status = 'pending' and u.email is not null and u.active`,
    [userId],
  );
  if (!row) return null;
  return { userId: row.id, organizationId: row.organization_id, directoryId: row.directory_id, email: row.email, displayName: row.display_name, organizationName: row.organization_name };
}

/** A new accept-link token for the user; only its SHA-256 is stored. Earlier tokens stay valid. */
export async function issueInviteToken(db: Queryable, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await run(db, 'insert into invite_token (token_hash, user_id) values ($1, $2)', [hashToken(token), userId]);
  return token;
}

/** Records that the mail went out. False when the user is no longer pending (accepted meanwhile, deleted). */
export async function markInviteSent(db: Queryable, userId: string): Promise<boolean> {
  const rows = await run(db, `update app_user set invite_status = 'sent', invited_at = now(), invite_failed_at = null where id = $1 and invite_status = 'pending' returning id`, [userId]);
  return rows.length > 0;
}

/** Records that the mail job gave up; the sweep skips the user until an admin asks again. */
export async function markInviteFailed(db: Queryable, userId: string): Promise<void> {
  await run(db, `update app_user set invite_failed_at = now() where id = $1 and invite_status = 'pending'`, [userId]);
}

/** Pending invites of active users, not given up on, oldest first: what the sweep re-queues (lost events, crashes). */
export async function pendingInviteUserIds(db: Queryable, limit: number): Promise<string[]> {
  const rows = await run<{ id: string }>(
    db,
    `select id from app_user where invite_status = 'pending' and invite_failed_at is null and email is not null and active order by updated_at, id limit $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}

const VIEW = `u.id as user_id, u.display_name, o.name as organization_name, u.invite_status, u.invite_accepted_at,
  (select c.slug from card c where c.user_id = u.id and c.status = 'active') as card_slug`;
interface ViewRow {
  user_id: string;
  display_name: string | null;
  organization_name: string;
  invite_status: InviteStatus;
  invite_accepted_at: Date | string | null;
  card_slug: string | null;
}
const toView = (row: ViewRow): InviteView => ({
  userId: row.user_id,
  displayName: row.display_name,
  organizationName: row.organization_name,
  status: row.invite_status,
  acceptedAt: row.invite_accepted_at === null ? null : asDate(row.invite_accepted_at),
  cardSlug: row.card_slug,
});

/** The invite an accept link belongs to; null for an unknown or malformed token. */
export async function findInvite(db: Queryable, token: string): Promise<InviteView | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await run<ViewRow>(
    db,
    `select ${VIEW} from invite_token t join app_user u on u.id = t.user_id join organization o on o.id = u.organization_id where t.token_hash = $1`,
    [hashToken(token)],
  );
  return row ? toView(row) : null;
}

/** Accepts the invite of an accept link. Idempotent: accepting twice keeps the first time. Null when unknown. */
export async function acceptInvite(db: Queryable, token: string): Promise<InviteView | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await run<ViewRow>(
    db,
    `update app_user u set invite_status = 'accepted', invite_accepted_at = coalesce(u.invite_accepted_at, now()), invite_failed_at = null
     from invite_token t, organization o
     where t.token_hash = $1 and u.id = t.user_id and o.id = u.organization_id
     returning ${VIEW}`,
    [hashToken(token)],
  );
  return row ? toView(row) : null;
}
