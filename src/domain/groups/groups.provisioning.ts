import type { PoolClient } from 'pg';
import { DomainError } from '../errors.js';
import { isUuid } from '../ids.js';
import type { DirectoryPrincipal } from '../directories/directory.table.js';
import { refreshCardTemplates } from '../cards/card-templates.js';
import { eventInsertFrom, recordWriteEvent, type WriteEventParams } from '../provisioning-log/write-events.js';
import type { AuditEntry, ProvisioningDeps, VersionGuard } from '../provisioning.js';
import { execute, inTransaction, run, type Queryable } from '../../db/sql/run.js';
import { compileSql, raw, sql, statement, type SqlFragment } from '../../db/sql/fragment.js';
import { currentVersion, GROUP_VERSION_SQL, NEXT_STAMP } from './group-version.js';
import { recordColumns, type GroupRecord } from './group.table.js';

export type { GroupRecord } from './group.table.js';

/** A group as a directory writes it (members apart: they change only through set-based deltas). */
export interface GroupWrite {
  displayName: string;
  externalId?: string | null;
  attributes: Record<string, unknown>;
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

type Row = Record<string, unknown>;

/** The record columns with the derived version: what every read returns. */
const READ_COLUMNS = recordColumns.sql.replace('g.version as "version"', `${GROUP_VERSION_SQL} as "version"`);

const MEMBERS = `, (select coalesce(json_agg(json_build_object('value', u.id, 'display', u.display_name) order by gm.added_at, u.id), '[]'::json)
   from group_member gm join app_user u on u.id = gm.user_id where gm.group_id = g.id) as members`;

const toRecord = (row: Row): GroupRecord => recordColumns.read(row) as GroupRecord;

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

type MemberSet = { groupId: string; ids: string[] };
const removeAllBut = statement<MemberSet>((p) => sql`delete from group_member where group_id = ${p.groupId} and user_id <> all(${p.ids}::uuid[]) returning user_id`);
const removeMembers = statement<MemberSet>((p) => sql`delete from group_member where group_id = ${p.groupId} and user_id = any(${p.ids}::uuid[]) returning user_id`);
const addMembers = statement<MemberSet & { directoryId: string }>(
  (p) => sql`insert into group_member (group_id, user_id)
       select ${p.groupId}, u.id from app_user u where u.id = any(${p.ids}::uuid[]) and u.directory_id = ${p.directoryId} for key share of u
       on conflict do nothing returning user_id`,
);

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
    const gone = await execute<MemberSet, { user_id: string }>(tx, removeAllBut, { groupId, ids });
    removed += gone.length;
    touched.push(...gone.map((r) => r.user_id));
    changes = { ...changes, add: [...ids, ...(changes.add ?? [])] };
  }
  const remove = memberIds(changes.remove);
  if (remove.length) {
    const gone = await execute<MemberSet, { user_id: string }>(tx, removeMembers, { groupId, ids: remove });
    removed += gone.length;
    touched.push(...gone.map((r) => r.user_id));
  }
  const add = memberIds(changes.add);
  if (add.length) {
    const rows = await execute<MemberSet & { directoryId: string }, { user_id: string }>(tx, addMembers, { groupId, ids: add, directoryId: dir.id });
    added += rows.length;
    touched.push(...rows.map((r) => r.user_id));
  }
  return { added, removed, touched };
}

type MembersAtOnce = { id: string; directoryId: string; add: string[]; remove: string[] } & WriteEventParams;

/**
 * Adds or removes members of a group without a template, set-based, in one statement with its event (KEY SHARE on
 * the group): the group as the change leaves it, its version the change's event (see GROUP_VERSION_SQL).
 */
const membersAtOnce = statement<MembersAtOnce>(
  (p) => sql`with g as (select ${raw(recordColumns.sql)}, g.template_id as "templateId" from scim_group g where g.id = ${p.id} and g.directory_id = ${p.directoryId} for key share),
  eligible as (select id from g where "templateId" is null),
  added as (
    insert into group_member (group_id, user_id)
    select e.id, u.id from eligible e, app_user u where u.id = any(${p.add}::uuid[]) and u.directory_id = ${p.directoryId} for key share of u
    on conflict do nothing returning user_id),
  removed as (delete from group_member gm using eligible e where gm.group_id = e.id and gm.user_id = any(${p.remove}::uuid[]) returning gm.user_id),
  event as (${eventInsertFrom(p, {
    from: 'g',
    organizationId: 'g."organizationId"',
    directoryId: 'g."directoryId"',
    resourceType: 'Group',
    resourceId: 'g.id::text',
    detail: `format('members: %s added, %s removed', (select count(*) from added), (select count(*) from removed))`,
    where: 'g."templateId" is null',
  })} returning id)
  select g.*, (select id from event) as "eventId", (select count(*) from added)::int as added, (select count(*) from removed)::int as removed from g`,
);

const insertGroup = statement<{ organizationId: string; directoryId: string; displayName: string; externalId: string | null; attributes: Record<string, unknown> }>(
  (p) => sql`insert into scim_group (organization_id, directory_id, display_name, external_id, attributes)
       values (${p.organizationId}, ${p.directoryId}, ${p.displayName}, ${p.externalId}, ${p.attributes})
       returning ${raw(recordColumns.sql.replaceAll('g.', ''))}`,
);

const selectForUpdate = (lock: string) =>
  statement<{ id: string; directoryId: string }>((p) => sql`select ${raw(recordColumns.sql)}, g.template_id as "templateId" from scim_group g where g.id = ${p.id} and g.directory_id = ${p.directoryId} ${raw(lock)}`);
/** The row locks of update(), by the change they serve (see there). */
const LOCKED = { 'for update': selectForUpdate('for update'), 'for no key update': selectForUpdate('for no key update'), 'for key share': selectForUpdate('for key share') };

const updateGroup = statement<{ id: string; displayName: string; externalId: string | null; attributes: Record<string, unknown> }>(
  (p) => sql`update scim_group g set display_name = ${p.displayName}, external_id = ${p.externalId}, attributes = ${p.attributes}, version = ${raw(NEXT_STAMP)}, updated_at = now()
           where g.id = ${p.id} returning ${raw(recordColumns.sql)}`,
);
const stampGroup = statement<{ id: string }>((p) => sql`update scim_group set version = ${raw(NEXT_STAMP)} where id = ${p.id} returning version`);
const lockForDelete = statement<{ id: string; directoryId: string }>(
  (p) => sql`select id, template_id as "templateId" from scim_group where id = ${p.id} and directory_id = ${p.directoryId} for update`,
);
const membersOf = statement<{ id: string }>((p) => sql`select user_id from group_member where group_id = ${p.id}`);
const deleteGroup = statement<{ id: string }>((p) => sql`delete from scim_group where id = ${p.id}`);
const byId = (withMembers: boolean) =>
  statement<{ id: string; directoryId: string }>((p) => sql`select ${raw(READ_COLUMNS)}${raw(withMembers ? MEMBERS : '')} from scim_group g where g.id = ${p.id} and g.directory_id = ${p.directoryId}`);
const BY_ID = { plain: byId(false), withMembers: byId(true) };

/** Groups written by a directory. */
export class GroupProvisioning {
  constructor(private readonly deps: ProvisioningDeps) {}

  async create(dir: DirectoryPrincipal, write: GroupWrite, members: readonly string[] = [], audit?: AuditEntry): Promise<GroupRecord> {
    validate(write);
    const record = await inTransaction(this.deps.pool, async (tx) => {
      const [row] = await execute(tx, insertGroup, { organizationId: dir.organizationId, directoryId: dir.id, displayName: write.displayName, externalId: write.externalId ?? null, attributes: write.attributes });
      const delta = members.length ? await applyMemberChanges(tx, dir, row!.id, { add: members }) : undefined;
      const created = toRecord(row!);
      if (audit) {
        created.version = await recordWriteEvent(tx, audit, { organizationId: dir.organizationId, directoryId: dir.id, resourceType: 'Group', resourceId: created.id, detail: delta && membersDetail(delta) });
      }
      return created;
    });
    this.deps.events.emit('group.provisioned', { organizationId: dir.organizationId, directoryId: dir.id, groupId: record.id });
    return members.length ? ((await this.get(dir, record.id, { withMembers: true })) ?? record) : { ...record, members: [] };
  }

  async get(dir: DirectoryPrincipal, id: string, options: { withMembers?: boolean } = {}): Promise<GroupRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await execute(this.deps.pool, options.withMembers ? BY_ID.withMembers : BY_ID.plain, { id, directoryId: dir.id }, { prepare: true });
    return row ? toRecord(row) : null;
  }

  /** A page of this directory's groups and the total, in one statement (see UserProvisioning.find). */
  async find(dir: DirectoryPrincipal, query: GroupQuery): Promise<{ total: number; items: GroupRecord[] }> {
    const where = query.where ? sql` and (${query.where})` : sql``;
    const base = sql`from scim_group g where g.directory_id = ${dir.id}${where}`;
    const members = raw(query.withMembers ? MEMBERS : '');
    if (query.unique) {
      const { text, values } = compileSql(sql`select ${raw(READ_COLUMNS)}${members} ${base} limit 2`);
      const rows = await run<Row>(this.deps.pool, text, values, { prepare: true });
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
    const rows = await run<Row & { total?: string; n?: string }>(this.deps.pool, text, values);
    return { total: Number(rows[0]?.total ?? 0), items: rows.filter((r) => r.id !== null).map(({ total: _total, n: _n, ...row }) => toRecord(row)) };
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
      const lock = guard ? 'for update' : input.change || mixed || !audit ? 'for no key update' : 'for key share';
      const [row] = await execute<{ id: string; directoryId: string }, Row & { templateId: string | null }>(tx, LOCKED[lock], { id, directoryId: dir.id });
      if (!row) throw new DomainError('NOT_FOUND', `group ${id} not found`);
      const { templateId, ...columns } = row;
      let record = toRecord(columns);
      if (guard) guard(await currentVersion(tx, record.id));
      if (input.change) {
        const write = await input.change(record);
        validate(write);
        const [updated] = await execute(tx, updateGroup, { id: record.id, displayName: write.displayName, externalId: write.externalId ?? null, attributes: write.attributes });
        record = toRecord(updated!);
      }
      let delta = { added: 0, removed: 0, touched: [] as string[] };
      if (input.members) {
        delta = await applyMemberChanges(tx, dir, record.id, input.members);
        if (templateId && delta.touched.length) await refreshCardTemplates(tx, { userIds: delta.touched });
      }
      if (audit) {
        record.version = await recordWriteEvent(tx, audit, {
          organizationId: dir.organizationId, directoryId: dir.id, resourceType: 'Group', resourceId: record.id, detail: changesMembers(input.members) ? membersDetail(delta) : undefined,
        });
      } else if (!input.change && (delta.added || delta.removed)) {
        const [stamped] = await execute<{ id: string }, { version: string }>(tx, stampGroup, { id: record.id });
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
    const [row] = await execute<MembersAtOnce, Row & { templateId: string | null; eventId: string | null; added: number; removed: number }>(
      this.deps.pool,
      membersAtOnce,
      {
        id, directoryId: dir.id, add, remove,
        eventRequestId: audit.requestId ?? null, eventOperation: audit.operation, eventMethod: audit.method, eventPath: audit.path,
        eventStatus: audit.status, eventDurationMs: performance.now() - audit.startedAt,
      },
      { prepare: true },
    );
    if (!row) throw new DomainError('NOT_FOUND', `group ${id} not found`);
    const { templateId, eventId, added, removed, ...columns } = row;
    if (templateId) return undefined;
    const record = toRecord(columns);
    record.version = Number(eventId);
    return { record, delta: { added, removed } };
  }

  async delete(dir: DirectoryPrincipal, id: string, audit?: AuditEntry, guard?: VersionGuard): Promise<void> {
    if (!isUuid(id)) throw new DomainError('NOT_FOUND', `group ${id} not found`);
    await inTransaction(this.deps.pool, async (tx: PoolClient) => {
      // FOR UPDATE also waits for (and then holds off) one-statement membership writes: see update().
      const [row] = await execute<{ id: string; directoryId: string }, { id: string; templateId: string | null }>(tx, lockForDelete, { id, directoryId: dir.id });
      if (!row) throw new DomainError('NOT_FOUND', `group ${id} not found`);
      if (guard) guard(await currentVersion(tx, row.id));
      const members = row.templateId ? (await execute<{ id: string }, { user_id: string }>(tx, membersOf, { id: row.id })).map((r) => r.user_id) : [];
      await execute(tx, deleteGroup, { id: row.id });
      if (members.length) await refreshCardTemplates(tx, { userIds: members });
      if (audit) await recordWriteEvent(tx, audit, { organizationId: dir.organizationId, directoryId: dir.id, resourceType: 'Group', resourceId: row.id });
    });
    this.deps.events.emit('group.deprovisioned', { organizationId: dir.organizationId, directoryId: dir.id, groupId: id });
  }
}
