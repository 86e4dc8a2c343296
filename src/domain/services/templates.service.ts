import type { Pool } from 'pg';
import { DomainError } from '../errors.js';
import { refreshCardTemplates } from '../cards/card-templates.js';
import { isUuid } from '../ids.js';
import { asDate, inTransaction, run, type Queryable } from '../../db/sql/run.js';

/** A card design as the card product's API reads it. */
export interface TemplateView {
  id: string;
  organizationId: string;
  name: string;
  fieldsShown: string[];
  editableFields: string[];
  primaryColor: string;
  accentColor: string;
  logoUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TemplateWrite {
  name?: string;
  fieldsShown?: string[];
  editableFields?: string[];
  primaryColor?: string;
  accentColor?: string;
  logoUrl?: string | null;
}

/** What a card can show (`photo` is the picture), and which of a card's fields a holder may be allowed to edit. */
export const SHOWABLE_FIELDS = ['photo', 'displayName', 'givenName', 'familyName', 'title', 'department', 'company', 'emails', 'phones', 'address'];
export const EDITABLE_FIELDS = ['displayName', 'givenName', 'familyName', 'title', 'department', 'company', 'emails', 'phones', 'address', 'photoUrl'];

interface TemplateRow {
  id: string;
  organization_id: string;
  name: string;
  fields_shown: string[];
  editable_fields: string[];
  primary_color: string;
  accent_color: string;
  logo_url: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'id, organization_id, name, fields_shown, editable_fields, primary_color, accent_color, logo_url, created_at, updated_at';

function toView(row: TemplateRow): TemplateView {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    fieldsShown: row.fields_shown,
    editableFields: row.editable_fields,
    primaryColor: row.primary_color,
    accentColor: row.accent_color,
    logoUrl: row.logo_url,
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}

function checkList(values: string[] | undefined, allowed: string[], field: string): void {
  const unknown = values?.filter((v) => !allowed.includes(v)) ?? [];
  if (unknown.length) throw new DomainError('INVALID_INPUT', `${field} has unknown fields (${unknown.join(', ')}); allowed: ${allowed.join(', ')}`, { field });
}

/** Checks a template write; every message names the field and what is allowed. */
export function validateTemplate(write: TemplateWrite): void {
  if (write.name !== undefined && (!write.name.trim() || write.name.trim().length > 100)) throw new DomainError('INVALID_INPUT', 'name must be 1–100 characters', { field: 'name' });
  checkList(write.fieldsShown, SHOWABLE_FIELDS, 'fieldsShown');
  checkList(write.editableFields, EDITABLE_FIELDS, 'editableFields');
  for (const field of ['primaryColor', 'accentColor'] as const) {
    const color = write[field];
    if (color !== undefined && !/^#[0-9a-fA-F]{6}$/.test(color)) throw new DomainError('INVALID_INPUT', `${field} must be a colour like #1f3a5f`, { field });
  }
  if (write.logoUrl && !/^https:\/\/[^\s]{1,2000}$/.test(write.logoUrl)) throw new DomainError('INVALID_INPUT', 'logoUrl must be an https:// URL', { field: 'logoUrl' });
}

export async function listTemplates(db: Queryable, organizationId: string): Promise<TemplateView[]> {
  return (await run<TemplateRow>(db, `select ${COLUMNS} from template where organization_id = $1 order by lower(name), id`, [organizationId])).map(toView);
}

export async function findTemplatesByIds(db: Queryable, organizationId: string, ids: readonly string[]): Promise<TemplateView[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return (await run<TemplateRow>(db, `select ${COLUMNS} from template where organization_id = $1 and id = any($2::uuid[])`, [organizationId, valid])).map(toView);
}

export async function createTemplate(pool: Pool, organizationId: string, write: TemplateWrite & { name: string }): Promise<TemplateView> {
  validateTemplate(write);
  const [row] = await run<TemplateRow>(
    pool,
    `insert into template (organization_id, name, fields_shown, editable_fields, primary_color, accent_color, logo_url)
     values ($1, $2, coalesce($3::jsonb, '["photo","title","department","company","emails","phones","address"]'), coalesce($4::jsonb, '[]'),
             coalesce($5, '#1f3a5f'), coalesce($6, '#2f80ed'), $7)
     returning ${COLUMNS}`,
    [organizationId, write.name.trim(), json(write.fieldsShown), json(write.editableFields), write.primaryColor ?? null, write.accentColor ?? null, write.logoUrl ?? null],
  );
  return toView(row!);
}

/** Changes the given fields of a template; cards using it show the change at once (they reference it). */
export async function updateTemplate(pool: Pool, organizationId: string, id: string, write: TemplateWrite): Promise<TemplateView> {
  validateTemplate(write);
  const rows = await run<TemplateRow>(
    pool,
    `update template set name = coalesce($3, name), fields_shown = coalesce($4::jsonb, fields_shown), editable_fields = coalesce($5::jsonb, editable_fields),
       primary_color = coalesce($6, primary_color), accent_color = coalesce($7, accent_color),
       logo_url = case when $8 then $9 else logo_url end, updated_at = now()
     where organization_id = $1 and id = $2 returning ${COLUMNS}`,
    [organizationId, notFoundUnlessUuid(id), write.name?.trim() ?? null, json(write.fieldsShown), json(write.editableFields), write.primaryColor ?? null, write.accentColor ?? null, write.logoUrl !== undefined, write.logoUrl ?? null],
  );
  if (!rows[0]) throw new DomainError('NOT_FOUND', `template ${id} not found`);
  return toView(rows[0]);
}

/** Deletes a template; its cards, group rules and directory defaults fall back (cards re-pick their template). */
export async function deleteTemplate(pool: Pool, organizationId: string, id: string): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const users = await run<{ user_id: string }>(tx, 'select user_id from card where organization_id = $1 and template_id = $2', [organizationId, notFoundUnlessUuid(id)]);
    const deleted = await run(tx, 'delete from template where organization_id = $1 and id = $2 returning id', [organizationId, id]);
    if (!deleted.length) throw new DomainError('NOT_FOUND', `template ${id} not found`);
    await tx.query(`update directory set settings = settings - 'templateId', updated_at = now() where organization_id = $1 and settings ->> 'templateId' = $2`, [organizationId, id]);
    if (users.length) await refreshCardTemplates(tx, { userIds: users.map((u) => u.user_id) });
  });
}

/**
 * Sets (or clears, with `templateId: null`) a group's template rule and its priority; the cards of the group's
 * members follow in the same transaction (the highest-priority group's template wins).
 */
export async function setGroupTemplate(pool: Pool, organizationId: string, input: { groupId: string; templateId: string | null; priority: number }): Promise<{ cardsUpdated: number }> {
  if (!Number.isInteger(input.priority) || Math.abs(input.priority) > 1_000_000) throw new DomainError('INVALID_INPUT', 'priority must be a whole number between -1000000 and 1000000', { field: 'priority' });
  return await inTransaction(pool, async (tx) => {
    if (input.templateId !== null && !(await findTemplatesByIds(tx, organizationId, [input.templateId])).length) {
      throw new DomainError('INVALID_INPUT', `template ${input.templateId} does not exist in this organization`, { field: 'templateId' });
    }
    const rows = await run(tx, 'update scim_group set template_id = $3, template_priority = $4, updated_at = now() where organization_id = $1 and id = $2 returning id', [
      organizationId,
      notFoundUnlessUuid(input.groupId),
      input.templateId,
      input.priority,
    ]);
    if (!rows.length) throw new DomainError('NOT_FOUND', `group ${input.groupId} not found`);
    return { cardsUpdated: await refreshCardTemplates(tx, { groupId: input.groupId }) };
  });
}

function json(value: string[] | undefined): string | null {
  return value === undefined ? null : JSON.stringify([...new Set(value)]);
}

function notFoundUnlessUuid(id: string): string {
  if (!isUuid(id)) throw new DomainError('NOT_FOUND', `${id} not found`);
  return id;
}
