/**
 * What a directory in preview mode would do when it goes live (issue 13, item 4), and the seat forecast of a
 * directory or organization. Reads only; computed from what is stored (users, groups, preview cards, seats), so it
 * always reflects the current group rules, templates and settings.
 */
import { execute, type Queryable } from '../../db/sql/run.js';
import { sql, statement } from '../../db/sql/fragment.js';
import { fetchKeysetPage, type KeysetPage, type KeysetPosition } from '../../db/sql/keyset.js';
import type { CardStatus } from '../cards/card.entity.js';
import type { DirectorySettings } from './directory.entity.js';
import { pickTemplates } from '../cards/card-templates.js';
import { cardStatusFor } from '../cards/card.rules.js';
import { seatForecastFor, type SeatForecast } from '../seats/seat-forecast.rules.js';
import { directoryModeOf, type DirectoryMode } from './preview.rules.js';

/** The directory a preview or forecast is about. */
export interface PreviewDirectory {
  id: string;
  organizationId: string;
  settings: Readonly<DirectorySettings>;
}

/** What going live would do, in figures. */
export interface PreviewPlan {
  mode: DirectoryMode;
  /** Users of the directory (active or not) and how many of them are active. */
  userCount: number;
  activeUserCount: number;
  groupCount: number;
  /** Users who would get a card (every user without one; deactivated users' cards start suspended). */
  cardsToCreate: number;
  suspendedCards: number;
  /** Users who would claim a seat in the directory's organization, and in other organizations (domain assignment). */
  seatsNeeded: number;
  seatsNeededElsewhere: number;
  /** Invite e-mails that would be queued (invites on, an e-mail address, never invited). */
  invitesToSend: number;
  /** How many users would get each template (null: no template in the organization). */
  templates: { templateId: string | null; users: number }[];
  /** The seat forecast of the directory's organization with these seats needed. */
  seatForecast: SeatForecast;
}

/** One user of the plan: the would-be template, seat, card and invite. */
export interface PreviewUserRow {
  id: string;
  userName: string;
  displayName: string | null;
  email: string | null;
  active: boolean;
  organizationId: string;
  templateId: string | null;
  needsSeat: boolean;
  createsCard: boolean;
  cardStatus: CardStatus;
  sendsInvite: boolean;
}

interface PlanParams {
  directoryId: string;
  organizationId: string;
  invites: boolean;
}
type PlanRow = Omit<PreviewPlan, 'mode' | 'seatForecast' | 'templates'> & { seatLimit: number; seatsUsed: number };

const PLAN = statement<PlanParams>(
  (p) => sql`with du as (
      select u.id, u.organization_id, u.active, u.email, u.invite_status,
             exists (select 1 from seat s where s.user_id = u.id) as has_seat,
             exists (select 1 from card c where c.user_id = u.id) as has_card
      from app_user u where u.directory_id = ${p.directoryId})
    select (select count(*) from du)::int as "userCount",
           (select count(*) from du where active)::int as "activeUserCount",
           (select count(*) from scim_group g where g.directory_id = ${p.directoryId})::int as "groupCount",
           (select count(*) from du where not has_card)::int as "cardsToCreate",
           (select count(*) from du where not has_card and not active)::int as "suspendedCards",
           (select count(*) from du where not has_seat and organization_id = ${p.organizationId})::int as "seatsNeeded",
           (select count(*) from du where not has_seat and organization_id <> ${p.organizationId})::int as "seatsNeededElsewhere",
           (select count(*) from du where ${p.invites} and email is not null and invite_status = 'none')::int as "invitesToSend",
           (select count(*) from seat where organization_id = ${p.organizationId})::int as "seatLimit",
           (select count(user_id) from seat where organization_id = ${p.organizationId})::int as "seatsUsed"`,
);

/**
 * The plan of a directory: what going live would do now. For a live directory every figure is what is left to do
 * (usually nothing). Two statements: the figures, and the template candidates of the users without a card, whose
 * templates templateFor picks (the same picks goLiveDirectory writes), counted here.
 */
export async function previewPlan(db: Queryable, directory: PreviewDirectory): Promise<PreviewPlan> {
  const [row] = await execute<PlanParams, PlanRow>(db, PLAN, {
    directoryId: directory.id,
    organizationId: directory.organizationId,
    invites: directory.settings.invitesEnabled === true,
  });
  const picks = await pickTemplates(db, { directoryId: directory.id }, 'withoutCard');
  const { seatLimit, seatsUsed, ...plan } = row!;
  return { ...plan, templates: templateCounts(picks), mode: directoryModeOf(directory.settings), seatForecast: seatForecastFor({ limit: seatLimit, used: seatsUsed, needed: plan.seatsNeeded }) };
}

/** How many users get each template, most used first, then by template id (no template last). */
function templateCounts(picks: readonly { templateId: string | null }[]): PreviewPlan['templates'] {
  const counts = new Map<string | null, number>();
  for (const { templateId } of picks) counts.set(templateId, (counts.get(templateId) ?? 0) + 1);
  const byId = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  return [...counts].map(([templateId, users]) => ({ templateId, users })).sort((a, b) => b.users - a.users || byId(a.templateId, b.templateId));
}

/**
 * A page of the directory's users with what going live would give each, oldest first (keyset on created_at, id):
 * the page, then the template candidates of its users, whose templates templateFor picks.
 */
export async function previewUsersPage(db: Queryable, directory: PreviewDirectory, page: { first: number; after?: KeysetPosition }): Promise<KeysetPage<PreviewUserRow>> {
  const invites = directory.settings.invitesEnabled === true;
  const result = await fetchKeysetPage<Omit<PreviewUserRow, 'cardStatus' | 'templateId'>>(db, {
    columns: `u.id as "id", u.user_name as "userName", u.display_name as "displayName", u.email as "email", u.active as "active",
      u.organization_id as "organizationId",
      not exists (select 1 from seat s where s.user_id = u.id) as "needsSeat",
      not exists (select 1 from card c where c.user_id = u.id) as "createsCard",
      (${invites ? 'true' : 'false'} and u.email is not null and u.invite_status = 'none') as "sendsInvite"`,
    from: 'app_user u',
    where: sql`u.directory_id = ${directory.id}`,
    order: { expression: 'u.created_at', keyType: 'timestamptz', idColumn: 'u.id', idType: 'uuid', direction: 'asc' },
    first: page.first,
    after: page.after,
  });
  const picks = result.rows.length ? await pickTemplates(db, { userIds: result.rows.map((row) => row.id) }) : [];
  const templateOf = new Map(picks.map((pick) => [pick.userId, pick.templateId]));
  const policy = directory.settings.deprovisionPolicy;
  return { ...result, rows: result.rows.map((row) => ({ ...row, templateId: templateOf.get(row.id) ?? null, cardStatus: cardStatusFor(row.active, policy) })) };
}

const SEATS = statement<{ organizationId: string; directoryId: string | null }>(
  (p) => sql`select (select count(*) from seat where organization_id = ${p.organizationId})::int as "limit",
      (select count(user_id) from seat where organization_id = ${p.organizationId})::int as used,
      (select count(*) from app_user u join directory d on d.id = u.directory_id
        where u.organization_id = ${p.organizationId} and d.settings ->> 'mode' = 'preview'
          and (${p.directoryId}::uuid is null or d.id = ${p.directoryId}::uuid)
          and not exists (select 1 from seat s where s.user_id = u.id))::int as needed`,
);

/**
 * The seat forecast of an organization: its limit, the seats in use, and the seats its users in preview
 * directories would claim on going live (only those of `directoryId` when given). A live directory's users hold
 * their seats already, so for it the forecast warns while creates still succeed: `low` once fewer free seats than
 * the warning margin are left.
 */
export async function seatForecast(db: Queryable, organizationId: string, directoryId?: string): Promise<SeatForecast> {
  const [row] = await execute<{ organizationId: string; directoryId: string | null }, { limit: number; used: number; needed: number }>(db, SEATS, { organizationId, directoryId: directoryId ?? null });
  return seatForecastFor(row!);
}
