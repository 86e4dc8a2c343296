/** The cards aggregate's tables (card, template, user_photo), each described once by its entity. */
import { EntityTable, type StoredRowOf } from '../../db/sql/entity-table.js';
import { Card } from './card.entity.js';
import { Template } from './template.entity.js';
import { UserPhoto } from './user-photo.entity.js';

export const cards = new EntityTable(Card, 'c', {
  card_user_unique: 'this user already has a card',
});

export const templates = new EntityTable(Template, 't', {
  template_org_name_unique: 'a template with this name already exists',
});

export const userPhotos = new EntityTable(UserPhoto, 'p');

const CARD = ['id', 'organizationId', 'userId', 'templateId', 'slug', 'status', 'fields', 'overrides', 'createdAt', 'updatedAt'] as const;
const cardProjection = cards.projection(CARD);

/**
 * The columns of a card as the card product's API reads it: the card's own, whether its user is managed by a
 * directory and its template's editable fields (subqueries on primary keys: no extra statement).
 */
export const cardViewColumns = {
  sql: `${cardProjection.sql},
  (select u.directory_id is not null from app_user u where u.id = c.user_id) as "isDirectoryManaged",
  coalesce((select t.editable_fields from template t where t.id = c.template_id), '[]'::jsonb) as "editableFields"`,
  read: (row: Record<string, unknown>): CardView => {
    const card = cardProjection.read(row) as CardView;
    card.fields ??= {};
    card.overrides ??= {};
    return card;
  },
};

/** A card as the card product's API reads it; `fields` are the directory's, `overrides` the holder's. */
export type CardView = StoredRowOf<Card, (typeof CARD)[number]> & {
  /** True when the card's user is managed by a directory (viewers and editors may not delete those). */
  isDirectoryManaged: boolean;
  /** Fields of `overrides` that count: the template's editable fields (read with the card: no extra query). */
  editableFields: string[];
};

const TEMPLATE = ['id', 'organizationId', 'name', 'fieldsShown', 'editableFields', 'primaryColor', 'accentColor', 'logoUrl', 'createdAt', 'updatedAt'] as const;

/** The columns of a template (unqualified: also the `returning` list of its writes). */
export const templateColumns = templates.projection(TEMPLATE, { qualified: false });

/** A card design as the card product's API reads it. */
export type TemplateView = StoredRowOf<Template, (typeof TEMPLATE)[number]>;
