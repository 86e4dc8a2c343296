import { run, type Queryable } from '../../db/sql/run.js';

/** An organization as the card product's API reads it. */
export interface OrganizationView {
  id: string;
  slug: string;
  name: string;
  emailDomains: string[];
  microsoftSignIn: boolean;
}

export async function findOrganization(db: Queryable, id: string): Promise<OrganizationView | null> {
  const [row] = await run<{ id: string; slug: string; name: string; email_domains: string[]; microsoft_sign_in: boolean }>(
    db,
    'select id, slug, name, email_domains, microsoft_sign_in from organization where id = $1',
    [id],
  );
  return row ? { id: row.id, slug: row.slug, name: row.name, emailDomains: row.email_domains, microsoftSignIn: row.microsoft_sign_in } : null;
}
