import { DomainError } from '../errors.js';
import { isUuid } from '../ids.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { raw, sql, statement } from '../../db/sql/fragment.js';
import { directories, principalColumns, principalOf, viewColumns, type DirectoryPrincipal, type DirectoryView } from './directory.table.js';

/** A directory a Secret Token belongs to, and how much longer that token is valid. */
export interface TokenMatch {
  directory: DirectoryPrincipal;
  /**
   * Milliseconds until the token stops working, measured on the database's clock (null: the current token, valid
   * until the next rotation). A previous token during a rotation's overlap has the overlap's remainder; a cache of
   * the match must not outlive it.
   */
  validForMs: number | null;
}

const byToken = statement<{ hash: Buffer }>(
  (p) => sql`select ${principalColumns.fragment}, null::float8 as "validForMs" from ${raw(directories.from)} where ${raw(directories.col('tokenHash'))} = ${p.hash}
     union all
     select ${principalColumns.fragment}, extract(epoch from ${raw(directories.col('previousTokenExpiresAt'))} - now()) * 1000 from ${raw(directories.from)}
       where ${raw(directories.col('previousTokenHash'))} = ${p.hash} and ${raw(directories.col('previousTokenExpiresAt'))} > now()
     limit 1`,
);

/**
 * The directory whose current (or still overlapping previous) Secret Token hashes to `hash`; null when none. The
 * overlap end is compared with the database's `now()`, so every instance agrees on it whatever its own clock says.
 * A named prepared statement: it runs whenever the authenticator's cache cannot answer.
 */
export async function findDirectoryByTokenHash(db: Queryable, hash: Buffer): Promise<TokenMatch | null> {
  const [row] = await execute<{ hash: Buffer }, Record<string, unknown> & { validForMs: number | null }>(db, byToken, { hash }, { prepare: true });
  if (!row) return null;
  const { validForMs, ...principal } = row;
  return { directory: principalOf(principal), validForMs: validForMs === null ? null : Number(validForMs) };
}

const byId = statement<{ id: string }>((p) => sql`select ${principalColumns.fragment} from ${raw(directories.from)} where ${raw(directories.col('id'))} = ${p.id}`);

/** A directory by id (null when missing or `id` is not a UUID). */
export async function findDirectory(db: Queryable, id: string): Promise<DirectoryPrincipal | null> {
  if (!isUuid(id)) return null;
  const [row] = await execute(db, byId, { id }, { prepare: true });
  return row ? principalOf(row) : null;
}

const VIEW = `select ${viewColumns.sql}, ${directories.col('photoClientSecretEnc')} is not null as "hasPhotoClientSecret",
  ${directories.col('lastRequestAt')} as "lastSyncAt",
  (select count(*) from app_user u where u.directory_id = d.id)::int as "userCount",
  (select count(*) from scim_group g where g.directory_id = d.id)::int as "groupCount"
  from ${directories.from}`;

function toView(row: Record<string, unknown>): DirectoryView {
  const view = viewColumns.read(row) as DirectoryView;
  view.lastSyncAt = view.lastSyncAt === null ? null : new Date(view.lastSyncAt);
  return view;
}

const ofOrganization = statement<{ organizationId: string }>(
  (p) => sql`${raw(VIEW)} where ${raw(directories.col('organizationId'))} = ${p.organizationId} order by ${raw(directories.col('createdAt'))}, ${raw(directories.col('id'))}`,
);

export async function listDirectories(db: Queryable, organizationId: string): Promise<DirectoryView[]> {
  return (await execute(db, ofOrganization, { organizationId })).map(toView);
}

const byIds = statement<{ organizationId: string; ids: string[] }>(
  (p) => sql`${raw(VIEW)} where ${raw(directories.col('organizationId'))} = ${p.organizationId} and ${raw(directories.col('id'))} = any(${p.ids}::uuid[])`,
);

export async function findDirectoriesByIds(db: Queryable, organizationId: string, ids: readonly string[]): Promise<DirectoryView[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return (await execute(db, byIds, { organizationId, ids: valid })).map(toView);
}

/** The directory when it belongs to the organization; NOT_FOUND otherwise (never "exists elsewhere"). */
export async function requireDirectoryOf(db: Queryable, organizationId: string, id: string): Promise<DirectoryView> {
  const [directory] = await findDirectoriesByIds(db, organizationId, [id]);
  if (!directory) throw new DomainError('NOT_FOUND', `directory ${id} not found`);
  return directory;
}
