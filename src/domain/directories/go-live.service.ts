/**
 * Going live (issue 13, item 4): a directory in preview mode applies what it stored — every user claims a licence
 * seat in its organization, gets its card (fields as the directory sent them, the template its groups, the
 * directory or the organization give it, suspended when the user is deactivated), invites are queued where the
 * directory has them on — and the directory becomes live, all in one transaction. Seats that do not suffice refuse
 * the whole step (SEAT_LIMIT_REACHED with the numbers), nothing written.
 *
 * A deactivated user needs a seat too: in live mode a deactivated user keeps seat and (suspended) card until the
 * directory deletes it, so going live gives the same state the live cycle would have made.
 */
import type { Pool } from 'pg';
import { execute, inTransaction, type Queryable } from '../../db/sql/run.js';
import { sql, statement } from '../../db/sql/fragment.js';
import type { CardFields, CardStatus } from '../cards/card.entity.js';
import { DomainError } from '../errors.js';
import type { DomainEvents } from '../events.js';
import { isUuid } from '../ids.js';
import { pickTemplates } from '../cards/card-templates.js';
import { cardStatusFor } from '../cards/card.rules.js';
import { generateCardSlug } from '../tokens.js';
import type { DirectorySettings } from './directory.entity.js';
import { isPreview } from './preview.rules.js';

export interface GoLiveDeps {
  pool: Pool;
  events: DomainEvents;
}

/** What going live did. */
export interface GoLiveResult {
  directoryId: string;
  /** Seats claimed for the directory's users (in every organization they belong to). */
  seatsClaimed: number;
  cardsCreated: number;
  /** Cards that existed already (manually invited users the directory matched) and now carry the directory's fields. */
  cardsUpdated: number;
  invitesQueued: number;
}

/** Cards inserted per statement (a 100,000-user directory goes live in 20 statements). */
const CARD_BATCH = 5000;

const LOCK_DIRECTORY = statement<{ directoryId: string; organizationId: string | null }>(
  (p) => sql`select id, organization_id as "organizationId", settings from directory
    where id = ${p.directoryId} and (${p.organizationId}::uuid is null or organization_id = ${p.organizationId}::uuid) for update`,
);

/** Seats the directory's users still need, per organization, with that organization's free seats and limit. */
const SEATS_NEEDED = statement<{ directoryId: string }>(
  (p) => sql`select n.organization_id as "organizationId", n.needed,
      (select count(*) from seat s where s.organization_id = n.organization_id and s.user_id is null)::int as available,
      (select count(*) from seat s where s.organization_id = n.organization_id)::int as "limit"
    from (select u.organization_id, count(*)::int as needed from app_user u
          where u.directory_id = ${p.directoryId} and not exists (select 1 from seat s where s.user_id = u.id)
          group by u.organization_id) n
    order by n.organization_id`,
);

/**
 * Pairs the users without a seat (oldest first) with free seats of their organization, and claims them. The pairs
 * come from two ordered arrays unnested side by side, so each seat is updated through its primary key whatever the
 * planner thinks of the tables' sizes (a go-live often follows the initial cycle before statistics catch up).
 */
const CLAIM_SEATS = statement<{ directoryId: string; organizationId: string; needed: number }>(
  (p) => sql`with need as (
      select coalesce(array_agg(u.id order by u.created_at, u.id), '{}') as ids from app_user u
      where u.directory_id = ${p.directoryId} and u.organization_id = ${p.organizationId} and not exists (select 1 from seat s where s.user_id = u.id)),
    free as (
      select coalesce(array_agg(f.id order by f.id), '{}') as ids
      from (select id from seat where organization_id = ${p.organizationId} and user_id is null order by id limit ${p.needed} for update skip locked) f),
    pairs as (
      select pair.seat_id, pair.user_id from need, free, unnest(free.ids, need.ids) as pair(seat_id, user_id)
      where pair.seat_id is not null and pair.user_id is not null)
    update seat s set user_id = pairs.user_id, claimed_at = now() from pairs where s.id = pairs.seat_id
    returning s.id`,
);

/**
 * The directory's users and what their card is made from: the fields the preview stored (card.rules.ts'
 * `cardFieldsFor` at the time of the directory's last write, `company` included), for users without a card and for
 * linked users whose card takes the directory's fields now.
 */
const CARD_SOURCES = statement<{ directoryId: string }>(
  (p) => sql`select u.id as "userId", u.organization_id as "organizationId", u.active,
      coalesce(pc.fields, '{}'::jsonb) as fields, c.id as "cardId"
    from app_user u left join preview_card pc on pc.user_id = u.id left join card c on c.user_id = u.id
    where u.directory_id = ${p.directoryId} and (c.id is null or pc.user_id is not null)
    order by u.created_at, u.id`,
);

/** Cards from a recordset of values: each row's template is the one templateFor picked (pickTemplates). */
const INSERT_CARDS = statement<{ cards: string }>(
  (p) => sql`insert into card (organization_id, user_id, template_id, slug, status, fields)
    select r.organization_id, r.user_id, r.template_id, r.slug, r.status, r.fields
    from json_to_recordset(${p.cards}::json) as r(organization_id uuid, user_id uuid, template_id uuid, slug text, status text, fields jsonb)
    returning id as "cardId", user_id as "userId", organization_id as "organizationId"`,
);

const UPDATE_CARDS = statement<{ cards: string }>(
  (p) => sql`update card c set fields = r.fields, status = r.status, template_id = r.template_id, updated_at = now()
    from json_to_recordset(${p.cards}::json) as r(card_id uuid, template_id uuid, status text, fields jsonb) where c.id = r.card_id`,
);

const QUEUE_INVITES = statement<{ directoryId: string }>(
  (p) => sql`update app_user set invite_status = 'pending', invite_failed_at = null
    where directory_id = ${p.directoryId} and email is not null and invite_status = 'none'
    returning id, organization_id as "organizationId"`,
);

const FINISH = statement<{ directoryId: string }>(
  (p) => sql`with cleared as (delete from preview_card where directory_id = ${p.directoryId})
    update directory set settings = settings || '{"mode":"live"}'::jsonb, updated_at = now() where id = ${p.directoryId}`,
);

const NOTIFY = statement<{ directoryId: string }>((p) => sql`select pg_notify('cardbridge_directory', ${p.directoryId})`);

interface CardSource {
  userId: string;
  organizationId: string;
  active: boolean;
  fields: CardFields;
  cardId: string | null;
}

/**
 * Applies a preview directory's stored plan and makes it live (see the module comment). `organizationId` scopes the
 * directory to the caller's organization (GraphQL); null: any directory (the CLI's operator). NOT_FOUND for a
 * directory outside the scope, CONFLICT when it is live already, SEAT_LIMIT_REACHED when an organization has fewer
 * free seats than its users need. Domain events (user provisioned, card created, invites requested) go out after
 * the commit, so invites and photo sync start as for users provisioned live.
 */
export async function goLiveDirectory(deps: GoLiveDeps, organizationId: string | null, directoryId: string): Promise<GoLiveResult> {
  if (!isUuid(directoryId)) throw new DomainError('NOT_FOUND', `directory ${directoryId} not found`);
  const outcome = await inTransaction(deps.pool, async (tx) => {
    // The directory's row lock: a preview create or update waits for it (FOR KEY SHARE) and then sees the directory live.
    const [directory] = await execute<{ directoryId: string; organizationId: string | null }, { id: string; organizationId: string; settings: DirectorySettings }>(tx, LOCK_DIRECTORY, { directoryId, organizationId });
    if (!directory) throw new DomainError('NOT_FOUND', `directory ${directoryId} not found`);
    if (!isPreview(directory.settings)) throw new DomainError('CONFLICT', `directory ${directoryId} is live already; its users hold their seats and cards`);
    const seatsClaimed = await claimSeats(tx, directoryId);
    const created = await makeCards(tx, directoryId, directory.settings);
    const invites = directory.settings.invitesEnabled === true ? await execute<{ directoryId: string }, { id: string; organizationId: string }>(tx, QUEUE_INVITES, { directoryId }) : [];
    await execute(tx, FINISH, { directoryId });
    await execute(tx, NOTIFY, { directoryId });
    return { seatsClaimed, ...created, invites };
  });
  for (const card of outcome.inserted) {
    deps.events.emit('user.provisioned', { organizationId: card.organizationId, directoryId, userId: card.userId, linked: false });
    deps.events.emit('card.created', { organizationId: card.organizationId, userId: card.userId, cardId: card.cardId });
  }
  const invited = new Map<string, string[]>();
  for (const invite of outcome.invites) invited.set(invite.organizationId, [...(invited.get(invite.organizationId) ?? []), invite.id]);
  for (const [org, userIds] of invited) deps.events.emit('invites.requested', { organizationId: org, userIds });
  return { directoryId, seatsClaimed: outcome.seatsClaimed, cardsCreated: outcome.inserted.length, cardsUpdated: outcome.updated, invitesQueued: outcome.invites.length };
}

/** Checks every organization's free seats against its users' needs first, so a refusal writes nothing; then claims. */
async function claimSeats(tx: Queryable, directoryId: string): Promise<number> {
  const needs = await execute<{ directoryId: string }, { organizationId: string; needed: number; available: number; limit: number }>(tx, SEATS_NEEDED, { directoryId });
  const short = needs.find((n) => n.needed > n.available);
  if (short) throw seatShortage(short);
  let claimed = 0;
  for (const need of needs) {
    const rows = await execute(tx, CLAIM_SEATS, { directoryId, organizationId: need.organizationId, needed: need.needed });
    // Seats another directory claimed (or holds locked) since the count: refuse as well, rolling everything back.
    if (rows.length < need.needed) throw seatShortage({ ...need, available: rows.length });
    claimed += rows.length;
  }
  return claimed;
}

function seatShortage(n: { organizationId: string; needed: number; available: number; limit: number }): DomainError {
  return new DomainError(
    'SEAT_LIMIT_REACHED',
    `going live needs ${n.needed} seats in organization ${n.organizationId} but only ${n.available} of its ${n.limit} are free: raise the seat limit by ${n.needed - n.available} or unassign users in the identity provider, then go live again (nothing was changed)`,
    { field: 'seats' },
  );
}

async function makeCards(tx: Queryable, directoryId: string, settings: DirectorySettings): Promise<{ inserted: { cardId: string; userId: string; organizationId: string }[]; updated: number }> {
  const sources = await execute<{ directoryId: string }, CardSource>(tx, CARD_SOURCES, { directoryId });
  // One read of every user's template candidates, templateFor per user; the cards' statements take the picks as values.
  const templateOf = new Map((await pickTemplates(tx, { directoryId })).map((pick) => [pick.userId, pick.templateId]));
  const inserted: { cardId: string; userId: string; organizationId: string }[] = [];
  let updated = 0;
  const status = (s: CardSource): CardStatus => cardStatusFor(s.active, settings.deprovisionPolicy);
  const fresh = sources.filter((s) => s.cardId === null);
  for (let i = 0; i < fresh.length; i += CARD_BATCH) {
    const cards = fresh.slice(i, i + CARD_BATCH).map((s) => ({
      organization_id: s.organizationId,
      user_id: s.userId,
      template_id: templateOf.get(s.userId) ?? null,
      slug: generateCardSlug(),
      status: status(s),
      fields: s.fields,
    }));
    inserted.push(...(await execute<{ cards: string }, { cardId: string; userId: string; organizationId: string }>(tx, INSERT_CARDS, { cards: JSON.stringify(cards) })));
  }
  const existing = sources.filter((s) => s.cardId !== null);
  for (let i = 0; i < existing.length; i += CARD_BATCH) {
    const cards = existing.slice(i, i + CARD_BATCH).map((s) => ({ card_id: s.cardId, template_id: templateOf.get(s.userId) ?? null, status: status(s), fields: s.fields }));
    await execute(tx, UPDATE_CARDS, { cards: JSON.stringify(cards) });
    updated += cards.length;
  }
  return { inserted, updated };
}
