/**
 * The users of a directory in preview mode (issue 13, item 4): stored and read back exactly as in live mode, but a
 * create claims no seat and makes no card — the card it would get is kept in `preview_card` — and an update moves
 * that would-be card instead of a real one. Each is one statement, as the live paths are: a preview flag in the
 * principal picks these statements instead of the live ones, so the live hot path is unchanged.
 *
 * Both take the directory's row with FOR KEY SHARE (which only a FOR UPDATE blocks) and check its mode in the
 * statement: going live holds the row FOR UPDATE, so a request that races it waits, then sees the directory live and
 * is served by the live statement (a cached principal may still say preview for a moment).
 */
import { raw, sql, statement, type Params } from '../../db/sql/fragment.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { previewCards } from '../directories/preview.table.js';
import type { WriteEventParams } from '../provisioning-log/write-events.js';
import { linkedUserSet, userEvent, userUpdate, userValues, type UserCreateWrite, type UserUpdateWrite } from './user-writes.js';
import { recordColumns, recordReturning, users, WRITTEN } from './users.table.js';


/** The directory's row, shared-locked, when it is still in preview. */
const previewing = (directoryId: unknown) => sql`select id from directory where id = ${directoryId} and settings ->> 'mode' = 'preview' for key share`;

export type PreviewCreateParams = UserCreateWrite;

/**
 * A create in preview, one statement: a manually invited user with the same e-mail is linked (rule 4, its seat and
 * card left as they are), else the user is inserted; either way its would-be card is stored, with the event. No
 * invite status changes: the invite, if any, is queued at go-live.
 */
function previewCreateStatement(withEvent: boolean) {
  return statement<PreviewCreateParams & Partial<WriteEventParams>>(
    (p) => sql`with previewing as (${previewing(p.directoryId)}),
  manual as (
    select id from ${raw(users.name)} where organization_id = ${p.organizationId} and directory_id is null and origin = 'manual'
      and ${p.email}::text is not null and lower(email) = ${p.email} and exists (select 1 from previewing) limit 1 for update),
  linked as (
    update ${raw(users.name)} set directory_id = ${p.directoryId}, ${linkedUserSet(p)}, version = version + 1, updated_at = now()
    where id = (select id from manual)
    returning ${recordReturning.fragment}, true as "linked"),
  inserted as (
    insert into ${raw(users.name)} (${raw(users.columnList(['organizationId', 'directoryId', 'origin', ...WRITTEN, 'inviteStatus']))})
    select ${p.organizationId}, ${p.directoryId}, 'directory', ${userValues(p)}, 'none'
    from previewing where not exists (select 1 from manual)
    returning ${recordReturning.fragment}, false as "linked"),
  written as (select * from linked union all select * from inserted),
  would_be as (
    insert into ${raw(previewCards.name)} (${raw(previewCards.columnList(['userId', 'directoryId', 'fields']))})
    select w.id, w."directoryId", ${p.cardFields} from written w
    on conflict (user_id) do update set directory_id = excluded.directory_id, fields = excluded.fields, updated_at = now())${withEvent ? sql`,
  event as (${userEvent(p as Params<WriteEventParams>, 'written', 'w')})` : raw('')}
  select exists (select 1 from previewing) as "previewing", w.* from (values (1)) as one left join written w on true`,
  );
}
const CREATE = previewCreateStatement(false);
const CREATE_WITH_EVENT = previewCreateStatement(true);

export interface PreviewUpdateParams extends UserUpdateWrite {
  directoryId: string;
}

/**
 * An update in preview, one statement: the user row (only at the version read) and its would-be card, with the
 * event — only while the directory is still in preview. When it went live meanwhile (the principal was read before,
 * or a go-live held the row), nothing is written and `preview` is false: the live statement then runs, with a
 * snapshot that sees the cards going live made (this statement's snapshot may predate them).
 */
function previewUpdateStatement(withEvent: boolean) {
  return statement<PreviewUpdateParams & Partial<WriteEventParams>>(
    (p) => sql`with mode as (select exists (${previewing(p.directoryId)}) as preview),
  updated as (
    ${userUpdate(p)}
    where u.id = ${p.id} and u.version = ${p.version} and (select preview from mode)
    returning ${recordColumns.fragment}),
  would_be as (
    update ${raw(previewCards.from)} set fields = ${p.cardFields}, updated_at = now() where pc.user_id = (select id from updated))${withEvent ? sql`,
  event as (${userEvent(p as Params<WriteEventParams>, 'updated', 'u')})` : raw('')}
  select m.preview as "previewing", u.* from mode m left join updated u on true`,
  );
}
const UPDATE = previewUpdateStatement(false);
const UPDATE_WITH_EVENT = previewUpdateStatement(true);

/** Creates (or links) a user of a directory in preview; null when the directory is live by now (use the live create). */
export async function createInPreview(db: Queryable, params: PreviewCreateParams, event: WriteEventParams | undefined): Promise<{ row: Record<string, unknown>; linked: boolean } | null> {
  const [row] = event ? await execute(db, CREATE_WITH_EVENT, { ...params, ...event }, { prepare: true }) : await execute(db, CREATE, params, { prepare: true });
  const { previewing: inPreview, linked, ...user } = row as Record<string, unknown> & { previewing: boolean; linked: boolean | null };
  return inPreview ? { row: user, linked: linked === true } : null;
}

/**
 * Updates a user of a directory in preview at the version read (no row: that version is gone, retry); when the
 * directory is live by now, runs `live` (the live statement) instead and says so.
 */
export async function updateInPreview<R>(db: Queryable, params: PreviewUpdateParams, event: WriteEventParams | undefined, live: () => Promise<R[]>): Promise<{ rows: (R | Record<string, unknown>)[]; preview: boolean }> {
  const [row] = event ? await execute(db, UPDATE_WITH_EVENT, { ...params, ...event }, { prepare: true }) : await execute(db, UPDATE, params, { prepare: true });
  const { previewing, ...user } = row as Record<string, unknown> & { previewing: boolean };
  if (!previewing) return { rows: await live(), preview: false };
  return { rows: user.id ? [user] : [], preview: true };
}

/** A preview user's would-be card, dropped when the directory lets a manually invited user go (the account stays). */
export const DELETE_PREVIEW_CARD = statement<{ userId: string }>((p) => sql`delete from ${raw(previewCards.name)} where user_id = ${p.userId}`);
