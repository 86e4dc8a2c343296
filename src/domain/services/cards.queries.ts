import type { CardFields, CardStatus } from '../cards/card.entity.js';
import { isUuid } from '../ids.js';
import { fetchKeysetPage, filterId, type KeysetPage, type KeysetPosition } from '../../db/sql/keyset.js';
import { asDate, run, type Queryable } from '../../db/sql/run.js';
import { joinSql, sql, type SqlFragment } from '../../db/sql/fragment.js';
import { likePattern } from '../users/users.queries.js';

/** A card as the card product's API reads it; `fields` are the directory's, `overrides` the holder's. */
export interface CardView {
  id: string;
  organizationId: string;
  userId: string;
  templateId: string | null;
  slug: string;
  status: CardStatus;
  fields: CardFields;
  overrides: CardFields;
  /** True when the card's user is managed by a directory (viewers and editors may not delete those). */
  isDirectoryManaged: boolean;
  /** Fields of `overrides` that count: the template's editable fields (read with the card: no extra query). */
  editableFields: string[];
  createdAt: Date;
  updatedAt: Date;
}

interface CardRow {
  id: string;
  organization_id: string;
  user_id: string;
  template_id: string | null;
  slug: string;
  status: CardStatus;
  fields: CardFields;
  overrides: CardFields;
  directory_managed: boolean;
  editable_fields: string[] | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const CARD_COLUMNS = `c.id, c.organization_id, c.user_id, c.template_id, c.slug, c.status, c.fields, c.overrides,
  (select u.directory_id is not null from app_user u where u.id = c.user_id) as directory_managed,
  (select t.editable_fields from template t where t.id = c.template_id) as editable_fields, c.created_at, c.updated_at`;

function toCardView(row: CardRow): CardView {
  return {
    id: row.id,
    organizationId: row.organization_id,
    userId: row.user_id,
    templateId: row.template_id,
    slug: row.slug,
    status: row.status,
    fields: row.fields ?? {},
    overrides: row.overrides ?? {},
    isDirectoryManaged: row.directory_managed,
    editableFields: row.editable_fields ?? [],
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}

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
  const page = await fetchKeysetPage<CardRow>(db, {
    columns: CARD_COLUMNS,
    from: 'card c',
    where: joinSql(conditions, ' and '),
    order: { expression: 'c.created_at', keyType: 'timestamptz', idColumn: 'c.id', idType: 'uuid', direction: 'asc' },
    first: query.first,
    after: query.after,
  });
  return { ...page, rows: page.rows.map((row) => ({ ...toCardView(row), sort_key: row.sort_key, sort_id: row.sort_id })) };
}

/** Cards of one organization by card id. */
export async function findCardsByIds(db: Queryable, organizationId: string, ids: readonly string[]): Promise<CardView[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  const rows = await run<CardRow>(db, `select ${CARD_COLUMNS} from card c where c.organization_id = $1 and c.id = any($2::uuid[])`, [organizationId, valid]);
  return rows.map(toCardView);
}

/** The card of each user (at most one per user). */
export async function findCardsByUserIds(db: Queryable, organizationId: string, userIds: readonly string[]): Promise<CardView[]> {
  const rows = await run<CardRow>(db, `select ${CARD_COLUMNS} from card c where c.organization_id = $1 and c.user_id = any($2::uuid[])`, [organizationId, userIds]);
  return rows.map(toCardView);
}
