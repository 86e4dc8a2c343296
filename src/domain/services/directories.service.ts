import type { Pool } from 'pg';
import type { DirectorySettings } from '../entities/directory.entity.js';
import { DomainError } from '../errors.js';
import { ensureOrganization, type OrganizationRow } from './organizations.service.js';
import { inTransaction, run, type Queryable } from '../../db/sql/run.js';
import { generateSecretToken, hashToken } from './tokens.js';

/** What a request authenticated by a directory token acts as. */
export interface DirectoryPrincipal {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly provider: string;
  readonly status: 'active' | 'disabled';
  readonly settings: Readonly<DirectorySettings>;
}

interface DirectoryRow {
  id: string;
  organization_id: string;
  name: string;
  provider: string;
  status: 'active' | 'disabled';
  settings: DirectorySettings;
}

const PROVIDER = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SELECT_PRINCIPAL_COLUMNS = 'select id, organization_id, name, provider, status, settings';
const SELECT_PRINCIPAL = `${SELECT_PRINCIPAL_COLUMNS} from directory`;

function toPrincipal(row: DirectoryRow): DirectoryPrincipal {
  return Object.freeze({
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    provider: row.provider,
    status: row.status,
    settings: Object.freeze({ ...row.settings }),
  });
}

/** The Tenant URL an admin pastes into the directory: the provider plugin's mount plus the directory id. */
export function tenantUrl(publicUrl: string, provider: string, directoryId: string): string {
  return `${publicUrl}/scim/${provider}/${directoryId}`;
}

export interface CreatedDirectory {
  directory: DirectoryPrincipal;
  organization: OrganizationRow;
  /** Shown once; only its hash is stored. */
  secretToken: string;
}

/** Creates the organization when it is missing, then the directory with a fresh Secret Token. */
export async function createDirectory(
  pool: Pool,
  input: { orgSlug: string; orgName?: string; name: string; provider: string; seatLimit?: number; settings?: DirectorySettings },
): Promise<CreatedDirectory> {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new DomainError('INVALID_INPUT', 'directory name must be 1–200 characters', { field: 'name' });
  if (!PROVIDER.test(input.provider)) throw new DomainError('INVALID_INPUT', 'provider must be a plugin name such as "entra"', { field: 'provider' });
  const { organization } = await ensureOrganization(pool, { slug: input.orgSlug, name: input.orgName, seatLimit: input.seatLimit });
  const secretToken = generateSecretToken();
  // No deprovisionPolicy: unset reads as the default (suspend), so what is stored is only ever an admin's choice.
  const settings: DirectorySettings = { matchingAttribute: 'userName', invitesEnabled: false, domainAssignment: false, ...input.settings };
  const [row] = await run<DirectoryRow>(
    pool,
    `insert into directory (organization_id, name, provider, token_hash, settings) values ($1, $2, $3, $4, $5)
     returning id, organization_id, name, provider, status, settings`,
    [organization.id, name, input.provider, hashToken(secretToken), settings],
  );
  return { directory: toPrincipal(row!), organization, secretToken };
}

/**
 * Replaces a directory's Secret Token. The old token stops working at once, or after `overlapSeconds` so a
 * provisioning cycle already running keeps going while the admin pastes the new one. Without `overlapSeconds` the
 * directory's `tokenOverlapSeconds` setting applies (unset: 0). Returns the overlap that applied.
 */
export async function rotateDirectoryToken(
  pool: Pool,
  directoryId: string,
  overlapSeconds?: number | null,
): Promise<{ directory: DirectoryPrincipal; secretToken: string; overlapSeconds: number }> {
  if (overlapSeconds != null && (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > 7 * 86_400)) {
    throw new DomainError('INVALID_INPUT', 'overlap must be between 0 seconds and 7 days', { field: 'overlapSeconds' });
  }
  // Directory ids are UUIDs: anything else names no directory (PostgreSQL would call it invalid text).
  if (!isUuid(directoryId)) throw new DomainError('NOT_FOUND', `directory ${directoryId} does not exist`);
  const secretToken = generateSecretToken();
  return await inTransaction(pool, async (tx) => {
    // The setting is read in the same statement that rotates, so a concurrent settings change applies wholly or not.
    // A stored value outside 0…7 days (written by hand) is clamped rather than refused.
    const rows = await run<DirectoryRow & { overlap: number }>(
      tx,
      `with chosen as (
         select id, least(greatest(coalesce($3::int, case when jsonb_typeof(settings -> 'tokenOverlapSeconds') = 'number'
                  then floor((settings ->> 'tokenOverlapSeconds')::numeric)::int end, 0), 0), 604800) as overlap
         from directory where id = $1 for update)
       update directory d set
         previous_token_hash = case when c.overlap > 0 then d.token_hash else null end,
         previous_token_expires_at = case when c.overlap > 0 then now() + make_interval(secs => c.overlap) else null end,
         token_hash = $2, updated_at = now()
       from chosen c where d.id = c.id
       returning d.id, d.organization_id, d.name, d.provider, d.status, d.settings, c.overlap`,
      [directoryId, hashToken(secretToken), overlapSeconds ?? null],
    );
    if (!rows[0]) throw new DomainError('NOT_FOUND', `directory ${directoryId} does not exist`);
    await tx.query(`select pg_notify('cardbridge_directory', $1)`, [directoryId]);
    return { directory: toPrincipal(rows[0]), secretToken, overlapSeconds: rows[0].overlap };
  });
}

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

/**
 * The directory whose current (or still overlapping previous) Secret Token is `token`; null when none. The overlap
 * end is compared with the database's `now()`, so every instance agrees on it whatever its own clock says.
 */
export async function findDirectoryByToken(db: Queryable, token: string): Promise<TokenMatch | null> {
  const hash = hashToken(token);
  const rows = await run<DirectoryRow & { valid_for_ms: number | null }>(
    db,
    `${SELECT_PRINCIPAL_COLUMNS}, null::float8 as valid_for_ms from directory where token_hash = $1
     union all
     ${SELECT_PRINCIPAL_COLUMNS}, extract(epoch from previous_token_expires_at - now()) * 1000 as valid_for_ms from directory
       where previous_token_hash = $1 and previous_token_expires_at > now()
     limit 1`,
    [hash],
  );
  const row = rows[0];
  return row ? { directory: toPrincipal(row), validForMs: row.valid_for_ms === null ? null : Number(row.valid_for_ms) } : null;
}

/** A directory by id (null when missing or `id` is not a UUID). */
export async function findDirectory(db: Queryable, id: string): Promise<DirectoryPrincipal | null> {
  if (!isUuid(id)) return null;
  const rows = await run<DirectoryRow>(db, `${SELECT_PRINCIPAL} where id = $1`, [id]);
  return rows[0] ? toPrincipal(rows[0]) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
