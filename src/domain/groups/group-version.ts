/**
 * Internal: the version (ETag) of a SCIM group, derived so that membership changes move it without a shared row.
 */
import { execute, type Queryable } from '../../db/sql/run.js';
import { raw, sql, statement } from '../../db/sql/fragment.js';

/**
 * A group's version (its ETag, RFC 7644 §3.14) moves with every write, membership changes included, yet no
 * membership PATCH updates a row for it: parallel PATCHes to one group would queue on that row's lock. It is the id
 * of the group's newest write event (every write in a SCIM request records one in its own transaction), or the row's
 * own stamp, drawn from the same sequence, which writes outside a request (they record no event) and attribute
 * changes set. Both only grow, so no version comes back; deleting events (log retention) first lifts the row's
 * stamp to the newest deleted one (trigger provisioning_event_keeps_group_versions). Ids are drawn before commit: of two membership writes
 * that commit in the opposite order of their event inserts, a read between the two commits gets a tag that the
 * second commit leaves current (a window of one commit; If-Match checks themselves lock out concurrent writers).
 * The ORDER BY names the partial index provisioning_event_group_write_idx's order, so the planner takes it (one
 * probe) rather than walking the primary key backwards past every newer event of other resources.
 */
export const GROUP_VERSION_SQL = `greatest(g.version, coalesce((select e.id from provisioning_event e
    where e.resource_type = 'Group' and e.resource_id = g.id::text and e.outcome = 'success' and e.method in ('POST', 'PUT', 'PATCH', 'DELETE')
    order by e.resource_id desc, e.id desc limit 1), 0))`;

/** A fresh stamp for a group row's version, from the sequence that numbers events. */
export const NEXT_STAMP = `nextval('provisioning_event_id_seq')`;

const versionOf = statement<{ groupId: string }>((p) => sql`select ${raw(GROUP_VERSION_SQL)} as version from scim_group g where g.id = ${p.groupId}`);

/**
 * The group's version in a statement of its own: after the row lock was granted, so it sees what the writers the
 * lock waited for committed (the locking statement's snapshot is older than their commits).
 */
export async function currentVersion(tx: Queryable, groupId: string): Promise<number> {
  const [row] = await execute<{ groupId: string }, { version: string }>(tx, versionOf, { groupId });
  return Number(row!.version);
}
