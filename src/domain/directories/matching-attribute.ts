import { DomainError } from '../errors.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { sql, statement } from '../../db/sql/fragment.js';
import { isMatchingAttribute, MATCHING_ATTRIBUTES } from './directory.rules.js';

type OfDirectory = { directoryId: string };
const lockMatching = statement<OfDirectory>((p) => sql`select pg_advisory_xact_lock(hashtext('matching:' || ${p.directoryId}::text))`);
const currentAttribute = statement<OfDirectory>((p) => sql`select settings ->> 'matchingAttribute' as attribute from directory where id = ${p.directoryId}`);
const dropKeys = statement<OfDirectory>((p) => sql`update app_user set external_id_key = null where directory_id = ${p.directoryId} and external_id_key`);
const keyProblems = statement<OfDirectory>(
  (p) => sql`select count(*) filter (where coalesce(external_id, '') = '')::int as missing,
            (select count(*)::int from (select 1 from app_user where directory_id = ${p.directoryId} and external_id <> ''
                                        group by external_id having count(*) > 1) s) as shared
       from app_user where directory_id = ${p.directoryId}`,
);
const setKeys = statement<OfDirectory>((p) => sql`update app_user set external_id_key = true where directory_id = ${p.directoryId} and external_id_key is null`);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Switches the attribute a directory's users are matched by, inside the caller's transaction (before it writes the
 * setting). The database holds the rule (Migration20261124230000_matching_attribute): users of an `externalId`
 * directory carry `external_id_key`, which makes their externalId required and unique. So the keys of the
 * directory's users are rewritten here, under the directory's matching lock held exclusively: users entering the
 * directory meanwhile wait, then read the new setting; PATCHes of existing users do not take the lock, and the
 * unique index refuses one that would now collide.
 *
 * To `externalId`: refused (CONFLICT, nothing changed) while a user has no externalId or one is shared, with the
 * counts: Entra could find none of those users by it, and every create would then collide on userName.
 * To `userName`: always possible (userName is unique in every directory); externalId is then only stored.
 */
export async function changeMatchingAttribute(tx: Queryable, directoryId: string, next: unknown): Promise<void> {
  if (!isMatchingAttribute(next)) {
    throw new DomainError('INVALID_INPUT', `matchingAttribute must be one of ${MATCHING_ATTRIBUTES.join(', ')}`, { field: 'matchingAttribute' });
  }
  await execute(tx, lockMatching, { directoryId });
  const [current] = await execute<OfDirectory, { attribute: string | null }>(tx, currentAttribute, { directoryId });
  if (!current || (current.attribute ?? 'userName') === next) return;
  if (next === 'userName') {
    await execute(tx, dropKeys, { directoryId });
    return;
  }
  const [counts] = await execute<OfDirectory, { missing: number; shared: number }>(tx, keyProblems, { directoryId });
  const { missing, shared } = counts!;
  if (missing > 0 || shared > 0) {
    const problems = [
      missing > 0 ? `${plural(missing, 'user has', 'users have')} no externalId` : '',
      shared > 0 ? `${plural(shared, 'externalId is', 'externalIds are')} held by more than one user` : '',
    ].filter(Boolean);
    throw new DomainError(
      'CONFLICT',
      `this directory cannot match users by externalId: ${problems.join(' and ')}. Map externalId to a unique attribute ` +
        '(e.g. userPrincipalName) while matching by userName, let one provisioning cycle update every user, then switch',
      { field: 'matchingAttribute' },
    );
  }
  await execute(tx, setKeys, { directoryId });
}
