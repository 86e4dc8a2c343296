import type { Pool } from 'pg';
import type { CardFields } from './card.entity.js';
import { DomainError } from '../errors.js';
import type { DomainEvents } from '../events.js';
import { sanitizeCardFields } from './card-text.js';
import { isUuid } from '../ids.js';
import { execute, inTransaction } from '../../db/sql/run.js';
import { raw, sql, statement } from '../../db/sql/fragment.js';
import { cards } from './cards.table.js';

/** A holder's change to their card: a value sets the override, `null` removes it (the directory's value shows). */
export type CardFieldsChange = { [K in keyof CardFields]?: CardFields[K] | null };

const TEXT_FIELDS = ['displayName', 'givenName', 'familyName', 'title', 'department', 'company'] as const;

function invalid(field: string, message: string): never {
  throw new DomainError('INVALID_INPUT', `${field}: ${message}`, { field: `fields.${field}` });
}

function validateValues(change: CardFieldsChange): void {
  for (const key of TEXT_FIELDS) {
    const value = change[key];
    if (typeof value === 'string' && (!value.trim() || value.length > 200)) invalid(key, 'must be 1–200 characters');
  }
  for (const key of ['emails', 'phones'] as const) {
    const list = change[key];
    if (!list) continue;
    if (list.length > 10) invalid(key, 'at most 10 entries');
    for (const entry of list) {
      if (!entry.value?.trim() || entry.value.length > 200) invalid(key, 'every entry needs a value of 1–200 characters');
      if (key === 'emails' && !/^[^\s@]+@[^\s@]+$/.test(entry.value)) invalid(key, `"${entry.value}" is not an e-mail address`);
    }
  }
  if (change.address && Object.values(change.address).some((v) => typeof v === 'string' && v.length > 200)) invalid('address', 'every part must be at most 200 characters');
  if (change.photoUrl && !/^https:\/\/\S{1,2000}$/.test(change.photoUrl)) invalid('photoUrl', 'must be an https:// URL');
}

/** The holder's card with its overrides and its template's editable fields, locked for the edit. */
const LOCK_MY_CARD = statement<{ organizationId: string; userId: string }>(
  (p) => sql`select c.id, c.overrides, t.editable_fields as "editable" from ${raw(cards.from)} left join template t on t.id = c.template_id
    where c.organization_id = ${p.organizationId} and c.user_id = ${p.userId} for update of c`,
);
const SET_OVERRIDES = statement<{ id: string; overrides: Record<string, unknown> }>(
  (p) => sql`update ${raw(cards.name)} set overrides = ${p.overrides}, updated_at = now() where id = ${p.id}`,
);
const DELETE_CARD = statement<{ organizationId: string; id: string | null }>(
  (p) => sql`delete from ${raw(cards.name)} where organization_id = ${p.organizationId} and id = ${p.id}::uuid returning user_id as "userId"`,
);

/**
 * The card holder edits their card: only fields the card's template lists as editable are accepted (anything
 * else is refused, naming the fields); the change lands in `card.overrides`, so directory updates keep flowing
 * into the other fields.
 */
export async function updateMyCard(pool: Pool, organizationId: string, userId: string, input: CardFieldsChange): Promise<string> {
  const keys = Object.keys(input).filter((k) => input[k as keyof CardFields] !== undefined);
  if (!keys.length) throw new DomainError('INVALID_INPUT', 'fields: name at least one field to change', { field: 'fields' });
  // What the holder types reaches the public page and vCard: control characters go before anything is checked or
  // stored (a line break in a title becomes a space, in a street address an escaped `\n` of the vCard).
  const change = sanitizeCardFields(input);
  for (const key of TEXT_FIELDS) if (typeof input[key] === 'string' && change[key] === undefined) invalid(key, 'must be 1–200 characters');
  if (typeof input.photoUrl === 'string' && change.photoUrl === undefined) invalid('photoUrl', 'must be an https:// URL');
  for (const key of ['emails', 'phones'] as const) {
    if (input[key] && change[key]?.length !== input[key].length) invalid(key, 'every entry needs a value of 1–200 characters');
  }
  validateValues(change);
  return await inTransaction(pool, async (tx) => {
    const [card] = await execute<unknown, { id: string; overrides: CardFields; editable: string[] | null }>(tx, LOCK_MY_CARD, { organizationId, userId });
    if (!card) throw new DomainError('NOT_FOUND', 'you have no card yet');
    const editable = card.editable ?? [];
    const refused = keys.filter((k) => !editable.includes(k));
    if (refused.length) {
      const allowed = editable.length ? `editable: ${editable.join(', ')}` : 'this card has no editable fields';
      throw new DomainError('INVALID_INPUT', `the card's template does not let you edit ${refused.join(', ')} (${allowed})`, { field: 'fields' });
    }
    const overrides: Record<string, unknown> = { ...card.overrides };
    for (const key of keys) {
      const value = change[key as keyof CardFields];
      if (value === null) delete overrides[key];
      else overrides[key] = value;
    }
    await execute(tx, SET_OVERRIDES, { id: card.id, overrides });
    return card.id;
  });
}

/** Deletes a card (the user keeps account and seat). Who may delete which card is decided before this runs. */
export async function deleteCard(deps: { pool: Pool; events: DomainEvents }, organizationId: string, cardId: string): Promise<{ userId: string }> {
  const [row] = await execute<unknown, { userId: string }>(deps.pool, DELETE_CARD, { organizationId, id: isUuid(cardId) ? cardId : null });
  if (!row) throw new DomainError('NOT_FOUND', `card ${cardId} not found`);
  deps.events.emit('card.deleted', { organizationId, userId: row.userId, cardId });
  return { userId: row.userId };
}
