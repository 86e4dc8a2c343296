import type { Pool } from 'pg';
import type { Role } from './user.entity.js';
import { DomainError } from '../errors.js';
import type { DomainEvents } from '../events.js';
import { isUuid } from '../ids.js';
import { execute, inTransaction } from '../../db/sql/run.js';
import { raw, sql, statement } from '../../db/sql/fragment.js';
import { users } from './users.table.js';

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const MAX_INVITES = 100;

export interface AdminDeps {
  pool: Pool;
  events: DomainEvents;
}

function normalizeEmails(emails: readonly string[]): string[] {
  if (emails.length === 0 || emails.length > MAX_INVITES) throw new DomainError('INVALID_INPUT', `send 1–${MAX_INVITES} e-mail addresses per call`, { field: 'emails' });
  const normalized = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  const bad = normalized.find((e) => e.length > 254 || !EMAIL.test(e));
  if (bad !== undefined) throw new DomainError('INVALID_INPUT', `"${bad}" is not an e-mail address`, { field: 'emails' });
  return normalized;
}

const INVITE_LOCK = statement<{ key: string }>((p) => sql`select pg_advisory_xact_lock(hashtext(${p.key}))`);

/** Marks existing users of the organization with these addresses for an invite, creates the missing ones as manual users. */
const INVITE = statement<{ organizationId: string; emails: string[]; role: Role }>(
  (p) => sql`with input as (select unnest(${p.emails}::text[]) as email),
  marked as (
    update ${raw(users.from)} set invite_status = 'pending', updated_at = now() from input i
    where u.organization_id = ${p.organizationId} and lower(u.email) = i.email and u.invite_status <> 'accepted'
    returning u.id, i.email, false as accepted),
  accepted as (
    select u.id, i.email, true as accepted from ${raw(users.from)} join input i on lower(u.email) = i.email
    where u.organization_id = ${p.organizationId} and u.invite_status = 'accepted'),
  inserted as (
    insert into ${raw(users.name)} (${raw(users.columnList(['organizationId', 'origin', 'email', 'role', 'inviteStatus']))})
    select ${p.organizationId}, 'manual', i.email, ${p.role}, 'pending' from input i
    where not exists (select 1 from ${raw(users.from)} where u.organization_id = ${p.organizationId} and lower(u.email) = i.email)
    returning id, email, false as accepted)
  select * from marked union all select * from accepted union all select * from inserted`,
);

const RESEND = statement<{ organizationId: string; userIds: readonly string[] | null }>(
  (p) => sql`update ${raw(users.name)} set invite_status = 'pending', invite_failed_at = null, updated_at = now()
    where organization_id = ${p.organizationId} and invite_status in ('pending', 'sent') and email is not null and (${p.userIds}::uuid[] is null or id = any(${p.userIds}::uuid[]))
    returning id`,
);

/** The organization's owners, locked in id order (the last-owner rule cannot race a role change or a delete). */
const LOCK_OWNERS = statement<{ organizationId: string }>(
  (p) => sql`select id from ${raw(users.name)} where organization_id = ${p.organizationId} and role = 'owner' order by id for update`,
);

const LOCK_USER = statement<{ organizationId: string; userId: string | null }>(
  (p) => sql`select u.role, u.directory_id as "directoryId", (select c.id from card c where c.user_id = u.id) as "cardId", (select s.id::text from seat s where s.user_id = u.id) as "seatId"
    from ${raw(users.from)} where u.organization_id = ${p.organizationId} and u.id = ${p.userId}::uuid for update of u`,
);

const DELETE_USER = statement<{ userId: string }>((p) => sql`delete from ${raw(users.name)} where id = ${p.userId}`);

const SET_ROLE = statement<{ organizationId: string; userId: string | null; role: Role }>(
  (p) => sql`update ${raw(users.name)} set role = ${p.role}, updated_at = now() where organization_id = ${p.organizationId} and id = ${p.userId}::uuid returning id`,
);

/**
 * Invites people by e-mail: existing users of the organization with that address (case-insensitive) are marked
 * for an invite, new ones are created as manual users with `role`. Users who already accepted are never invited
 * again. The mails themselves go out through the job queue (`invites.requested`).
 */
export async function inviteUsers(deps: AdminDeps, organizationId: string, input: { emails: readonly string[]; role: Role }): Promise<{ userIds: string[]; alreadyAccepted: string[] }> {
  if (input.role === 'owner') throw new DomainError('INVALID_INPUT', 'invite as admin, editor, viewer or member; make someone owner afterwards with setUserRole', { field: 'role' });
  const emails = normalizeEmails(input.emails);
  const result = await inTransaction(deps.pool, async (tx) => {
    // Serializes invites per organization: two parallel invites of one address never create two users.
    await execute(tx, INVITE_LOCK, { key: `invite:${organizationId}` });
    const rows = await execute<unknown, { id: string; email: string; accepted: boolean }>(tx, INVITE, { organizationId, emails, role: input.role });
    return { userIds: rows.filter((r) => !r.accepted).map((r) => r.id), alreadyAccepted: rows.filter((r) => r.accepted).map((r) => r.email) };
  });
  if (result.userIds.length) deps.events.emit('invites.requested', { organizationId, userIds: result.userIds });
  return result;
}

/**
 * Sends the invite again to users who have not accepted it (status pending or sent); everyone else is left
 * alone. Without `userIds`, every such user of the organization. Clears a previous give-up of the invite job.
 */
export async function resendInvites(deps: AdminDeps, organizationId: string, userIds: readonly string[] | undefined): Promise<string[]> {
  if (userIds && (userIds.length > 1000 || userIds.some((id) => !isUuid(id)))) throw new DomainError('INVALID_INPUT', 'userIds must be at most 1000 user ids', { field: 'userIds' });
  const rows = await execute<unknown, { id: string }>(deps.pool, RESEND, { organizationId, userIds: userIds ?? null });
  const ids = rows.map((r) => r.id);
  if (ids.length) deps.events.emit('invites.requested', { organizationId, userIds: ids });
  return ids;
}

/**
 * Deletes a user of the organization with card, memberships and seat (the seat row is freed by its foreign key).
 * Who may delete whom is decided by the caller's authorization module before this runs.
 */
export async function deleteUser(
  deps: AdminDeps,
  organizationId: string,
  userId: string,
  assertAllowed: (target: { id: string; role: Role; isDirectoryManaged: boolean }) => void = () => {},
): Promise<{ cardId: string | null; freedSeat: boolean }> {
  const outcome = await inTransaction(deps.pool, async (tx) => {
    // Owners first, locked in id order as setUserRole locks them: the last-owner rule cannot race a role change.
    const owners = await execute<unknown, { id: string }>(tx, LOCK_OWNERS, { organizationId });
    const [row] = await execute<unknown, { role: Role; directoryId: string | null; cardId: string | null; seatId: string | null }>(tx, LOCK_USER, { organizationId, userId: isUuid(userId) ? userId : null });
    if (!row) throw new DomainError('NOT_FOUND', `user ${userId} not found`);
    // The caller's rules run on the locked row: a directory linking the user meanwhile cannot slip past them.
    assertAllowed({ id: userId, role: row.role, isDirectoryManaged: row.directoryId !== null });
    if (row.role === 'owner' && owners.length === 1) throw new DomainError('CONFLICT', 'this is the last owner of the organization; make someone else owner first');
    await execute(tx, DELETE_USER, { userId });
    return { cardId: row.cardId, freedSeat: row.seatId !== null };
  });
  if (outcome.cardId) deps.events.emit('card.deleted', { organizationId, userId, cardId: outcome.cardId });
  return outcome;
}

/** Changes a user's role; an organization always keeps at least one owner. */
export async function setUserRole(deps: AdminDeps, organizationId: string, userId: string, role: Role): Promise<void> {
  await inTransaction(deps.pool, async (tx) => {
    const owners = await execute<unknown, { id: string }>(tx, LOCK_OWNERS, { organizationId });
    const isLastOwner = owners.length === 1 && owners[0]!.id === userId;
    if (isLastOwner && role !== 'owner') throw new DomainError('CONFLICT', 'this is the last owner of the organization; make someone else owner first', { field: 'role' });
    const rows = await execute(tx, SET_ROLE, { organizationId, userId: isUuid(userId) ? userId : null, role });
    if (!rows.length) throw new DomainError('NOT_FOUND', `user ${userId} not found`);
  });
}
