import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { DomainEvents } from '../events.js';
import type { InviteStatus } from '../users/user.entity.js';
import { isUuid } from '../ids.js';
import { execute, inTransaction, type Queryable } from '../../db/sql/run.js';
import { raw, sql, statement } from '../../db/sql/fragment.js';
import { users } from '../users/users.table.js';
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

const LOCK_INVITEES = statement<{ organizationId: string; ids: readonly string[] }>(
  (p) => sql`select id, invite_status as "inviteStatus", email is not null as "hasEmail" from ${raw(users.name)}
    where organization_id = ${p.organizationId} and id = any(${p.ids}::uuid[]) for update`,
);
const QUEUE = statement<{ organizationId: string; ids: readonly string[]; resend: boolean }>(
  (p) => sql`update ${raw(users.name)} set invite_status = 'pending', invite_failed_at = null
    where organization_id = ${p.organizationId} and id = any(${p.ids}::uuid[]) and email is not null
      and (invite_status in ('none', 'pending') or (${p.resend} and invite_status = 'sent'))
    returning id`,
);
const PENDING = statement<{ userId: string }>(
  (p) => sql`select u.id as "userId", u.organization_id as "organizationId", u.directory_id as "directoryId", u.email, u.display_name as "displayName", o.name as "organizationName"
    from ${raw(users.from)} join organization o on o.id = u.organization_id
    where u.id = ${p.userId} and u.invite_status = 'pending' and u.email is not null and u.active`,
);
const ISSUE_TOKEN = statement<{ tokenHash: Buffer; userId: string }>((p) => sql`insert into invite_token (token_hash, user_id) values (${p.tokenHash}, ${p.userId})`);
const MARK_SENT = statement<{ userId: string }>(
  (p) => sql`update ${raw(users.name)} set invite_status = 'sent', invited_at = now(), invite_failed_at = null where id = ${p.userId} and invite_status = 'pending' returning id`,
);
const MARK_FAILED = statement<{ userId: string }>(
  (p) => sql`update ${raw(users.name)} set invite_failed_at = now() where id = ${p.userId} and invite_status = 'pending'`,
);
const PENDING_IDS = statement<{ limit: number }>(
  (p) => sql`select id from ${raw(users.name)} where invite_status = 'pending' and invite_failed_at is null and email is not null and active order by updated_at, id limit ${p.limit}`,
);

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
    const rows = await execute<unknown, { id: string; inviteStatus: InviteStatus; hasEmail: boolean }>(tx, LOCK_INVITEES, { organizationId, ids: valid });
    const updated = await execute<unknown, { id: string }>(tx, QUEUE, { organizationId, ids: valid, resend: options.resend === true });
    return { rows, queued: new Set(updated.map((r) => r.id)) };
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const result: InviteRequestResult = { queued: ids.filter((id) => queued.has(id)), skipped: [] };
  for (const id of ids) {
    if (queued.has(id)) continue;
    const row = byId.get(id);
    const reason: InviteSkipReason = !row ? 'notFound' : row.inviteStatus === 'accepted' ? 'accepted' : !row.hasEmail ? 'noEmail' : 'alreadyInvited';
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
  const [row] = await execute<unknown, PendingInvite>(db, PENDING, { userId });
  return row ?? null;
}

/** A new accept-link token for the user; only its SHA-256 is stored. Earlier tokens stay valid. */
export async function issueInviteToken(db: Queryable, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await execute(db, ISSUE_TOKEN, { tokenHash: hashToken(token), userId });
  return token;
}

/** Records that the mail went out. False when the user is no longer pending (accepted meanwhile, deleted). */
export async function markInviteSent(db: Queryable, userId: string): Promise<boolean> {
  const rows = await execute(db, MARK_SENT, { userId });
  return rows.length > 0;
}

/** Records that the mail job gave up; the sweep skips the user until an admin asks again. */
export async function markInviteFailed(db: Queryable, userId: string): Promise<void> {
  await execute(db, MARK_FAILED, { userId });
}

/** Pending invites of active users, not given up on, oldest first: what the sweep re-queues (lost events, crashes). */
export async function pendingInviteUserIds(db: Queryable, limit: number): Promise<string[]> {
  const rows = await execute<unknown, { id: string }>(db, PENDING_IDS, { limit });
  return rows.map((r) => r.id);
}

/** An invite as the accept page shows it, under InviteView's names (the card's slug only while the card is shown). */
const VIEW = `u.id as "userId", u.display_name as "displayName", o.name as "organizationName", u.invite_status as "status", u.invite_accepted_at as "acceptedAt",
  (select c.slug from card c where c.user_id = u.id and c.status = 'active') as "cardSlug"`;
const toView = (row: InviteView): InviteView => {
  if (row.acceptedAt !== null && !(row.acceptedAt instanceof Date)) row.acceptedAt = new Date(row.acceptedAt);
  return row;
};
const FIND = statement<{ tokenHash: Buffer }>(
  (p) => sql`select ${raw(VIEW)} from invite_token t join ${raw(users.from)} on u.id = t.user_id join organization o on o.id = u.organization_id where t.token_hash = ${p.tokenHash}`,
);
const ACCEPT = statement<{ tokenHash: Buffer }>(
  (p) => sql`update ${raw(users.from)} set invite_status = 'accepted', invite_accepted_at = coalesce(u.invite_accepted_at, now()), invite_failed_at = null
    from invite_token t, organization o
    where t.token_hash = ${p.tokenHash} and u.id = t.user_id and o.id = u.organization_id
    returning ${raw(VIEW)}`,
);

/** The invite an accept link belongs to; null for an unknown or malformed token. */
export async function findInvite(db: Queryable, token: string): Promise<InviteView | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await execute<unknown, InviteView>(db, FIND, { tokenHash: hashToken(token) });
  return row ? toView(row) : null;
}

/** Accepts the invite of an accept link. Idempotent: accepting twice keeps the first time. Null when unknown. */
export async function acceptInvite(db: Queryable, token: string): Promise<InviteView | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await execute<unknown, InviteView>(db, ACCEPT, { tokenHash: hashToken(token) });
  return row ? toView(row) : null;
}
