/** Reads of cards for the card product's API (GraphQL): pages, by id, by user. */
import type { CardStatus } from './card.entity.js';
import { isUuid } from '../ids.js';
import { likePattern } from '../users/users.queries.js';
import { fetchKeysetPage, filterId, type KeysetPage, type KeysetPosition } from '../../db/sql/keyset.js';
import { execute, type Queryable } from '../../db/sql/run.js';
import { joinSql, raw, sql, statement, type SqlFragment } from '../../db/sql/fragment.js';
import { cards, cardViewColumns, type CardView } from './cards.table.js';

export type { CardView } from './cards.table.js';

export interface CardFilter {
  text?: string;
  status?: CardStatus;
  templateId?: string;
}

/** One page of an organization's cards (newest last), with the filtered total. */
export async function findCardsPage(db: Queryable, organizationId: string, query: { filter: CardFilter; first: number; after?: KeysetPosition }): Promise<KeysetPage<CardView>> {
  const conditions: SqlFragment[] = [sql`c.organization_id = ${organizationId}`];
  if (query.filter.status) conditions.push(sql`c.status = ${query.filter.status}`);
  if (query.filter.templateId) conditions.push(sql`c.template_id = ${filterId(query.filter.templateId, 'filter.templateId')}::uuid`);
  if (query.filter.text?.trim()) conditions.push(sql`(c.fields ->> 'displayName') ilike ${likePattern(query.filter.text.trim())}`);
  const page = await fetchKeysetPage<Record<string, unknown>>(db, {
    columns: cardViewColumns.sql,
    from: cards.from,
    where: joinSql(conditions, ' and '),
    order: { expression: cards.col('createdAt'), keyType: 'timestamptz', idColumn: cards.col('id'), idType: 'uuid', direction: 'asc' },
    first: query.first,
    after: query.after,
  });
  return { ...page, rows: page.rows.map((row) => cardViewColumns.read(row) as KeysetPage<CardView>['rows'][number]) };
}

const byIds = statement<{ organizationId: string; ids: readonly string[] }>(
  (p) => sql`select ${raw(cardViewColumns.sql)} from ${raw(cards.from)} where c.organization_id = ${p.organizationId} and c.id = any(${p.ids}::uuid[])`,
);

/** Cards of one organization by card id. */
export async function findCardsByIds(db: Queryable, organizationId: string, ids: readonly string[]): Promise<CardView[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return (await execute(db, byIds, { organizationId, ids: valid })).map(cardViewColumns.read);
}

const byUserIds = statement<{ organizationId: string; userIds: readonly string[] }>(
  (p) => sql`select ${raw(cardViewColumns.sql)} from ${raw(cards.from)} where c.organization_id = ${p.organizationId} and c.user_id = any(${p.userIds}::uuid[])`,
);

/** The card of each user (at most one per user). */
export async function findCardsByUserIds(db: Queryable, organizationId: string, userIds: readonly string[]): Promise<CardView[]> {
  return (await execute(db, byUserIds, { organizationId, userIds })).map(cardViewColumns.read);
}
