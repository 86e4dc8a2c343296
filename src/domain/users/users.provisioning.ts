/**
 * Users written by a directory (SCIM), with the card and seat rules applied. The hot paths are single statements:
 * a create claims a seat and inserts user, card and event in one statement; an update writes user, card and event in
 * one optimistic statement; the unique lookup Entra sends before every write is a named prepared statement.
 */
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { DirectoryPrincipal } from '../directories/directory.table.js';
import { DomainError } from '../errors.js';
import { isUuid } from '../ids.js';
import { generateCardSlug } from '../tokens.js';
import type { AuditEntry, ProvisioningDeps, VersionGuard } from '../provisioning.js';
import { recordWriteEvent, writeEventParams, type WriteEventParams } from '../provisioning-log/write-events.js';
import { cardFieldsFor, cardStatusFor, templateFor } from '../cards/card.rules.js';
import type { CardFields, CardStatus } from '../cards/card.entity.js';
import { cards } from '../cards/cards.table.js';
import { organizationTemplateSql } from '../cards/card-templates.js';
import { seatChangeFor } from '../seats/seat.rules.js';
import { seatLimitError } from '../seats/seats.queries.js';
import { seats } from '../seats/seats.table.js';
import type { InviteStatus } from './user.entity.js';
import { isPreview } from '../directories/preview.rules.js';
import { createInPreview, DELETE_PREVIEW_CARD, updateInPreview } from './preview.provisioning.js';
import { inviteStatusFor, userColumnsFor, validateUserWrite, type UserWrite } from './users.rules.js';
import { linkedUserSet, userEvent, userUpdate, userValues, type UserCreateWrite, type UserUpdateWrite } from './user-writes.js';
import { recordColumns, recordReturning, users, WRITTEN, type UserColumnsWrite, type UserRecord } from './users.table.js';
import { execute, inTransaction, run, type Queryable } from '../../db/sql/run.js';
import { compileSql, raw, sql, statement, type Params, type SqlFragment } from '../../db/sql/fragment.js';

export type { UserWrite } from './users.rules.js';
export type { UserRecord } from './users.table.js';

export interface UserQuery {
  where?: SqlFragment;
  orderBy?: SqlFragment;
  offset: number;
  limit: number;
  withGroups?: boolean;
  /** The filter can match at most one row (`userName eq`, `id eq`, `externalId eq` where users are matched by it): no count, no ordering. */
  unique?: boolean;
}

/** A user's groups as its directory reads them (`groups` of the SCIM User), one correlated subquery. */
const GROUPS = `, (select coalesce(json_agg(json_build_object('value', g.id, 'display', g.display_name) order by g.display_name), '[]'::json)
   from group_member gm join scim_group g on g.id = gm.group_id where gm.user_id = u.id) as "groups"`;

/** The provisioning log's parameters of a write's event, with the status the operation answers unless the caller chose one. */
function eventParams(audit: AuditEntry, status: number): WriteEventParams {
  return writeEventParams({ ...audit, status: audit.status ?? status });
}


/** What the one-statement create binds: the user's columns and the card the rules made for it. */
interface CreateParams extends UserCreateWrite {
  userId: string;
  inviteStatus: InviteStatus;
  templateId: string | null;
  slug: string;
  cardStatus: CardStatus;
}

/**
 * The one-statement create. `manual` finds a manually invited user to link instead (then nothing is written);
 * `claim` takes a free seat for the new id; the user, card (and event) are inserted only from a claimed seat. The
 * card's fields, status and invite status are the rules' results (card.rules.ts, users.rules.ts), bound as values.
 */
function createStatement(withEvent: boolean) {
  return statement<CreateParams & Partial<WriteEventParams>>(
    (p) => sql`with manual as (
    select 1 from ${raw(users.name)} where organization_id = ${p.organizationId} and directory_id is null and origin = 'manual'
      and ${p.email}::text is not null and lower(email) = ${p.email} limit 1),
  claim as (
    update ${raw(seats.name)} set user_id = ${p.userId}::uuid, claimed_at = now()
    where id = (select id from ${raw(seats.name)} where organization_id = ${p.organizationId} and user_id is null and not exists (select 1 from manual)
                limit 1 for update skip locked)
    returning id),
  inserted as (
    insert into ${raw(users.name)} (${raw(users.columnList(['id', 'organizationId', 'directoryId', 'origin', ...WRITTEN, 'inviteStatus']))})
    select ${p.userId}::uuid, ${p.organizationId}, ${p.directoryId}, 'directory', ${userValues(p)}, ${p.inviteStatus}
    where exists (select 1 from claim)
    returning ${recordReturning.fragment}, invite_status as "inviteStatus"),
  card as (
    insert into ${raw(cards.name)} (${raw(cards.columnList(['organizationId', 'userId', 'templateId', 'slug', 'status', 'fields']))})
    select ${p.organizationId}, i.id, coalesce(${p.templateId}::uuid, ${organizationTemplateSql(p.organizationId)}), ${p.slug}, ${p.cardStatus}, ${p.cardFields}
    from inserted i
    returning id)${withEvent ? sql`,
  event as (${userEvent(p as Params<WriteEventParams>, 'inserted', 'i')})` : raw('')}
  select (select count(*) from manual)::int as "manual", (select id from card) as "cardId", i.*
  from (values (1)) as one left join inserted i on true`,
  );
}
const CREATE = createStatement(false);
const CREATE_WITH_EVENT = createStatement(true);

/** What the one-statement update binds: the user's columns at the version read, and the card the rules made. */
interface UpdateParams extends UserUpdateWrite {
  cardStatus: CardStatus;
}

/** An update in one statement: the user row (only at the version read), the card's fields and status (and the event). */
function updateStatement(withEvent: boolean) {
  return statement<UpdateParams & Partial<WriteEventParams>>(
    (p) => sql`with updated as (
    ${userUpdate(p)}
    where u.id = ${p.id} and u.version = ${p.version}
    returning ${recordColumns.fragment}),
  card_updated as (
    update ${raw(cards.from)} set status = ${p.cardStatus}, fields = ${p.cardFields}, updated_at = now() where c.user_id = (select id from updated))${withEvent ? sql`,
  event as (${userEvent(p as Params<WriteEventParams>, 'updated', 'u')})` : raw('')}
  select * from updated`,
  );
}
const UPDATE = updateStatement(false);
const UPDATE_WITH_EVENT = updateStatement(true);

const byId = (withGroups: boolean) =>
  statement<{ id: string; directoryId: string }>((p) => sql`select ${recordColumns.fragment}${raw(withGroups ? GROUPS : '')} from ${raw(users.from)} where u.id = ${p.id} and u.directory_id = ${p.directoryId}`);
const GET = byId(false);
const GET_WITH_GROUPS = byId(true);

/** The user an update starts from, with its organization's name (a card's `company` defaults to it). */
const READ_FOR_UPDATE = statement<{ id: string; directoryId: string }>(
  (p) => sql`select ${recordColumns.fragment}, (select o.name from organization o where o.id = u.organization_id) as "organizationName"
    from ${raw(users.from)} where u.id = ${p.id} and u.directory_id = ${p.directoryId}`,
);

/** The organization a user with this e-mail domain belongs to (domain assignment), with its name. */
const ORGANIZATION_BY_DOMAIN = statement<{ candidates: string[]; domain: string; directoryOrganizationId: string }>(
  (p) => sql`select id, name from organization where id = any(${p.candidates}::uuid[]) and ${p.domain} = any(email_domains)
    order by (id = ${p.directoryOrganizationId}) desc limit 1`,
);

/** Rule 4, one statement: link a manual user with the same e-mail (taking over its row), or insert a new one. */
const INSERT_OR_LINK = statement<UserColumnsWrite & { organizationId: string; directoryId: string; invitesEnabled: boolean; inviteStatus: InviteStatus }>(
  (p) => sql`with linked as (
    update ${raw(users.name)} set directory_id = ${p.directoryId}, ${linkedUserSet(p)}, version = version + 1, updated_at = now(),
      invite_status = case when ${p.invitesEnabled} and invite_status = 'none' then 'pending' else invite_status end
    where id = (select id from ${raw(users.name)} where organization_id = ${p.organizationId} and directory_id is null and origin = 'manual'
                and ${p.email}::text is not null and lower(email) = ${p.email} limit 1 for update)
    returning ${recordReturning.fragment}, invite_status as "inviteStatus", true as "linked"),
  inserted as (
    insert into ${raw(users.name)} (${raw(users.columnList(['organizationId', 'directoryId', 'origin', ...WRITTEN, 'inviteStatus']))})
    select ${p.organizationId}, ${p.directoryId}, 'directory', ${userValues(p)}, ${p.inviteStatus}
    where not exists (select 1 from linked)
    returning ${recordReturning.fragment}, invite_status as "inviteStatus", false as "linked")
  select * from linked union all select * from inserted`,
);

/** Claims a free seat for a user that holds none (FOR UPDATE SKIP LOCKED: no shared hot row), with the organization's name. */
const CLAIM_SEAT = statement<{ organizationId: string; userId: string }>(
  (p) => sql`with existing as (select id from ${raw(seats.name)} where user_id = ${p.userId}),
  claimed as (
    update ${raw(seats.name)} set user_id = ${p.userId}, claimed_at = now()
    where id = (select id from ${raw(seats.name)} where organization_id = ${p.organizationId} and user_id is null and not exists (select 1 from existing)
                limit 1 for update skip locked)
    returning id)
  select (select id from claimed) as "seatId", exists (select 1 from existing) as "hadSeat",
         (select name from organization where id = ${p.organizationId}) as "organizationName"`,
);

/** Creates the card of a linked user, or refreshes the one it has. */
const UPSERT_CARD = statement<{ organizationId: string; userId: string; templateId: string | null; slug: string; status: CardStatus; fields: CardFields }>(
  (p) => sql`insert into ${raw(cards.name)} (${raw(cards.columnList(['organizationId', 'userId', 'templateId', 'slug', 'status', 'fields']))})
    values (${p.organizationId}, ${p.userId}, coalesce(${p.templateId}::uuid, ${organizationTemplateSql(p.organizationId)}), ${p.slug}, ${p.status}, ${p.fields})
    on conflict (user_id) do update set fields = excluded.fields, status = excluded.status, updated_at = now()
    returning id, (xmax = 0) as "created"`,
);

const LOCK_FOR_DELETE = statement<{ id: string; directoryId: string }>(
  (p) => sql`select u.origin, u.organization_id as "organizationId", u.version, c.id as "cardId"
    from ${raw(users.from)} left join ${raw(cards.from)} on c.user_id = u.id
    where u.id = ${p.id} and u.directory_id = ${p.directoryId} for update of u`,
);
const DELETE_CARD = statement<{ userId: string }>((p) => sql`delete from ${raw(cards.name)} where user_id = ${p.userId}`);
const FREE_SEAT = statement<{ userId: string }>((p) => sql`update ${raw(seats.name)} set user_id = null, claimed_at = null where user_id = ${p.userId}`);
const DELETE_MEMBERSHIPS = statement<{ userId: string }>((p) => sql`delete from group_member where user_id = ${p.userId}`);
const UNLINK = statement<{ userId: string }>((p) => sql`update ${raw(users.name)} set directory_id = null, version = version + 1, updated_at = now() where id = ${p.userId}`);
// seat.user_id is ON DELETE SET NULL: deleting the user frees the seat; card and memberships cascade.
const DELETE_USER = statement<{ userId: string }>((p) => sql`delete from ${raw(users.name)} where id = ${p.userId}`);

/** Statement texts of unique lookups by the filter's SQL (its text without values) and whether groups are read. */
const uniqueLookups = new Map<string, string>();

/**
 * The bare indexed select of a unique lookup: `limit 2`, no count, no order. Its text depends only on the filter's
 * shape, so it is composed once per shape (a bounded set, like the prepared statements it names) and every lookup
 * after that only binds its values — the lookup Entra sends before every write builds no SQL.
 */
function uniqueLookup(directoryId: string, where: SqlFragment | undefined, withGroups: boolean): { text: string; values: unknown[] } {
  const key = `${withGroups ? 'g' : '-'}${where ? where.parts.join('\u0000') : ''}`;
  let text = uniqueLookups.get(key);
  if (text === undefined) {
    const filter = where ? sql` and (${where})` : sql``;
    text = compileSql(sql`select ${recordColumns.fragment}${raw(withGroups ? GROUPS : '')} from ${raw(users.from)} where u.directory_id = ${directoryId}${filter} limit 2`).text;
    if (uniqueLookups.size < 256) uniqueLookups.set(key, text);
  }
  return { text, values: where ? [directoryId, ...where.values] : [directoryId] };
}

/** A row of the record columns as a record (timestamps as Dates); `groups` when selected. */
const asRecord = (row: Record<string, unknown>): UserRecord => recordColumns.read(row) as unknown as UserRecord;

/**
 * A new card's template by {@link templateFor}, from the candidates known without a read: a user being created has no
 * groups yet, so the directory's default. When that gives none, the statement falls back to the organization's first
 * template (organizationTemplateSql), the last candidate, which only the statement can see without another round trip.
 */
function newCardTemplate(dir: DirectoryPrincipal): string | null {
  return templateFor({ directoryDefault: dir.settings.templateId ?? null });
}

/** What a create did, for the domain events. */
interface CreateOutcome {
  record: UserRecord;
  linked: boolean;
  card: { id: string; created: boolean };
  invite: boolean;
}

/** The organization a new user belongs to, and its name. */
interface TargetOrganization {
  id: string;
  name: string;
}

/** Users written by a directory, with the card rules applied. */
export class UserProvisioning {
  constructor(private readonly deps: ProvisioningDeps) {}

  /**
   * Creates (or links, rule 4) a user, claims a seat (rule 1/2) and makes the card, atomically with its
   * provisioning event. SEAT_LIMIT_REACHED leaves nothing behind. A new user costs one statement (see
   * {@link insertWithSeat}); linking a manually invited user takes the transactional path.
   */
  async create(dir: DirectoryPrincipal, write: UserWrite, audit?: AuditEntry): Promise<UserRecord> {
    validateUserWrite(write);
    const columns = userColumnsFor(write);
    const { events, pool } = this.deps;
    const organization = await this.organizationFor(pool, dir, columns.email);
    if (isPreview(dir.settings)) {
      // Preview mode: one statement, no seat, card, invite or domain event; null when the directory went live meanwhile.
      const cardFields = cardFieldsFor(write.profile, organization.name, write.userName);
      const previewed = await createInPreview(pool, { ...columns, organizationId: organization.id, directoryId: dir.id, cardFields }, audit && eventParams(audit, 201));
      if (previewed) return { ...asRecord(previewed.row), groups: [] };
    }
    const fast = await this.insertWithSeat(dir, organization, write, columns, audit);
    if (fast === 'no-seat') throw await seatLimitError(pool, organization.id);
    const result = fast === 'link' ? await this.createLinked(dir, organization.id, write, columns, audit) : fast;
    const payload = { organizationId: result.record.organizationId, directoryId: dir.id, userId: result.record.id };
    events.emit('user.provisioned', { ...payload, linked: result.linked });
    if (result.card.created) events.emit('card.created', { organizationId: payload.organizationId, userId: payload.userId, cardId: result.card.id });
    if (result.invite) events.emit('invites.requested', { organizationId: payload.organizationId, userIds: [payload.userId] });
    this.deps.afterUserProvisioned?.({ ...payload, isNew: !result.linked });
    return result.record;
  }

  /**
   * The hot path of an initial cycle, in one statement (no explicit transaction): claim a free seat for a new id
   * (SKIP LOCKED), insert the user, the card and the event. The seat's reference to the user is checked at the end
   * of the statement, when the user exists. No free seat → nothing written, 'no-seat'; a manual user with this
   * e-mail → nothing written, 'link'.
   */
  private async insertWithSeat(dir: DirectoryPrincipal, organization: TargetOrganization, write: UserWrite, columns: UserColumnsWrite, audit?: AuditEntry): Promise<CreateOutcome | 'no-seat' | 'link'> {
    const params: CreateParams = {
      ...columns,
      organizationId: organization.id,
      directoryId: dir.id,
      userId: randomUUID(),
      inviteStatus: inviteStatusFor(dir.settings.invitesEnabled, columns.email),
      templateId: newCardTemplate(dir),
      slug: generateCardSlug(),
      cardStatus: cardStatusFor(write.active, dir.settings.deprovisionPolicy),
      cardFields: cardFieldsFor(write.profile, organization.name, write.userName),
    };
    const [row] = audit
      ? await execute(this.deps.pool, CREATE_WITH_EVENT, { ...params, ...eventParams(audit, 201) }, { prepare: true })
      : await execute(this.deps.pool, CREATE, params, { prepare: true });
    const { manual, cardId, inviteStatus, ...user } = row as Record<string, unknown> & { manual: number; cardId: string | null; inviteStatus: InviteStatus | null };
    if (manual > 0) return 'link';
    if (!user.id) return 'no-seat';
    return { record: { ...asRecord(user), groups: [] }, linked: false, card: { id: cardId!, created: true }, invite: inviteStatus === 'pending' };
  }

  /** Rule 4 in one transaction: link the manual user, keep or claim a seat, create or refresh the card. */
  private async createLinked(dir: DirectoryPrincipal, organizationId: string, write: UserWrite, columns: UserColumnsWrite, audit?: AuditEntry): Promise<CreateOutcome> {
    return await inTransaction(this.deps.pool, async (tx) => {
      const [row] = await execute(tx, INSERT_OR_LINK, {
        ...columns,
        organizationId,
        directoryId: dir.id,
        invitesEnabled: dir.settings.invitesEnabled === true,
        inviteStatus: inviteStatusFor(dir.settings.invitesEnabled, columns.email),
      });
      const { linked, inviteStatus, ...user } = row as Record<string, unknown> & { linked: boolean; inviteStatus: InviteStatus };
      const record = asRecord(user);
      const card = await this.claimSeatAndCard(tx, dir, organizationId, record.id, write);
      if (audit) await recordWriteEvent(tx, { ...audit, status: audit.status ?? 201 }, { organizationId, directoryId: dir.id, resourceType: 'User', resourceId: record.id });
      return { record: { ...record, groups: [] }, linked, card, invite: inviteStatus === 'pending' };
    });
  }

  /** The user's organization: the directory's, or under domain assignment the one whose e-mail domains hold the user's. */
  private async organizationFor(db: Queryable, dir: DirectoryPrincipal, email: string | null): Promise<TargetOrganization> {
    const own = { id: dir.organizationId, name: dir.organizationName };
    const candidates = dir.settings.domainAssignment ? (dir.settings.assignmentOrganizationIds ?? []) : [];
    const domain = email?.split('@')[1];
    if (!domain || candidates.length === 0) return own;
    const [row] = await execute<unknown, TargetOrganization>(db, ORGANIZATION_BY_DOMAIN, { candidates: [dir.organizationId, ...candidates], domain, directoryOrganizationId: dir.organizationId });
    return row ?? own;
  }

  /** Claims a free seat unless the (linked) user holds one, and creates or refreshes the card. */
  private async claimSeatAndCard(tx: PoolClient, dir: DirectoryPrincipal, organizationId: string, userId: string, write: UserWrite): Promise<{ id: string; created: boolean }> {
    const [seat] = await execute<unknown, { seatId: string | null; hadSeat: boolean; organizationName: string }>(tx, CLAIM_SEAT, { organizationId, userId });
    const change = seatChangeFor(seat!.hadSeat ? { active: write.active } : null, { active: write.active });
    if (change === 'claim' && !seat!.seatId) throw await seatLimitError(tx, organizationId);
    const [card] = await execute<unknown, { id: string; created: boolean }>(tx, UPSERT_CARD, {
      organizationId,
      userId,
      templateId: newCardTemplate(dir),
      slug: generateCardSlug(),
      status: cardStatusFor(write.active, dir.settings.deprovisionPolicy),
      fields: cardFieldsFor(write.profile, seat!.organizationName, write.userName),
    });
    return card!;
  }

  /** A user of this directory by id; null when missing, malformed, or in another directory. */
  async get(dir: DirectoryPrincipal, id: string, options: { withGroups?: boolean } = {}): Promise<UserRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await execute(this.deps.pool, options.withGroups ? GET_WITH_GROUPS : GET, { id, directoryId: dir.id }, { prepare: true });
    return row ? asRecord(row) : null;
  }

  /**
   * A page of this directory's users matching `where`, with the total count, in one statement. The count is an
   * uncorrelated subquery (computed once over the index, not per row), so the page's own columns (groups) are
   * built for its rows only. A unique lookup — what Entra sends before every write — is a bare indexed select.
   */
  async find(dir: DirectoryPrincipal, query: UserQuery): Promise<{ total: number; items: UserRecord[] }> {
    if (query.unique) {
      const { text, values } = uniqueLookup(dir.id, query.where, query.withGroups === true);
      const rows = await run(this.deps.pool, text, values, { prepare: true });
      // Two rows: the attribute was not unique after all (an externalId lookup by a principal read before the
      // directory stopped matching by externalId); answer it as any other filter.
      if (rows.length < 2) return { total: rows.length, items: query.offset === 0 ? rows.slice(0, query.limit).map(asRecord) : [] };
    }
    const where = query.where ? sql` and (${query.where})` : sql``;
    const base = sql`from ${raw(users.from)} where u.directory_id = ${dir.id}${where}`;
    const groups = raw(query.withGroups ? GROUPS : '');
    if (query.limit === 0) {
      const { text, values } = compileSql(sql`select count(*)::int as total ${base}`);
      return { total: (await run<{ total: number }>(this.deps.pool, text, values))[0]?.total ?? 0, items: [] };
    }
    // Ids first (the index walk, offset included), then the page's columns — PostgreSQL would otherwise build the
    // groups of every row the offset skips.
    const order = query.orderBy ?? sql`u.created_at, u.id`;
    const { text, values } = compileSql(
      sql`with page as materialized (
            select x.id, row_number() over () as n from (select u.id ${base} order by ${order} offset ${query.offset} limit ${query.limit}) x)
          select p.*, (select count(*)::int ${base}) as "total"
          from (select ${recordColumns.fragment}${groups}, page.n from page join ${raw(users.from)} on u.id = page.id) p
          right join (select 1) as one on true order by p.n`,
    );
    const rows = await run<Record<string, unknown> & { total: number; n: unknown }>(this.deps.pool, text, values, { prepare: true });
    const total = Number(rows[0]?.total ?? 0);
    const items: UserRecord[] = [];
    for (const { total: _total, n: _n, ...row } of rows) if (row.id !== null) items.push(asRecord(row));
    return { total, items };
  }

  /**
   * Replaces a user's directory data (PUT, or PATCH after the toolkit applied it) and refreshes the card (rule 7)
   * and its status (rule 5), with the event. Optimistic: read, apply `change`, then one statement writes user,
   * card and event only if the version is still the one read; a concurrent writer makes it read and apply again.
   * `guard` sees the version each attempt read, so a write it let through changes exactly that version.
   */
  async update(dir: DirectoryPrincipal, id: string, change: (current: UserRecord) => UserWrite | Promise<UserWrite>, audit?: AuditEntry, guard?: VersionGuard): Promise<UserRecord> {
    if (!isUuid(id)) throw new DomainError('NOT_FOUND', `user ${id} not found`);
    const { pool, events } = this.deps;
    for (let attempt = 1; ; attempt++) {
      const [row] = await execute(pool, READ_FOR_UPDATE, { id, directoryId: dir.id }, { prepare: true });
      if (!row) throw new DomainError('NOT_FOUND', `user ${id} not found`);
      const { organizationName, ...current } = row as Record<string, unknown> & { organizationName: string };
      const before = asRecord(current);
      guard?.(before.version);
      const write = await change(before);
      validateUserWrite(write);
      const params: UpdateParams = {
        ...userColumnsFor(write),
        id,
        version: before.version,
        cardStatus: cardStatusFor(write.active, dir.settings.deprovisionPolicy),
        cardFields: cardFieldsFor(write.profile, organizationName, write.userName),
      };
      const live = () => (audit ? execute(pool, UPDATE_WITH_EVENT, { ...params, ...eventParams(audit, 200) }, { prepare: true }) : execute(pool, UPDATE, params, { prepare: true }));
      // Preview mode: the preview statement, which runs `live` instead once the directory went live.
      const { rows, preview } = isPreview(dir.settings) ? await updateInPreview(pool, { ...params, directoryId: dir.id }, audit && eventParams(audit, 200), live) : { rows: await live(), preview: false };
      const [updated] = rows;
      if (!updated) {
        if (attempt >= 10) throw new DomainError('VERSION_MISMATCH', `user ${id} was changed while this request ran; read it again`);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        continue;
      }
      const after = asRecord(updated);
      // Preview mode: no domain events (they would start photo sync); going live emits them.
      if (preview) return after;
      const base = { organizationId: after.organizationId, directoryId: dir.id, userId: id };
      events.emit('user.updated', base);
      if (before.active && !after.active) events.emit('user.deactivated', base);
      if (!before.active && after.active) events.emit('user.reactivated', base);
      return after;
    }
  }

  /**
   * SCIM DELETE (rule 3): a directory-made user is deleted with card, memberships and seat; a manually invited
   * user that the directory only matched keeps the account and loses card, seat and the link.
   */
  async delete(dir: DirectoryPrincipal, id: string, audit?: AuditEntry, guard?: VersionGuard): Promise<void> {
    if (!isUuid(id)) throw new DomainError('NOT_FOUND', `user ${id} not found`);
    const { pool, events } = this.deps;
    const outcome = await inTransaction(pool, async (tx) => {
      const [row] = await execute<unknown, { origin: string; organizationId: string; version: number; cardId: string | null }>(tx, LOCK_FOR_DELETE, { id, directoryId: dir.id });
      if (!row) throw new DomainError('NOT_FOUND', `user ${id} not found`);
      guard?.(row.version);
      if (row.origin === 'manual' && isPreview(dir.settings)) {
        // Preview mode never touched the linked user's card or seat: only its would-be card goes with the link.
        await execute(tx, DELETE_PREVIEW_CARD, { userId: id });
        await execute(tx, DELETE_MEMBERSHIPS, { userId: id });
        await execute(tx, UNLINK, { userId: id });
      } else if (row.origin === 'manual') {
        await execute(tx, DELETE_CARD, { userId: id });
        await execute(tx, FREE_SEAT, { userId: id });
        await execute(tx, DELETE_MEMBERSHIPS, { userId: id });
        await execute(tx, UNLINK, { userId: id });
      } else {
        await execute(tx, DELETE_USER, { userId: id });
      }
      if (audit) await recordWriteEvent(tx, { ...audit, status: audit.status ?? 204 }, { organizationId: row.organizationId, directoryId: dir.id, resourceType: 'User', resourceId: id });
      return row;
    });
    if (isPreview(dir.settings)) return;
    events.emit('user.deprovisioned', { organizationId: outcome.organizationId, directoryId: dir.id, userId: id, accountKept: outcome.origin === 'manual' });
    if (outcome.cardId) events.emit('card.deleted', { organizationId: outcome.organizationId, userId: id, cardId: outcome.cardId });
  }
}
