import type { Pool } from 'pg';
import type { DeprovisionPolicy, DirectorySettings, MatchingAttribute } from '../entities/directory.entity.js';
import { DomainError } from '../errors.js';
import { refreshCardTemplates } from './card-templates.js';
import { isUuid } from './directories.service.js';
import {
  checkAssignmentTargets,
  checkWholeNumber,
  normalizeCustomSchemas,
  normalizeOAuth,
  type AssignmentAuthority,
  type CustomSchemaInput,
  type OAuthInput,
} from './directory-settings.js';
import { cardStatusFor } from './leavers.js';
import { changeMatchingAttribute } from './matching-attribute.js';
import { sealSecret } from './secret-box.js';
import { asDate, inTransaction, run, type Queryable } from '../../db/sql/run.js';

/** A directory as the card product's API reads it: settings without secrets, plus figures derived from events. */
export interface DirectoryView {
  id: string;
  organizationId: string;
  name: string;
  provider: string;
  status: 'active' | 'disabled';
  settings: DirectorySettings;
  hasPhotoClientSecret: boolean;
  /**
   * When the directory last sent a request its token authenticated, whatever the answer (never a background job of
   * cardbridge's own). Written debounced outside the request's transaction, so a few seconds behind at most.
   */
  lastSyncAt: Date | null;
  userCount: number;
  groupCount: number;
  createdAt: Date;
  updatedAt: Date;
}

interface DirectoryRow {
  id: string;
  organization_id: string;
  name: string;
  provider: string;
  status: 'active' | 'disabled';
  settings: DirectorySettings;
  has_photo_secret: boolean;
  last_sync_at: Date | string | null;
  user_count: number;
  group_count: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const SELECT = `select d.id, d.organization_id, d.name, d.provider, d.status, d.settings, d.photo_client_secret_enc is not null as has_photo_secret,
  d.last_request_at as last_sync_at,
  (select count(*) from app_user u where u.directory_id = d.id)::int as user_count,
  (select count(*) from scim_group g where g.directory_id = d.id)::int as group_count,
  d.created_at, d.updated_at from directory d`;

function toView(row: DirectoryRow): DirectoryView {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    provider: row.provider,
    status: row.status,
    settings: row.settings ?? {},
    hasPhotoClientSecret: row.has_photo_secret,
    lastSyncAt: row.last_sync_at === null ? null : asDate(row.last_sync_at),
    userCount: row.user_count,
    groupCount: row.group_count,
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}

export async function listDirectories(db: Queryable, organizationId: string): Promise<DirectoryView[]> {
  return (await run<DirectoryRow>(db, `${SELECT} where d.organization_id = $1 order by d.created_at, d.id`, [organizationId])).map(toView);
}

export async function findDirectoriesByIds(db: Queryable, organizationId: string, ids: readonly string[]): Promise<DirectoryView[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return (await run<DirectoryRow>(db, `${SELECT} where d.organization_id = $1 and d.id = any($2::uuid[])`, [organizationId, valid])).map(toView);
}

/** The directory when it belongs to the organization; NOT_FOUND otherwise (never "exists elsewhere"). */
export async function requireDirectoryOf(db: Queryable, organizationId: string, id: string): Promise<DirectoryView> {
  const [directory] = await findDirectoriesByIds(db, organizationId, [id]);
  if (!directory) throw new DomainError('NOT_FOUND', `directory ${id} not found`);
  return directory;
}

/** What an admin may change; omitted fields stay as they are. `photoSync.clientSecret` is write-only. */
export interface DirectorySettingsChange {
  name?: string;
  status?: 'active' | 'disabled';
  templateId?: string | null;
  invitesEnabled?: boolean;
  domainAssignment?: boolean;
  deprovisionPolicy?: DeprovisionPolicy;
  matchingAttribute?: MatchingAttribute;
  photoSync?: { enabled: boolean; tenantId: string; clientId: string; clientSecret?: string } | null;
  /** The whole list of custom extension schemas, replacing the stored one ([] removes them all). */
  customSchemas?: readonly CustomSchemaInput[];
  /** Entra-issued OAuth; null turns it off (and with it `refuseStaticToken`). */
  oauth?: OAuthInput | null;
  /** Default overlap of a rotation that names none; null: back to 0. */
  tokenOverlapSeconds?: number | null;
  /** SCIM requests per second (0 = no limit); null: back to SCIM_RATE_LIMIT_PER_SECOND. */
  rateLimitPerSecond?: number | null;
  /** The whole list of other organizations users may be assigned to by e-mail domain, and who vouches for them. */
  domainAssignmentTargets?: { organizationIds: readonly string[]; authority: AssignmentAuthority };
  /** null: back to the instance default; 0: no limit. */
  retentionDays?: number | null;
  retentionMaxEvents?: number | null;
}

/** Bounds of the retention settings (36,500 days: a century; a billion events per directory). */
export const RETENTION_LIMITS = { days: 36_500, maxEvents: 1_000_000_000 } as const;

function settingsPatch(change: DirectorySettingsChange): Partial<DirectorySettings> {
  const patch: Partial<DirectorySettings> = {};
  for (const key of ['templateId', 'invitesEnabled', 'domainAssignment', 'deprovisionPolicy', 'matchingAttribute', 'retentionDays', 'retentionMaxEvents'] as const) {
    if (change[key] !== undefined) (patch as Record<string, unknown>)[key] = change[key];
  }
  if (change.customSchemas !== undefined) patch.customSchemas = normalizeCustomSchemas(change.customSchemas);
  if (change.oauth !== undefined) patch.oauth = change.oauth && normalizeOAuth(change.oauth);
  if (change.tokenOverlapSeconds !== undefined) patch.tokenOverlapSeconds = change.tokenOverlapSeconds;
  if (change.rateLimitPerSecond !== undefined) patch.rateLimitPerSecond = change.rateLimitPerSecond;
  if (change.photoSync !== undefined) {
    patch.photoSync = change.photoSync && { enabled: change.photoSync.enabled, tenantId: change.photoSync.tenantId.trim(), clientId: change.photoSync.clientId.trim() };
  }
  return patch;
}

const DEPROVISION_POLICIES: readonly string[] = ['suspend', 'keepPublic'] satisfies DeprovisionPolicy[];

function validateChange(change: DirectorySettingsChange): void {
  if (change.deprovisionPolicy !== undefined && !DEPROVISION_POLICIES.includes(change.deprovisionPolicy)) {
    throw new DomainError('INVALID_INPUT', `deprovisionPolicy must be one of ${DEPROVISION_POLICIES.join(', ')}`, { field: 'deprovisionPolicy' });
  }
  for (const [field, max] of [['retentionDays', RETENTION_LIMITS.days], ['retentionMaxEvents', RETENTION_LIMITS.maxEvents]] as const) {
    const value = change[field];
    if (value !== undefined && value !== null && (!Number.isInteger(value) || value < 0 || value > max)) {
      throw new DomainError('INVALID_INPUT', `${field} must be a whole number from 0 (no limit) to ${max.toLocaleString('en-US')}, or null for the instance default`, { field });
    }
  }
  checkWholeNumber('tokenOverlapSeconds', change.tokenOverlapSeconds, 'seconds the previous token keeps working after a rotation');
  checkWholeNumber('rateLimitPerSecond', change.rateLimitPerSecond, 'SCIM requests per second, 0 = no limit');
  // Validated here so a bad schema or OAuth setting is refused before the transaction (settingsPatch stores them).
  if (change.customSchemas !== undefined) normalizeCustomSchemas(change.customSchemas);
  if (change.oauth) normalizeOAuth(change.oauth);
  if (change.name !== undefined && (!change.name.trim() || change.name.length > 200)) throw new DomainError('INVALID_INPUT', 'directory name must be 1–200 characters', { field: 'name' });
  const photo = change.photoSync;
  if (photo && (!/^[0-9a-zA-Z.-]{1,64}$/.test(photo.tenantId.trim()) || !/^[0-9a-zA-Z-]{1,64}$/.test(photo.clientId.trim()))) {
    throw new DomainError('INVALID_INPUT', 'photoSync needs the Entra tenant id and the application (client) id of the app that reads photos', { field: 'photoSync' });
  }
  if (photo?.clientSecret !== undefined && (photo.clientSecret.length < 8 || photo.clientSecret.length > 1000)) {
    throw new DomainError('INVALID_INPUT', 'photoSync.clientSecret must be 8–1000 characters', { field: 'photoSync.clientSecret' });
  }
}

/**
 * The new domain-assignment targets, checked against the stored ones under the directory's row lock (so two
 * changes cannot both pass against the same old list). The operator's targets must exist.
 */
async function assignmentTargets(tx: Queryable, organizationId: string, id: string, change: NonNullable<DirectorySettingsChange['domainAssignmentTargets']>): Promise<string[]> {
  const [row] = await run<{ settings: DirectorySettings }>(tx, 'select settings from directory where organization_id = $1 and id = $2 for update', [organizationId, id]);
  const targets = checkAssignmentTargets(organizationId, row?.settings.assignmentOrganizationIds ?? [], change.organizationIds, change.authority);
  if (change.authority === 'operator' && targets.length) {
    const found = new Set((await run<{ id: string }>(tx, 'select id from organization where id = any($1::uuid[])', [targets])).map((r) => r.id));
    const missing = targets.find((t) => !found.has(t));
    if (missing) throw new DomainError('NOT_FOUND', `organization ${missing} does not exist`, { field: 'domainAssignmentTargets' });
  }
  return targets;
}

/**
 * Changes a directory's settings in one transaction: the template must be the organization's; the photo-sync
 * client secret is sealed with ENCRYPTION_KEY (bound to the directory id) and never read back; a new default
 * template is applied to the directory's cards at once, and so is a new deprovisioning policy to the cards of its
 * deactivated users (suspended, or public again under `keepPublic`). Retention settings apply from the retention
 * job's next pass (PROVISIONING_LOG_PRUNE_CRON). A new matching attribute applies to the users already there
 * (matching-attribute.ts: refused with CONFLICT when they cannot satisfy it).
 */
export async function updateDirectorySettings(pool: Pool, organizationId: string, id: string, change: DirectorySettingsChange, encryptionKey: string | undefined): Promise<void> {
  validateChange(change);
  await requireDirectoryOf(pool, organizationId, id);
  const sealed = change.photoSync?.clientSecret === undefined ? undefined : sealSecret(encryptionKey, change.photoSync.clientSecret, id);
  await inTransaction(pool, async (tx) => {
    // First, before any row lock: it waits for users entering the directory and rewrites its users' keys.
    if (change.matchingAttribute !== undefined) await changeMatchingAttribute(tx, id, change.matchingAttribute);
    if (change.templateId) {
      const found = await run(tx, 'select 1 from template where organization_id = $1 and id = $2::uuid', [organizationId, isUuid(change.templateId) ? change.templateId : null]);
      if (!found.length) throw new DomainError('INVALID_INPUT', `template ${change.templateId} does not exist in this organization`, { field: 'templateId' });
    }
    const targets = change.domainAssignmentTargets && (await assignmentTargets(tx, organizationId, id, change.domainAssignmentTargets));
    await tx.query(
      `update directory set settings = settings || $3::jsonb, name = coalesce($4, name), status = coalesce($5, status),
         photo_client_secret_enc = case when $6 then null when $7::text is not null then $7 else photo_client_secret_enc end, updated_at = now()
       where organization_id = $1 and id = $2`,
      [organizationId, id, JSON.stringify({ ...settingsPatch(change), ...(targets && { assignmentOrganizationIds: targets }) }), change.name?.trim() ?? null, change.status ?? null, change.photoSync === null, sealed ?? null],
    );
    if (change.templateId !== undefined) await refreshCardTemplates(tx, { directoryId: id });
    // A new policy applies to the users already deactivated too, not only to the next deactivation.
    if (change.deprovisionPolicy !== undefined) {
      await tx.query(
        `update card c set status = $2, updated_at = now() from app_user u
          where u.id = c.user_id and u.directory_id = $1 and not u.active and c.status <> $2`,
        [id, cardStatusFor(false, change.deprovisionPolicy)],
      );
    }
    // Cached directory principals (token authentication) carry the settings: drop them on every instance.
    await tx.query(`select pg_notify('cardbridge_directory', $1)`, [id]);
  });
}

/**
 * Deletes a directory with its groups and provisioning log. Its users stay in the organization with their seats
 * and cards, as manually managed users; its Secret Token stops working on every instance at once.
 */
export async function deleteDirectory(pool: Pool, organizationId: string, id: string): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const rows = await run(tx, 'delete from directory where organization_id = $1 and id = $2::uuid returning id', [organizationId, isUuid(id) ? id : null]);
    if (!rows.length) throw new DomainError('NOT_FOUND', `directory ${id} not found`);
    await tx.query(`update app_user set origin = 'manual', updated_at = now() where organization_id = $1 and directory_id is null and origin = 'directory'`, [organizationId]);
    await tx.query(`select pg_notify('cardbridge_directory', $1)`, [id]);
  });
}
