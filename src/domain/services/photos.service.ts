import type { Pool } from 'pg';
import { isUuid } from '../ids.js';
import { inTransaction, run, type Queryable } from '../../db/sql/run.js';

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

/** Whether a directory syncs photos (enabled and a secret stored). */
export async function isPhotoSyncEnabled(db: Queryable, directoryId: string): Promise<boolean> {
  const rows = await run(db, `select 1 from directory where id = $1 and status = 'active' and settings->'photoSync'->>'enabled' = 'true' and photo_client_secret_enc is not null`, [directoryId]);
  return rows.length > 0;
}

/** The user and their directory's credentials when the user's photo should be synced; null otherwise (also while the directory is in preview mode). */
export async function loadPhotoSyncTarget(db: Queryable, userId: string): Promise<PhotoSyncTarget | null> {
  if (!isUuid(userId)) return null;
  const [row] = await run<{ id: string; organization_id: string; directory_id: string; user_name: string; external_id: string | null; microsoft_oid: string | null; settings: { photoSync?: { tenantId: string; clientId: string } }; photo_client_secret_enc: string }>(
    db,
    `select u.id, u.organization_id, u.directory_id, u.user_name, u.external_id, u.microsoft_oid, d.settings, d.photo_client_secret_enc
     from app_user u join directory d on d.id = u.directory_id
     where u.id = $1 and u.active and d.status = 'active' and d.settings->'photoSync'->>'enabled' = 'true' and d.photo_client_secret_enc is not null
       and d.settings->>'mode' is distinct from 'preview'`,
    [userId],
  );
  const sync = row?.settings.photoSync;
  if (!row || !sync) return null;
  return {
    userId: row.id,
    organizationId: row.organization_id,
    directoryId: row.directory_id,
    graphUserId: graphUserId({ microsoftOid: row.microsoft_oid, externalId: row.external_id, userName: row.user_name }),
    tenantId: sync.tenantId,
    clientId: sync.clientId,
    clientSecretEnc: row.photo_client_secret_enc,
  };
}

/** Stores (or, with `photo: null`, removes) a user's photo and marks the sync done, in one transaction. */
export async function saveUserPhoto(pool: Pool, userId: string, photo: { contentType: string; data: Buffer } | null): Promise<void> {
  await inTransaction(pool, async (tx) => {
    if (photo) {
      await tx.query(
        `insert into user_photo (user_id, content_type, data, fetched_at) values ($1, $2, $3, now())
         on conflict (user_id) do update set content_type = excluded.content_type, data = excluded.data, fetched_at = excluded.fetched_at`,
        [userId, photo.contentType, photo.data],
      );
    } else {
      await tx.query('delete from user_photo where user_id = $1', [userId]);
    }
    await tx.query('update app_user set photo_checked_at = now() where id = $1', [userId]);
  });
}

/** Marks a sync that gave up, so the sweep waits {@link PHOTO_REFRESH_HOURS} before trying the user again. */
export async function markPhotoChecked(db: Queryable, userId: string): Promise<void> {
  await run(db, 'update app_user set photo_checked_at = now() where id = $1', [userId]);
}

/** Users of photo-syncing directories never synced or synced longer ago than the refresh period; none of a directory in preview mode. */
export async function usersDueForPhotoSync(db: Queryable, limit: number): Promise<string[]> {
  const rows = await run<{ id: string }>(
    db,
    `select u.id from app_user u join directory d on d.id = u.directory_id
     where d.status = 'active' and d.settings->'photoSync'->>'enabled' = 'true' and d.photo_client_secret_enc is not null and u.active
       and d.settings->>'mode' is distinct from 'preview'
       and (u.photo_checked_at is null or u.photo_checked_at < now() - make_interval(hours => $2))
     order by u.photo_checked_at nulls first, u.id limit $1`,
    [limit, PHOTO_REFRESH_HOURS],
  );
  return rows.map((r) => r.id);
}
