import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { DirectoryPrincipal } from '../directories/directory.table.js';
import { DomainError } from '../errors.js';
import { cardFieldsFromProfile, displayNameOf, primaryEmail, type UserProfile } from './card-fields.js';
import { auditParams, EVENT_COLUMNS, EVENT_INSERT, type AuditEntry, type ProvisioningDeps, type VersionGuard } from './provisioning-context.js';
import { asDate, inTransaction, run, type Queryable } from '../../db/sql/run.js';
import { compileSql, raw, sql, type SqlFragment } from '../../db/sql/fragment.js';
import { cardStatusFor } from './leavers.js';
import { generateCardSlug } from '../tokens.js';
import { isUuid } from '../ids.js';

/** A user as a directory writes it. `attributes` is stored as given and read back unchanged. */
export interface UserWrite {
  userName: string;
  externalId?: string | null;
  active: boolean;
  attributes: Record<string, unknown>;
  profile: UserProfile;
}

/** A user as a directory reads it. */
export interface UserRecord {
  id: string;
  organizationId: string;
  directoryId: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  attributes: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  groups?: { value: string; display: string }[];
}

export interface UserQuery {
  where?: SqlFragment;
  orderBy?: SqlFragment;
  offset: number;
  limit: number;
  withGroups?: boolean;
  /** The filter can match at most one row (`userName eq`, `id eq`, `externalId eq` where users are matched by it): no count, no ordering. */
  unique?: boolean;
}

interface UserRow {
  id: string;
  organization_id: string;
  directory_id: string;
  user_name: string;
  external_id: string | null;
  active: boolean;
  attributes: Record<string, unknown>;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  groups?: { value: string; display: string }[];
  total?: string;
}

const COLUMNS = 'u.id, u.organization_id, u.directory_id, u.user_name, u.external_id, u.active, u.attributes, u.version, u.created_at, u.updated_at';
const GROUPS = `, (select coalesce(json_agg(json_build_object('value', g.id, 'display', g.display_name) order by g.display_name), '[]'::json)
   from group_member gm join scim_group g on g.id = gm.group_id where gm.user_id = u.id) as groups`;

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    directoryId: row.directory_id,
    userName: row.user_name,
    externalId: row.external_id,
    active: row.active,
    attributes: row.attributes,
    version: row.version,
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
    ...(row.groups ? { groups: row.groups } : {}),
  };
}

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
    text = compileSql(sql`select ${raw(COLUMNS)}${raw(withGroups ? GROUPS : '')} from app_user u where u.directory_id = ${directoryId}${filter} limit 2`).text;
    if (uniqueLookups.size < 256) uniqueLookups.set(key, text);
  }
  return { text, values: where ? [directoryId, ...where.values] : [directoryId] };
}

function validate(write: UserWrite): void {
  if (typeof write.userName !== 'string' || write.userName.trim() === '') throw new DomainError('INVALID_INPUT', 'userName is required', { field: 'userName' });
  if (write.userName.length > 512) throw new DomainError('INVALID_INPUT', 'userName is longer than 512 characters', { field: 'userName' });
  if (write.externalId != null && write.externalId.length > 512) throw new DomainError('INVALID_INPUT', 'externalId is longer than 512 characters', { field: 'externalId' });
}

/** What a create did, for the domain events. */
interface CreateOutcome {
  record: UserRecord;
  linked: boolean;
  card: { id: string; created: boolean };
  invite: boolean;
}

/**
 * The one-statement create. `manual` finds a manually invited user to link instead (then nothing is written);
 * `claim` takes a free seat for the new id; the user, card (and event) are inserted only from a claimed seat.
 */
const FAST_CREATE = `with manual as (
    select 1 from app_user where organization_id = $1 and directory_id is null and origin = 'manual' and $6::text is not null and lower(email) = $6 limit 1),
  claim as (
    update seat set user_id = $14::uuid, claimed_at = now()
    where id = (select id from seat where organization_id = $1 and user_id is null and not exists (select 1 from manual) limit 1 for update skip locked)
    returning id),
  inserted as (
    insert into app_user (id, organization_id, directory_id, origin, user_name, external_id, active, email, display_name, given_name,
      family_name, title, department, attributes, invite_status)
    select $14::uuid, $1, $2, 'directory', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
      case when $13 and $6::text is not null then 'pending' else 'none' end
    where exists (select 1 from claim)
    returning ${COLUMNS.replaceAll('u.', '')}, invite_status),
  card as (
    insert into card (organization_id, user_id, template_id, slug, status, fields)
    select $1, i.id, coalesce($15::uuid, (select id from template where organization_id = $1 order by created_at, id limit 1)), $16, $17,
      case when $18::jsonb ? 'company' then $18::jsonb else $18::jsonb || jsonb_build_object('company', (select name from organization where id = $1)) end
    from inserted i
    returning id)`;

/** The event of a fast create, in the same statement ($19–$23: request id, operation, method, path, duration). */
const EVENT_FROM_INSERTED = `insert into provisioning_event ${EVENT_COLUMNS}
    select $1, $2, $19, $20, $21, $22, 'User', i.id::text, 'success', 201, $23 from inserted i`;

const FAST_CREATE_RESULT = `select (select count(*) from manual)::int as manual, (select id from card) as card_id, i.*
  from (values (1)) as one left join inserted i on true`;

/**
 * An update in one statement: the user row (only at the version read), the card's fields and status. `company`
 * falls back to the organization's name in SQL, as on create.
 */
const UPDATE_USER = `with updated as (
    update app_user u set user_name = $3, external_id = $4, active = $5, email = coalesce($6, u.email), display_name = $7, given_name = $8,
      family_name = $9, title = $10, department = $11, attributes = $12, version = u.version + 1, updated_at = now()
    where u.id = $1 and u.version = $2
    returning ${COLUMNS}),
  card_updated as (
    update card c set status = $14, updated_at = now(),
      fields = case when $13::jsonb ? 'company' then $13::jsonb
                    else $13::jsonb || jsonb_build_object('company', (select o.name from organization o where o.id = c.organization_id)) end
    where c.user_id = (select id from updated))`;

/** The event of an update ($15–$19: request id, operation, method, path, duration). */
const EVENT_FROM_UPDATED = `event as (insert into provisioning_event ${EVENT_COLUMNS}
    select u.organization_id, u.directory_id, $15, $16, $17, $18, 'User', u.id::text, 'success', 200, $19 from updated u)`;

const UPDATE_RESULT = 'select * from updated';

function updateParams(id: string, version: number, write: UserWrite, dir: DirectoryPrincipal): unknown[] {
  const p = write.profile;
  return [
    id, version, write.userName, write.externalId ?? null, write.active, primaryEmail(p) ?? null, displayNameOf(p, write.userName),
    p.givenName ?? null, p.familyName ?? null, p.title ?? null, p.department ?? null, write.attributes,
    cardFieldsFromProfile(p, '', write.userName), cardStatusFor(write.active, dir.settings.deprovisionPolicy),
  ];
}

/** SEAT_LIMIT_REACHED with the numbers an admin reads in the directory's provisioning log. */
async function seatLimitError(db: Queryable, organizationId: string): Promise<DomainError> {
  const [usage] = await run<{ total: number }>(db, 'select count(*)::int as total from seat where organization_id = $1', [organizationId]);
  return new DomainError('SEAT_LIMIT_REACHED', `no licence seat left: all ${usage?.total ?? 0} seats of this organization are in use; raise the seat limit or remove users, then retry`);
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
    validate(write);
    const email = primaryEmail(write.profile);
    const { events, pool } = this.deps;
    const organizationId = await this.organizationFor(pool, dir, email);
    const fast = await this.insertWithSeat(dir, organizationId, write, email, audit);
    if (fast === 'no-seat') throw await seatLimitError(pool, organizationId);
    const result = fast === 'link' ? await this.createLinked(dir, organizationId, write, email, audit) : fast;
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
  private async insertWithSeat(dir: DirectoryPrincipal, organizationId: string, write: UserWrite, email: string | undefined, audit?: AuditEntry): Promise<CreateOutcome | 'no-seat' | 'link'> {
    const p = write.profile;
    const userId = randomUUID();
    const params: unknown[] = [
      organizationId, dir.id, write.userName, write.externalId ?? null, write.active, email ?? null, displayNameOf(p, write.userName),
      p.givenName ?? null, p.familyName ?? null, p.title ?? null, p.department ?? null, write.attributes, dir.settings.invitesEnabled === true,
      userId, dir.settings.templateId ?? null, generateCardSlug(), cardStatusFor(write.active, dir.settings.deprovisionPolicy),
      // The organization's name fills `company` in SQL when the directory sends none.
      cardFieldsFromProfile(p, '', write.userName),
    ];
    const event = audit ? `, event as (${EVENT_FROM_INSERTED}) ` : ' ';
    if (audit) params.push(audit.requestId ?? null, audit.operation, audit.method, audit.path, performance.now() - audit.startedAt);
    const [row] = await run<UserRow & { manual: number; card_id: string | null; invite_status: string | null }>(this.deps.pool, `${FAST_CREATE}${event}${FAST_CREATE_RESULT}`, params, { prepare: true });
    if (row!.manual > 0) return 'link';
    if (!row!.id) return 'no-seat';
    return { record: toRecord({ ...row!, groups: [] }), linked: false, card: { id: row!.card_id!, created: true }, invite: row!.invite_status === 'pending' };
  }

  /** Rule 4 in one transaction: link the manual user, keep or claim a seat, create or refresh the card. */
  private async createLinked(dir: DirectoryPrincipal, organizationId: string, write: UserWrite, email: string | undefined, audit?: AuditEntry): Promise<CreateOutcome> {
    return await inTransaction(this.deps.pool, async (tx) => {
      const row = await this.insertOrLink(tx, dir, organizationId, write, email);
      const card = await this.claimSeatAndCard(tx, dir, organizationId, row.id, write);
      if (audit) await tx.query(EVENT_INSERT, auditParams(audit, organizationId, dir.id, 'User', row.id, 201));
      return { record: toRecord({ ...row, groups: [] }), linked: row.linked, card, invite: row.invite_status === 'pending' };
    });
  }

  private async organizationFor(db: Queryable, dir: DirectoryPrincipal, email: string | undefined): Promise<string> {
    const candidates = dir.settings.domainAssignment ? (dir.settings.assignmentOrganizationIds ?? []) : [];
    const domain = email?.split('@')[1];
    if (!domain || candidates.length === 0) return dir.organizationId;
    const rows = await run<{ id: string }>(
      db,
      'select id from organization where id = any($1::uuid[]) and $2 = any(email_domains) order by (id = $3) desc limit 1',
      [[dir.organizationId, ...candidates], domain, dir.organizationId],
    );
    return rows[0]?.id ?? dir.organizationId;
  }

  /** One statement: link a manual user with the same e-mail (rule 4), or insert a new one. */
  private async insertOrLink(tx: PoolClient, dir: DirectoryPrincipal, organizationId: string, write: UserWrite, email: string | undefined): Promise<UserRow & { linked: boolean; invite_status: string }> {
    const p = write.profile;
    const params = [organizationId, dir.id, write.userName, write.externalId ?? null, write.active, email ?? null, displayNameOf(p, write.userName), p.givenName ?? null, p.familyName ?? null, p.title ?? null, p.department ?? null, write.attributes, dir.settings.invitesEnabled === true];
    const rows = await run<UserRow & { linked: boolean; invite_status: string }>(
      tx,
      `with linked as (
         update app_user set directory_id = $2, user_name = $3, external_id = $4, active = $5, display_name = $7, given_name = $8,
           family_name = $9, title = $10, department = $11, attributes = $12, version = version + 1, updated_at = now(),
           invite_status = case when $13 and invite_status = 'none' then 'pending' else invite_status end
         where id = (select id from app_user where organization_id = $1 and directory_id is null and origin = 'manual'
                     and $6::text is not null and lower(email) = $6 limit 1 for update)
         returning ${COLUMNS.replaceAll('u.', '')}, invite_status, true as linked),
       inserted as (
         insert into app_user (organization_id, directory_id, origin, user_name, external_id, active, email, display_name, given_name, family_name, title, department, attributes, invite_status)
         select $1, $2, 'directory', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, case when $13 and $6::text is not null then 'pending' else 'none' end
         where not exists (select 1 from linked)
         returning ${COLUMNS.replaceAll('u.', '')}, invite_status, false as linked)
       select * from linked union all select * from inserted`,
      params,
    );
    return rows[0]!;
  }

  /** Claims a free seat (FOR UPDATE SKIP LOCKED: no shared hot row) and creates or refreshes the card. */
  private async claimSeatAndCard(tx: PoolClient, dir: DirectoryPrincipal, organizationId: string, userId: string, write: UserWrite): Promise<{ id: string; created: boolean }> {
    const rows = await run<{ seat_id: string | null; had_seat: boolean; org_name: string }>(
      tx,
      `with existing as (select id from seat where user_id = $2),
       claimed as (
         update seat set user_id = $2, claimed_at = now()
         where id = (select id from seat where organization_id = $1 and user_id is null and not exists (select 1 from existing)
                     limit 1 for update skip locked)
         returning id)
       select (select id from claimed) as seat_id, exists (select 1 from existing) as had_seat,
              (select name from organization where id = $1) as org_name`,
      [organizationId, userId],
    );
    const seat = rows[0]!;
    if (!seat.seat_id && !seat.had_seat) throw await seatLimitError(tx, organizationId);
    const fields = cardFieldsFromProfile(write.profile, seat.org_name, write.userName);
    const [card] = await run<{ id: string; created: boolean }>(
      tx,
      `insert into card (organization_id, user_id, template_id, slug, status, fields)
       values ($1, $2, coalesce($3::uuid, (select id from template where organization_id = $1 order by created_at, id limit 1)), $4, $5, $6)
       on conflict (user_id) do update set fields = excluded.fields, status = excluded.status, updated_at = now()
       returning id, (xmax = 0) as created`,
      [organizationId, userId, dir.settings.templateId ?? null, generateCardSlug(), cardStatusFor(write.active, dir.settings.deprovisionPolicy), fields],
    );
    return card!;
  }

  /** A user of this directory by id; null when missing, malformed, or in another directory. */
  async get(dir: DirectoryPrincipal, id: string, options: { withGroups?: boolean } = {}): Promise<UserRecord | null> {
    if (!isUuid(id)) return null;
    const rows = await run<UserRow>(this.deps.pool, `select ${COLUMNS}${options.withGroups ? GROUPS : ''} from app_user u where u.id = $1 and u.directory_id = $2`, [id, dir.id], { prepare: true });
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * A page of this directory's users matching `where`, with the total count, in one statement. The count is an
   * uncorrelated subquery (computed once over the index, not per row), so the page's own columns (groups) are
   * built for its rows only. A unique lookup — what Entra sends before every write — is a bare indexed select.
   */
  async find(dir: DirectoryPrincipal, query: UserQuery): Promise<{ total: number; items: UserRecord[] }> {
    if (query.unique) {
      const { text, values } = uniqueLookup(dir.id, query.where, query.withGroups === true);
      const rows = await run<UserRow>(this.deps.pool, text, values, { prepare: true });
      // Two rows: the attribute was not unique after all (an externalId lookup by a principal read before the
      // directory stopped matching by externalId); answer it as any other filter.
      if (rows.length < 2) return { total: rows.length, items: query.offset === 0 ? rows.slice(0, query.limit).map(toRecord) : [] };
    }
    const where = query.where ? sql` and (${query.where})` : sql``;
    const base = sql`from app_user u where u.directory_id = ${dir.id}${where}`;
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
          select p.*, (select count(*)::int ${base}) as total
          from (select ${raw(COLUMNS)}${groups}, page.n from page join app_user u on u.id = page.id) p
          right join (select 1) as one on true order by p.n`,
    );
    const rows = await run<UserRow>(this.deps.pool, text, values, { prepare: true });
    const total = Number(rows[0]?.total ?? 0);
    return { total, items: rows.filter((r) => r.id !== null).map(toRecord) };
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
      const [row] = await run<UserRow>(pool, `select ${COLUMNS} from app_user u where u.id = $1 and u.directory_id = $2`, [id, dir.id], { prepare: true });
      if (!row) throw new DomainError('NOT_FOUND', `user ${id} not found`);
      const before = toRecord(row);
      guard?.(before.version);
      const write = await change(before);
      validate(write);
      const [updated] = await run<UserRow>(pool, audit ? `${UPDATE_USER}, ${EVENT_FROM_UPDATED} ${UPDATE_RESULT}` : `${UPDATE_USER} ${UPDATE_RESULT}`, [
        ...updateParams(id, before.version, write, dir),
        ...(audit ? [audit.requestId ?? null, audit.operation, audit.method, audit.path, performance.now() - audit.startedAt] : []),
      ], { prepare: true });
      if (!updated) {
        if (attempt >= 10) throw new DomainError('VERSION_MISMATCH', `user ${id} was changed while this request ran; read it again`);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        continue;
      }
      const after = toRecord(updated);
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
      const [row] = await run<{ origin: string; organization_id: string; version: number; card_id: string | null }>(
        tx,
        `select u.origin, u.organization_id, u.version, c.id as card_id from app_user u left join card c on c.user_id = u.id
         where u.id = $1 and u.directory_id = $2 for update of u`,
        [id, dir.id],
      );
      if (!row) throw new DomainError('NOT_FOUND', `user ${id} not found`);
      guard?.(row.version);
      if (row.origin === 'manual') {
        await tx.query('delete from card where user_id = $1', [id]);
        await tx.query('update seat set user_id = null, claimed_at = null where user_id = $1', [id]);
        await tx.query('delete from group_member where user_id = $1', [id]);
        await tx.query('update app_user set directory_id = null, version = version + 1, updated_at = now() where id = $1', [id]);
      } else {
        // seat.user_id is ON DELETE SET NULL: deleting the user frees the seat; card and memberships cascade.
        await tx.query('delete from app_user where id = $1', [id]);
      }
      if (audit) await tx.query(EVENT_INSERT, auditParams(audit, row.organization_id, dir.id, 'User', id, 204));
      return row;
    });
    events.emit('user.deprovisioned', { organizationId: outcome.organization_id, directoryId: dir.id, userId: id, accountKept: outcome.origin === 'manual' });
    if (outcome.card_id) events.emit('card.deleted', { organizationId: outcome.organization_id, userId: id, cardId: outcome.card_id });
  }
}

