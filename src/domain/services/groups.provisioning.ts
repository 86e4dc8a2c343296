import type { PoolClient } from 'pg';
import { DomainError } from '../errors.js';
import { isUuid } from '../ids.js';
import type { DirectoryPrincipal } from '../directories/directory.table.js';
import { refreshCardTemplates } from '../cards/card-templates.js';
import { currentVersion, GROUP_VERSION_SQL, NEXT_STAMP, recordEvent } from './group-version.js';
import { auditParams, EVENT_COLUMNS_WITH_DETAIL, EVENT_INSERT, type AuditEntry, type ProvisioningDeps, type VersionGuard } from './provisioning-context.js';
import { asDate, inTransaction, run, type Queryable } from '../../db/sql/run.js';
import { compileSql, raw, sql, type SqlFragment } from '../../db/sql/fragment.js';

/** A group as a directory writes it (members apart: they change only through set-based deltas). */
export interface GroupWrite {
  displayName: string;
  externalId?: string | null;
  attributes: Record<string, unknown>;
}

export interface GroupRecord {
  id: string;
  organizationId: string;
  directoryId: string;
  displayName: string;
  externalId: string | null;
  attributes: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Present only when asked for: `excludedAttributes=members` never loads them. */
  members?: { value: string; display: string | null }[];
}

/** Membership changes as sets of user ids; `replace` replaces the whole set. */
export interface MemberChanges {
  add?: readonly string[];
  remove?: readonly string[];
  replace?: readonly string[];
}

export interface GroupQuery {
  where?: SqlFragment;
  orderBy?: SqlFragment;
  offset: number;
  limit: number;
  withMembers?: boolean;
  /** The filter can match at most one row (`displayName eq`, `externalId eq`, `id eq`): no count, no ordering. */
  unique?: boolean;
}

interface GroupRow {
  id: string;
  organization_id: string;
  directory_id: string;
  display_name: string;
  external_id: string | null;
  attributes: Record<string, unknown>;
  /** bigint: a stamp from the event id sequence (see GROUP_VERSION_SQL). */
  version: number | string;
  created_at: Date | string;
  updated_at: Date | string;
  members?: { value: string; display: string | null }[];
  total?: string;
  template_id?: string | null;
}

const COLUMNS = 'g.id, g.organization_id, g.directory_id, g.display_name, g.external_id, g.attributes, g.version, g.created_at, g.updated_at';

/** COLUMNS with the derived version: what every read returns. */
const READ_COLUMNS = COLUMNS.replace('g.version', `${GROUP_VERSION_SQL} as version`);

const MEMBERS = `, (select coalesce(json_agg(json_build_object('value', u.id, 'display', u.display_name) order by gm.added_at, u.id), '[]'::json)
   from group_member gm join app_user u on u.id = gm.user_id where gm.group_id = g.id) as members`;

function toRecord(row: GroupRow): GroupRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    directoryId: row.directory_id,
    displayName: row.display_name,
    externalId: row.external_id,
    attributes: row.attributes,
    version: Number(row.version),
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
    ...(row.members ? { members: row.members } : {}),
  };
}

function validate(write: GroupWrite): void {
  if (typeof write.displayName !== 'string' || !write.displayName.trim()) throw new DomainError('INVALID_INPUT', 'displayName is required', { field: 'displayName' });
  if (write.displayName.length > 512) throw new DomainError('INVALID_INPUT', 'displayName is longer than 512 characters', { field: 'displayName' });
}

function memberIds(ids: readonly string[] | undefined): string[] {
  if (!ids) return [];
  const bad = ids.find((id) => typeof id !== 'string' || !isUuid(id));
  if (bad !== undefined) throw new DomainError('INVALID_INPUT', `member "${String(bad)}" is not a user id of this directory`, { field: 'members' });
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

/** What a membership change did, as the `detail` of its provisioning event. */
function membersDetail(delta: { added: number; removed: number }): string {
  return `members: ${delta.added} added, ${delta.removed} removed`;
}

/** Does the write change the membership at all (an attribute-only PATCH carries empty deltas)? */
function changesMembers(m: MemberChanges | undefined): m is MemberChanges {
  return m !== undefined && (m.replace !== undefined || Boolean(m.add?.length) || Boolean(m.remove?.length));
}

/**
 * Applies membership deltas with set-based SQL: the cost does not depend on the group's size, and parallel
 * PATCHes to one group never lose a member (no read-modify-write). Only users of the same
 * directory can become members; unknown ids are ignored.
 */
async function applyMemberChanges(tx: Queryable, dir: DirectoryPrincipal, groupId: string, changes: MemberChanges): Promise<{ added: number; removed: number; touched: string[] }> {
  let added = 0;
  let removed = 0;
  const touched: string[] = [];
  if (changes.replace) {
    const ids = memberIds(changes.replace);
    const gone = await run<{ user_id: string }>(tx, 'delete from group_member where group_id = $1 and user_id <> all($2::uuid[]) returning user_id', [groupId, ids]);
    removed += gone.length;
    touched.push(...gone.map((r) => r.user_id));
    changes = { ...changes, add: [...ids, ...(changes.add ?? [])] };
  }
  const remove = memberIds(changes.remove);
  if (remove.length) {
    const gone = await run<{ user_id: string }>(tx, 'delete from group_member where group_id = $1 and user_id = any($2::uuid[]) returning user_id', [groupId, remove]);
    removed += gone.length;
    touched.push(...gone.map((r) => r.user_id));
  }
  const add = memberIds(changes.add);
  if (add.length) {
    const rows = await run<{ user_id: string }>(
      tx,
      `insert into group_member (group_id, user_id)
       select $1, u.id from app_user u where u.id = any($2::uuid[]) and u.directory_id = $3 for key share of u
       on conflict do nothing returning user_id`,
      [groupId, add, dir.id],
    );
    added += rows.length;
    touched.push(...rows.map((r) => r.user_id));
  }
  return { added, removed, touched };
}

/** Adds or removes members of a group without a template, set-based, in one statement (KEY SHARE on the group). */
const MEMBERS_AT_ONCE = `with g as (select ${COLUMNS}, g.template_id from scim_group g where g.id = $1 and g.directory_id = $2 for key share),
  eligible as (select id from g where template_id is null),
  added as (
    insert into group_member (group_id, user_id)
    select e.id, u.id from eligible e, app_user u where u.id = any($3::uuid[]) and u.directory_id = $2 for key share of u
    on conflict do nothing returning user_id),
  removed as (delete from group_member gm using eligible e where gm.group_id = e.id and gm.user_id = any($4::uuid[]) returning gm.user_id)`;

/** The event of a membership change ($5–$10: request id, operation, method, path, status, duration), with its counts. */
const MEMBERS_EVENT = `event as (insert into provisioning_event ${EVENT_COLUMNS_WITH_DETAIL}
    select g.organization_id, g.directory_id, $5, $6, $7, $8, 'Group', g.id::text, 'success', $9, $10,
      format('members: %s added, %s removed', (select count(*) from added), (select count(*) from removed)) from g where g.template_id is null
    returning id)`;

/** The group as the change leaves it: its version is the change's event (see GROUP_VERSION_SQL). */
const MEMBERS_RESULT = `select g.*, (select id from event) as event_id, (select count(*) from added)::int as added, (select count(*) from removed)::int as removed from g`;

/** Groups written by a directory. */
export class GroupProvisioning {
  constructor(private readonly deps: ProvisioningDeps) {}

  async create(dir: DirectoryPrincipal, write: GroupWrite, members: readonly string[] = [], audit?: AuditEntry): Promise<GroupRecord> {
    validate(write);
    const record = await inTransaction(this.deps.pool, async (tx) => {
      const [row] = await run<GroupRow>(
        tx,
        `insert into scim_group (organization_id, directory_id, display_name, external_id, attributes) values ($1, $2, $3, $4, $5)
         returning ${COLUMNS.replaceAll('g.', '')}`,
        [dir.organizationId, dir.id, write.displayName, write.externalId ?? null, write.attributes],
      );
      const delta = members.length ? await applyMemberChanges(tx, dir, row!.id, { add: members }) : undefined;
      const created = toRecord(row!);
      if (audit) created.version = await recordEvent(tx, auditParams(audit, dir.organizationId, dir.id, 'Group', created.id, 201), delta && membersDetail(delta));
      return created;
    });
    this.deps.events.emit('group.provisioned', { organizationId: dir.organizationId, directoryId: dir.id, groupId: record.id });
    return members.length ? ((await this.get(dir, record.id, { withMembers: true })) ?? record) : { ...record, members: [] };
  }

  async get(dir: DirectoryPrincipal, id: string, options: { withMembers?: boolean } = {}): Promise<GroupRecord | null> {
    if (!isUuid(id)) return null;
    const rows = await run<GroupRow>(this.deps.pool, `select ${READ_COLUMNS}${options.withMembers ? MEMBERS : ''} from scim_group g where g.id = $1 and g.directory_id = $2`, [id, dir.id], { prepare: true });
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** A page of this directory's groups and the total, in one statement (see UserProvisioning.find). */
  async find(dir: DirectoryPrincipal, query: GroupQuery): Promise<{ total: number; items: GroupRecord[] }> {
    const where = query.where ? sql` and (${query.where})` : sql``;
    const base = sql`from scim_group g where g.directory_id = ${dir.id}${where}`;
    const members = raw(query.withMembers ? MEMBERS : '');
    if (query.unique) {
      const { text, values } = compileSql(sql`select ${raw(READ_COLUMNS)}${members} ${base} limit 2`);
      const rows = await run<GroupRow>(this.deps.pool, text, values, { prepare: true });
      return { total: rows.length, items: query.offset === 0 ? rows.slice(0, query.limit).map(toRecord) : [] };
    }
    if (query.limit === 0) {
      const { text, values } = compileSql(sql`select count(*)::int as total ${base}`);
      return { total: (await run<{ total: number }>(this.deps.pool, text, values))[0]?.total ?? 0, items: [] };
    }
    const order = query.orderBy ?? sql`g.created_at, g.id`;
    const { text, values } = compileSql(
      sql`with page as materialized (
            select x.id, row_number() over () as n from (select g.id ${base} order by ${order} offset ${query.offset} limit ${query.limit}) x)
          select p.*, (select count(*)::int ${base}) as total
          from (select ${raw(READ_COLUMNS)}${members}, page.n from page join scim_group g on g.id = page.id) p
          right join (select 1) as one on true order by p.n`,
    );
    const rows = await run<GroupRow>(this.deps.pool, text, values);
    return { total: Number(rows[0]?.total ?? 0), items: rows.filter((r) => r.id !== null).map(toRecord) };
  }

  /**
   * Changes a group: attributes through `change` (row locked, version stamped) and members through set-based
   * deltas. A members-only change in a SCIM request takes no lock on the group row, so parallel membership PATCHes
   * never queue; its event is the group's new version. `guard` sees the current version under a lock that also
   * holds off those lock-free membership writes, so nothing lands between the check and the change.
   */
  async update(
    dir: DirectoryPrincipal,
    id: string,
    input: { change?: (current: GroupRecord) => GroupWrite | Promise<GroupWrite>; members?: MemberChanges },
    audit?: AuditEntry,
    guard?: VersionGuard,
  ): Promise<GroupRecord> {
    if (!isUuid(id)) throw new DomainError('NOT_FOUND', `group ${id} not found`);
    const fast = guard ? undefined : await this.changeMembersAtOnce(dir, id, input, audit);
    const result = fast ?? (await inTransaction(this.deps.pool, async (tx) => {
      // A guard takes FOR UPDATE, the one lock that conflicts with the KEY SHARE of one-statement membership writes:
      // it waits for those in flight, and later ones wait for it. Attribute changes lock the row (NO KEY UPDATE:
      // member inserts' FK checks still pass); so do PATCHes that both remove and add members (two of them crossing
      // each other would otherwise deadlock), every replace of the member list (an empty one too: a PATCH remove of
      // all members), so two replaces apply one after the other, and changes outside a request (they stamp the
      // row's version). Adds-only or removes-only changes (what Entra sends) take KEY SHARE: the group cannot
      // vanish underneath.
      const m = input.members;
      const mixed = m !== undefined && (m.replace !== undefined || (m.remove?.length && m.add?.length));
      const lock = guard ? ' for update' : input.change || mixed || !audit ? ' for no key update' : ' for key share';
      const [row] = await run<GroupRow>(tx, `select ${COLUMNS}, g.template_id from scim_group g where g.id = $1 and g.directory_id = $2${lock}`, [id, dir.id]);
      if (!row) throw new DomainError('NOT_FOUND', `group ${id} not found`);
      let record = toRecord(row);
      if (guard) guard(await currentVersion(tx, record.id));
      if (input.change) {
        const write = await input.change(record);
        validate(write);
        const [updated] = await run<GroupRow>(
          tx,
          `update scim_group g set display_name = $2, external_id = $3, attributes = $4, version = ${NEXT_STAMP}, updated_at = now()
           where g.id = $1 returning ${COLUMNS}`,
          [record.id, write.displayName, write.externalId ?? null, write.attributes],
        );
        record = toRecord(updated!);
      }
      let delta = { added: 0, removed: 0, touched: [] as string[] };
      if (input.members) {
        delta = await applyMemberChanges(tx, dir, record.id, input.members);
        if (row.template_id && delta.touched.length) await refreshCardTemplates(tx, { userIds: delta.touched });
      }
      if (audit) {
        record.version = await recordEvent(tx, auditParams(audit, dir.organizationId, dir.id, 'Group', record.id, 200), changesMembers(input.members) ? membersDetail(delta) : undefined);
      } else if (!input.change && (delta.added || delta.removed)) {
        const [stamped] = await run<{ version: string }>(tx, `update scim_group set version = ${NEXT_STAMP} where id = $1 returning version`, [record.id]);
        record.version = Number(stamped!.version);
      } else if (!input.change) {
        record.version = await currentVersion(tx, record.id);
      }
      return { record, delta };
    }));
    if (result.delta.added || result.delta.removed) {
      this.deps.events.emit('group.membersChanged', { organizationId: dir.organizationId, directoryId: dir.id, groupId: result.record.id, added: result.delta.added, removed: result.delta.removed });
    }
    return result.record;
  }

  /**
   * Entra's membership PATCH — only adds, or only removes, on a group without a card template, in a SCIM request —
   * in one statement with its event. Anything else (attributes, preconditions, mixed or replace, template groups,
   * writes outside a request) returns undefined and takes the transactional path.
   */
  private async changeMembersAtOnce(
    dir: DirectoryPrincipal,
    id: string,
    input: { change?: unknown; members?: MemberChanges },
    audit?: AuditEntry,
  ): Promise<{ record: GroupRecord; delta: { added: number; removed: number } } | undefined> {
    const m = input.members;
    if (!audit || input.change || !m || m.replace !== undefined) return undefined;
    const add = memberIds(m.add);
    const remove = memberIds(m.remove);
    if (add.length && remove.length) return undefined;
    const params: unknown[] = [id, dir.id, add, remove, audit.requestId ?? null, audit.operation, audit.method, audit.path, audit.status ?? 200, performance.now() - audit.startedAt];
    const [row] = await run<GroupRow & { template_id: string | null; event_id: string | null; added: number; removed: number }>(this.deps.pool, `${MEMBERS_AT_ONCE}, ${MEMBERS_EVENT} ${MEMBERS_RESULT}`, params, { prepare: true });
    if (!row) throw new DomainError('NOT_FOUND', `group ${id} not found`);
    if (row.template_id) return undefined;
    return { record: { ...toRecord(row), version: Number(row.event_id) }, delta: { added: row.added, removed: row.removed } };
  }

  async delete(dir: DirectoryPrincipal, id: string, audit?: AuditEntry, guard?: VersionGuard): Promise<void> {
    if (!isUuid(id)) throw new DomainError('NOT_FOUND', `group ${id} not found`);
    await inTransaction(this.deps.pool, async (tx: PoolClient) => {
      // FOR UPDATE also waits for (and then holds off) one-statement membership writes: see update().
      const [row] = await run<{ id: string; template_id: string | null }>(tx, 'select id, template_id from scim_group where id = $1 and directory_id = $2 for update', [id, dir.id]);
      if (!row) throw new DomainError('NOT_FOUND', `group ${id} not found`);
      if (guard) guard(await currentVersion(tx, row.id));
      const members = row.template_id ? (await run<{ user_id: string }>(tx, 'select user_id from group_member where group_id = $1', [row.id])).map((r) => r.user_id) : [];
      await tx.query('delete from scim_group where id = $1', [row.id]);
      if (members.length) await refreshCardTemplates(tx, { userIds: members });
      if (audit) await tx.query(EVENT_INSERT, auditParams(audit, dir.organizationId, dir.id, 'Group', row.id, 204));
    });
    this.deps.events.emit('group.deprovisioned', { organizationId: dir.organizationId, directoryId: dir.id, groupId: id });
  }
}
