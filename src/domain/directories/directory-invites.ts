/** Invite e-mails sent again to every user of one directory who has not accepted yet (the admin portal's "resend"). */
import type { Pool } from 'pg';
import type { DomainEvents } from '../events.js';
import { filterId } from '../../db/sql/keyset.js';
import { sql, statement } from '../../db/sql/fragment.js';
import { execute } from '../../db/sql/run.js';
import { DomainError } from '../errors.js';

const RESEND = statement<{ organizationId: string; directoryId: string }>(
  (p) => sql`with d as (select id from directory where id = ${p.directoryId}::uuid and organization_id = ${p.organizationId}),
     u as (update app_user set invite_status = 'pending', invite_failed_at = null, updated_at = now()
       where organization_id = ${p.organizationId} and directory_id = (select id from d)
         and invite_status in ('pending', 'sent') and email is not null
       returning id)
     select exists (select 1 from d) as found, coalesce((select array_agg(id::text) from u), '{}') as ids`,
);

/**
 * Puts every invite of the directory's users that was sent (or is still waiting) but not accepted back in the queue,
 * in one statement; the invite job sends them. NOT_FOUND for a directory of another organization. Users never invited (the directory's invites were off when they came)
 * and users who accepted are left alone. Returns the ids.
 */
export async function resendDirectoryInvites(deps: { pool: Pool; events: DomainEvents }, organizationId: string, directoryId: string): Promise<string[]> {
  filterId(directoryId, 'directoryId');
  const [row] = await execute<{ organizationId: string; directoryId: string }, { found: boolean; ids: string[] }>(deps.pool, RESEND, { organizationId, directoryId });
  if (!row?.found) throw new DomainError('NOT_FOUND', `directory ${directoryId} not found`, { field: 'directoryId' });
  const ids = row.ids;
  if (ids.length) deps.events.emit('invites.requested', { organizationId, userIds: ids });
  return ids;
}
