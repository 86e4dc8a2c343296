import type { Pool } from 'pg';
import { isUuid } from '../ids.js';
import { execute, inTransaction, type Queryable } from '../../db/sql/run.js';
import { raw, sql, statement } from '../../db/sql/fragment.js';
import { userPhotos } from './cards.table.js';

/** Photos are fetched again after this long, so a changed photo in Entra reaches the card within a day. */
export const PHOTO_REFRESH_HOURS = 24;

/** What the photo job needs about one user. `clientSecretEnc` is opened only inside the job. */
export interface PhotoSyncTarget {
  userId: string;
  organizationId: string;
  directoryId: string;
  /** The id used in `/users/{id}`: see {@link graphUserId}. */
  graphUserId: string;
  tenantId: string;
  clientId: string;
  clientSecretEnc: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Graph id of a user: the Microsoft object id when sign-in recorded it; else `externalId` when it is a GUID
 * (a mapping of Entra's objectId to externalId); else `userName`, which Entra maps from userPrincipalName by
 * default (Graph accepts a UPN in `/users/{id}`).
 */
export function graphUserId(user: { microsoftOid: string | null; externalId: string | null; userName: string }): string {
  if (user.microsoftOid) return user.microsoftOid;
  if (user.externalId && GUID.test(user.externalId)) return user.externalId;
  return user.userName;
}

/** A directory that syncs photos: active, photo sync enabled and a client secret stored (over the directory `d`). */
const SYNCING = `d.status = 'active' and d.settings->'photoSync'->>'enabled' = 'true' and d.photo_client_secret_enc is not null`;

const SYNC_ENABLED = statement<{ directoryId: string }>((p) => sql`select 1 from directory d where d.id = ${p.directoryId} and ${raw(SYNCING)}`);

const SYNC_TARGET = statement<{ userId: string }>(
  (p) => sql`select u.id, u.organization_id as "organizationId", u.directory_id as "directoryId", u.user_name as "userName", u.external_id as "externalId",
      u.microsoft_oid as "microsoftOid", d.settings, d.photo_client_secret_enc as "clientSecretEnc"
    from app_user u join directory d on d.id = u.directory_id
    where u.id = ${p.userId} and u.active and ${raw(SYNCING)}`,
);

const SAVE_PHOTO = statement<{ userId: string; contentType: string; data: Buffer }>(
  (p) => sql`insert into ${raw(userPhotos.name)} (${raw(userPhotos.columnList(['userId', 'contentType', 'data', 'fetchedAt']))}) values (${p.userId}, ${p.contentType}, ${p.data}, now())
    on conflict (user_id) do update set content_type = excluded.content_type, data = excluded.data, fetched_at = excluded.fetched_at`,
);
const DELETE_PHOTO = statement<{ userId: string }>((p) => sql`delete from ${raw(userPhotos.name)} where user_id = ${p.userId}`);
const MARK_CHECKED = statement<{ userId: string }>((p) => sql`update app_user set photo_checked_at = now() where id = ${p.userId}`);

const DUE = statement<{ limit: number; hours: number }>(
  (p) => sql`select u.id from app_user u join directory d on d.id = u.directory_id
    where ${raw(SYNCING)} and u.active and (u.photo_checked_at is null or u.photo_checked_at < now() - make_interval(hours => ${p.hours}))
    order by u.photo_checked_at nulls first, u.id limit ${p.limit}`,
);

/** Whether a directory syncs photos (enabled and a secret stored). */
export async function isPhotoSyncEnabled(db: Queryable, directoryId: string): Promise<boolean> {
  const rows = await execute(db, SYNC_ENABLED, { directoryId });
  return rows.length > 0;
}

/** The user and their directory's credentials when the user's photo should be synced; null otherwise (also while the directory is in preview mode). */
export async function loadPhotoSyncTarget(db: Queryable, userId: string): Promise<PhotoSyncTarget | null> {
  if (!isUuid(userId)) return null;
  const [row] = await execute<unknown, { id: string; organizationId: string; directoryId: string; userName: string; externalId: string | null; microsoftOid: string | null; settings: { photoSync?: { tenantId: string; clientId: string } }; clientSecretEnc: string }>(db, SYNC_TARGET, { userId });
  const sync = row?.settings.photoSync;
  if (!row || !sync) return null;
  return {
    userId: row.id,
    organizationId: row.organizationId,
    directoryId: row.directoryId,
    graphUserId: graphUserId(row),
    tenantId: sync.tenantId,
    clientId: sync.clientId,
    clientSecretEnc: row.clientSecretEnc,
  };
}

/** Stores (or, with `photo: null`, removes) a user's photo and marks the sync done, in one transaction. */
export async function saveUserPhoto(pool: Pool, userId: string, photo: { contentType: string; data: Buffer } | null): Promise<void> {
  await inTransaction(pool, async (tx) => {
    if (photo) await execute(tx, SAVE_PHOTO, { userId, contentType: photo.contentType, data: photo.data });
    else await execute(tx, DELETE_PHOTO, { userId });
    await execute(tx, MARK_CHECKED, { userId });
  });
}

/** Marks a sync that gave up, so the sweep waits {@link PHOTO_REFRESH_HOURS} before trying the user again. */
export async function markPhotoChecked(db: Queryable, userId: string): Promise<void> {
  await execute(db, MARK_CHECKED, { userId });
}

/** Users of photo-syncing directories never synced or synced longer ago than the refresh period; none of a directory in preview mode. */
export async function usersDueForPhotoSync(db: Queryable, limit: number): Promise<string[]> {
  const rows = await execute<unknown, { id: string }>(db, DUE, { limit, hours: PHOTO_REFRESH_HOURS });
  return rows.map((r) => r.id);
}
