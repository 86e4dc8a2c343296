// Internal to the public card pages: the one read a public card request makes.
import type { Pool } from 'pg';
import type { CardFields, CardStatus } from '../domain/cards/card.entity.js';

/** A card with its template and photo, as one public request needs it. */
export interface PublicCardRow {
  id: string;
  slug: string;
  status: CardStatus;
  fields: CardFields;
  overrides: CardFields;
  /** Null when the card has no template (its template was deleted): the schema's defaults apply. */
  fields_shown: string[] | null;
  editable_fields: string[] | null;
  primary_color: string | null;
  accent_color: string | null;
  logo_url: string | null;
  photo_content_type: string | null;
  /** Only loaded when asked for (vCard, photo); null otherwise or when there is no photo. */
  photo_data: Buffer | null;
}

/**
 * Generated slugs are 16 random bytes in base64url (`generateCardSlug`, 22 characters); a little slack is left for
 * slugs issued otherwise. Anything else is answered 404 without a query.
 */
const SLUG = /^[A-Za-z0-9_-]{16,64}$/;

/** Whether `slug` can be a card slug at all. */
export function isCardSlug(slug: string): boolean {
  return SLUG.test(slug);
}

// One statement over three unique indexes: card_slug_unique, template's and user_photo's primary keys.
const SELECT = (withPhotoData: boolean) => `
  select c.id, c.slug, c.status, c.fields, c.overrides,
         t.fields_shown, t.editable_fields, t.primary_color, t.accent_color, t.logo_url,
         p.content_type as photo_content_type, ${withPhotoData ? 'p.data' : 'null::bytea'} as photo_data
    from card c
    left join template t on t.id = c.template_id
    left join user_photo p on p.user_id = c.user_id
   where c.slug = $1`;

const SELECT_WITH_PHOTO = SELECT(true);
const SELECT_WITHOUT_PHOTO = SELECT(false);

/** The card with `slug` (any status), or null. Photo bytes are read only when `withPhotoData` is set. */
export async function findPublicCard(pool: Pool, slug: string, withPhotoData: boolean): Promise<PublicCardRow | null> {
  const { rows } = await pool.query<PublicCardRow>(withPhotoData ? SELECT_WITH_PHOTO : SELECT_WITHOUT_PHOTO, [slug]);
  return rows[0] ?? null;
}
