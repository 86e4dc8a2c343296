import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { Directory, type DirectorySettings } from './directory.entity.js';
import { DomainError } from '../errors.js';
import { isUuid } from '../ids.js';
import { generateSecretToken, hashToken } from '../tokens.js';
import { ensureOrganization } from '../organizations/organizations.service.js';
import type { OrganizationSummary } from '../organizations/organization.table.js';
import { refreshCardTemplates } from '../cards/card-templates.js';
import { cardStatusFor } from '../cards/card.rules.js';
import { execute, inTransaction, type Queryable } from '../../db/sql/run.js';
import { raw, sql, statement } from '../../db/sql/fragment.js';
import { inUnitOfWork } from '../../db/sql/unit-of-work.js';
import { checkAssignmentTargets, checkRotationOverlap, initialSettings, newDirectoryName, settingsPatch, validateSettingsChange, type DirectorySettingsChange } from './directory.rules.js';
import { directories, principalColumns, principalOf, type DirectoryPrincipal } from './directory.table.js';
import { changeMatchingAttribute } from './matching-attribute.js';
import { sealSecret } from './secret-box.js';
import { checkModeChange, directoryModeOf, isPreview } from './preview.rules.js';

export interface CreatedDirectory {
  directory: DirectoryPrincipal;
  organization: OrganizationSummary;
  /** Shown once; only its hash is stored. */
  secretToken: string;
}

/** The principal of a directory entity (what a Secret Token authenticates as). */
function principalOfEntity(d: Directory, organizationName: string): DirectoryPrincipal {
  return principalOf({ id: d.id, organizationId: d.organizationId, organizationName, name: d.name, provider: d.provider, status: d.status, settings: d.settings });
}

/**
 * Creates the organization when it is missing, then the directory with a fresh Secret Token, in one unit of work
 * (nothing half-written: no organization without the directory asked for).
 */
export async function createDirectory(
  em: EntityManager,
  input: { orgSlug: string; orgName?: string; name: string; provider: string; seatLimit?: number; settings?: DirectorySettings },
): Promise<CreatedDirectory> {
  const name = newDirectoryName(input.name, input.provider);
  const secretToken = generateSecretToken();
  return await inUnitOfWork(em, async (work, tx) => {
    const { organization } = await ensureOrganization(tx, { slug: input.orgSlug, name: input.orgName, seatLimit: input.seatLimit });
    const directory = work.create(Directory, {
      organizationId: organization.id,
      name,
      provider: input.provider,
      status: 'active',
      tokenHash: hashToken(secretToken),
      settings: initialSettings(input.settings),
    });
    await work.flush();
    return { directory: principalOfEntity(directory, organization.name), organization, secretToken };
  });
}

/** Drops the cached principals (token authentication carries the settings) of a directory on every instance. */
const notifyDirectory = statement<{ id: string }>((p) => sql`select pg_notify('cardbridge_directory', ${p.id})`);

// The setting is read in the same statement that rotates, so a concurrent settings change applies wholly or not.
// A stored value outside 0…7 days (written by hand) is clamped rather than refused.
const rotate = statement<{ id: string; tokenHash: Buffer; overlap: number | null }>(
  (p) => sql`with chosen as (
         select id, least(greatest(coalesce(${p.overlap}::int, case when jsonb_typeof(settings -> 'tokenOverlapSeconds') = 'number'
                  then floor((settings ->> 'tokenOverlapSeconds')::numeric)::int end, 0), 0), 604800) as overlap
         from directory where id = ${p.id} for update)
       update ${raw(directories.from)} set
         previous_token_hash = case when c.overlap > 0 then d.token_hash else null end,
         previous_token_expires_at = case when c.overlap > 0 then now() + make_interval(secs => c.overlap) else null end,
         token_hash = ${p.tokenHash}, updated_at = now()
       from chosen c where d.id = c.id
       returning ${principalColumns.fragment}, c.overlap as "overlapSeconds"`,
);

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
  checkRotationOverlap(overlapSeconds);
  if (!isUuid(directoryId)) throw new DomainError('NOT_FOUND', `directory ${directoryId} does not exist`);
  const secretToken = generateSecretToken();
  return await inTransaction(pool, async (tx) => {
    const [row] = await execute<unknown, Record<string, unknown> & { overlapSeconds: number }>(tx, rotate, { id: directoryId, tokenHash: hashToken(secretToken), overlap: overlapSeconds ?? null });
    if (!row) throw new DomainError('NOT_FOUND', `directory ${directoryId} does not exist`);
    await execute(tx, notifyDirectory, { id: directoryId });
    const { overlapSeconds: applied, ...principal } = row;
    return { directory: principalOf(principal), secretToken, overlapSeconds: applied };
  });
}

const lockedSettings = statement<{ organizationId: string; id: string }>(
  (p) => sql`select ${raw(directories.col('settings'))} as settings from ${raw(directories.from)} where ${raw(directories.col('organizationId'))} = ${p.organizationId} and ${raw(directories.col('id'))} = ${p.id} for update`,
);
const existingOrganizations = statement<{ ids: string[] }>((p) => sql`select id from organization where id = any(${p.ids}::uuid[])`);

/**
 * The new domain-assignment targets, checked against the stored ones under the directory's row lock (so two
 * changes cannot both pass against the same old list). The operator's targets must exist.
 */
async function assignmentTargets(tx: Queryable, organizationId: string, id: string, change: NonNullable<DirectorySettingsChange['domainAssignmentTargets']>): Promise<string[]> {
  const [row] = await execute<unknown, { settings: DirectorySettings }>(tx, lockedSettings, { organizationId, id });
  const targets = checkAssignmentTargets(organizationId, row?.settings.assignmentOrganizationIds ?? [], change.organizationIds, change.authority);
  if (change.authority === 'operator' && targets.length) {
    const found = new Set((await execute<unknown, { id: string }>(tx, existingOrganizations, { ids: targets })).map((r) => r.id));
    const missing = targets.find((t) => !found.has(t));
    if (missing) throw new DomainError('NOT_FOUND', `organization ${missing} does not exist`, { field: 'domainAssignmentTargets' });
  }
  return targets;
}

const templateOfOrganization = statement<{ organizationId: string; id: string | null }>((p) => sql`select 1 from template where organization_id = ${p.organizationId} and id = ${p.id}::uuid`);

const lockDirectory = statement<{ organizationId: string; id: string }>(
  (p) => sql`select id from directory where organization_id = ${p.organizationId} and id = ${p.id} for no key update`,
);

const applyPolicyToLeavers = statement<{ directoryId: string; status: string }>(
  (p) => sql`update card c set status = ${p.status}, updated_at = now() from app_user u
          where u.id = c.user_id and u.directory_id = ${p.directoryId} and not u.active and c.status <> ${p.status}`,
);

/**
 * Changes a directory's settings in one transaction: the template must be the organization's; the photo-sync
 * client secret is sealed with ENCRYPTION_KEY (bound to the directory id) and never read back; a new default
 * template is applied to the directory's cards at once, and so is a new deprovisioning policy to the cards of its
 * deactivated users (suspended, or public again under `keepPublic`). Retention settings apply from the retention
 * job's next pass (PROVISIONING_LOG_PRUNE_CRON). A new matching attribute applies to the users already there
 * (matching-attribute.ts: refused with CONFLICT when they cannot satisfy it).
 */
export async function updateDirectorySettings(em: EntityManager, organizationId: string, id: string, change: DirectorySettingsChange, encryptionKey: string | undefined): Promise<void> {
  validateSettingsChange(change);
  if (!isUuid(id)) throw new DomainError('NOT_FOUND', `directory ${id} not found`);
  const sealed = change.photoSync?.clientSecret === undefined ? undefined : sealSecret(encryptionKey, change.photoSync.clientSecret, id);
  await inUnitOfWork(em, async (work, tx) => {
    if (!(await work.count(Directory, { id, organizationId }))) throw new DomainError('NOT_FOUND', `directory ${id} not found`);
    // First, before any row lock: it waits for users entering the directory and rewrites its users' keys.
    if (change.matchingAttribute !== undefined) await changeMatchingAttribute(tx, id, change.matchingAttribute);
    if (change.templateId) {
      const found = await execute(tx, templateOfOrganization, { organizationId, id: isUuid(change.templateId) ? change.templateId : null });
      if (!found.length) throw new DomainError('INVALID_INPUT', `template ${change.templateId} does not exist in this organization`, { field: 'templateId' });
    }
    const targets = change.domainAssignmentTargets && (await assignmentTargets(tx, organizationId, id, change.domainAssignmentTargets));
    // The settings are read under the row lock, then changed: concurrent changes apply one after the other.
    await execute(tx, lockDirectory, { organizationId, id });
    const directory = await work.findOneOrFail(Directory, { id, organizationId });
    if (change.mode !== undefined) checkModeChange(directoryModeOf(directory.settings), change.mode, (await execute<{ directoryId: string }, { users: number }>(tx, countUsers, { directoryId: id }))[0]!.users);
    directory.settings = { ...directory.settings, ...settingsPatch(change), ...(targets && { assignmentOrganizationIds: targets }) };
    if (change.name !== undefined) directory.name = change.name.trim();
    if (change.status !== undefined) directory.status = change.status;
    if (change.photoSync === null) directory.photoClientSecretEnc = null;
    else if (sealed !== undefined) directory.photoClientSecretEnc = sealed;
    // The one flush, before the statements that read the new settings (the cards' template, the leaver policy).
    await work.flush();
    if (change.templateId !== undefined) await refreshCardTemplates(tx, { directoryId: id });
    // A new policy applies to the users already deactivated too, not only to the next deactivation.
    if (change.deprovisionPolicy !== undefined) await execute(tx, applyPolicyToLeavers, { directoryId: id, status: cardStatusFor(false, change.deprovisionPolicy) });
    await execute(tx, notifyDirectory, { id });
  });
}

const countUsers = statement<{ directoryId: string }>((p) => sql`select count(*)::int as users from app_user where directory_id = ${p.directoryId}`);

const deletePreviewUsers = statement<{ directoryId: string }>(
  (p) => sql`delete from app_user where directory_id = ${p.directoryId} and origin = 'directory'`,
);

const keepUsersAsManual = statement<{ organizationId: string }>(
  (p) => sql`update app_user set origin = 'manual', updated_at = now() where organization_id = ${p.organizationId} and directory_id is null and origin = 'directory'`,
);

/**
 * Deletes a directory with its groups and provisioning log, in one unit of work. Its users stay in the
 * organization with their seats and cards, as manually managed users — except under preview mode, where they never
 * had either and are deleted with it; its Secret Token stops working on every instance at once.
 */
export async function deleteDirectory(em: EntityManager, organizationId: string, id: string): Promise<void> {
  if (!isUuid(id)) throw new DomainError('NOT_FOUND', `directory ${id} not found`);
  await inUnitOfWork(em, async (work, tx) => {
    const directory = await work.findOne(Directory, { id, organizationId });
    if (!directory) throw new DomainError('NOT_FOUND', `directory ${id} not found`);
    // A directory in preview never gave its users a seat or card: they go with it (linked manual users stay).
    if (isPreview(directory.settings)) await execute(tx, deletePreviewUsers, { directoryId: id });
    work.remove(directory);
    await work.flush();
    await execute(tx, keepUsersAsManual, { organizationId });
    await execute(tx, notifyDirectory, { id });
  });
}
