import type { Pool } from 'pg';
import { DomainError } from '../errors.js';
import { refreshCardTemplates } from './card-templates.js';
import { isUuid } from '../ids.js';
import { execute, inTransaction, type Queryable } from '../../db/sql/run.js';
import { raw, sql, statement } from '../../db/sql/fragment.js';
import { templateColumns, templates, type TemplateView } from './cards.table.js';

export type { TemplateView } from './cards.table.js';

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

/** A write's list of fields as stored (each once), or null for "leave as it is". */
type FieldList = string | null;

const LIST = statement<{ organizationId: string }>(
  (p) => sql`select ${templateColumns.fragment} from ${raw(templates.name)} where organization_id = ${p.organizationId} order by lower(name), id`,
);
const BY_IDS = statement<{ organizationId: string; ids: readonly string[] }>(
  (p) => sql`select ${templateColumns.fragment} from ${raw(templates.name)} where organization_id = ${p.organizationId} and id = any(${p.ids}::uuid[])`,
);
const INSERT = statement<{ organizationId: string; name: string; fieldsShown: FieldList; editableFields: FieldList; primaryColor: string | null; accentColor: string | null; logoUrl: string | null }>(
  (p) => sql`insert into ${raw(templates.name)} (${raw(templates.columnList(['organizationId', 'name', 'fieldsShown', 'editableFields', 'primaryColor', 'accentColor', 'logoUrl']))})
    values (${p.organizationId}, ${p.name}, coalesce(${p.fieldsShown}::jsonb, '["photo","title","department","company","emails","phones","address"]'), coalesce(${p.editableFields}::jsonb, '[]'),
            coalesce(${p.primaryColor}, '#1f3a5f'), coalesce(${p.accentColor}, '#2f80ed'), ${p.logoUrl})
    returning ${templateColumns.fragment}`,
);
const UPDATE = statement<{ organizationId: string; id: string; name: string | null; fieldsShown: FieldList; editableFields: FieldList; primaryColor: string | null; accentColor: string | null; setLogo: boolean; logoUrl: string | null }>(
  (p) => sql`update ${raw(templates.name)} set name = coalesce(${p.name}, name), fields_shown = coalesce(${p.fieldsShown}::jsonb, fields_shown),
      editable_fields = coalesce(${p.editableFields}::jsonb, editable_fields), primary_color = coalesce(${p.primaryColor}, primary_color),
      accent_color = coalesce(${p.accentColor}, accent_color), logo_url = case when ${p.setLogo} then ${p.logoUrl} else logo_url end, updated_at = now()
    where organization_id = ${p.organizationId} and id = ${p.id} returning ${templateColumns.fragment}`,
);
const USERS_OF_TEMPLATE = statement<{ organizationId: string; id: string }>(
  (p) => sql`select user_id as "userId" from card where organization_id = ${p.organizationId} and template_id = ${p.id}`,
);
const DELETE = statement<{ organizationId: string; id: string }>(
  (p) => sql`delete from ${raw(templates.name)} where organization_id = ${p.organizationId} and id = ${p.id} returning id`,
);
const DROP_DIRECTORY_DEFAULTS = statement<{ organizationId: string; id: string }>(
  (p) => sql`update directory set settings = settings - 'templateId', updated_at = now() where organization_id = ${p.organizationId} and settings ->> 'templateId' = ${p.id}`,
);
const SET_GROUP_RULE = statement<{ organizationId: string; groupId: string; templateId: string | null; priority: number }>(
  (p) => sql`update scim_group set template_id = ${p.templateId}, template_priority = ${p.priority}, updated_at = now()
    where organization_id = ${p.organizationId} and id = ${p.groupId} returning id`,
);

const asView = (row: Record<string, unknown>): TemplateView => templateColumns.read(row) as TemplateView;

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
  return (await execute(db, LIST, { organizationId })).map(asView);
}

export async function findTemplatesByIds(db: Queryable, organizationId: string, ids: readonly string[]): Promise<TemplateView[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return (await execute(db, BY_IDS, { organizationId, ids: valid })).map(asView);
}

export async function createTemplate(pool: Pool, organizationId: string, write: TemplateWrite & { name: string }): Promise<TemplateView> {
  validateTemplate(write);
  const [row] = await execute(pool, INSERT, {
    organizationId,
    name: write.name.trim(),
    fieldsShown: json(write.fieldsShown),
    editableFields: json(write.editableFields),
    primaryColor: write.primaryColor ?? null,
    accentColor: write.accentColor ?? null,
    logoUrl: write.logoUrl ?? null,
  });
  return asView(row!);
}

/** Changes the given fields of a template; cards using it show the change at once (they reference it). */
export async function updateTemplate(pool: Pool, organizationId: string, id: string, write: TemplateWrite): Promise<TemplateView> {
  validateTemplate(write);
  const [row] = await execute(pool, UPDATE, {
    organizationId,
    id: notFoundUnlessUuid(id),
    name: write.name?.trim() ?? null,
    fieldsShown: json(write.fieldsShown),
    editableFields: json(write.editableFields),
    primaryColor: write.primaryColor ?? null,
    accentColor: write.accentColor ?? null,
    setLogo: write.logoUrl !== undefined,
    logoUrl: write.logoUrl ?? null,
  });
  if (!row) throw new DomainError('NOT_FOUND', `template ${id} not found`);
  return asView(row);
}

/** Deletes a template; its cards, group rules and directory defaults fall back (cards re-pick their template). */
export async function deleteTemplate(pool: Pool, organizationId: string, id: string): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const users = await execute<unknown, { userId: string }>(tx, USERS_OF_TEMPLATE, { organizationId, id: notFoundUnlessUuid(id) });
    const deleted = await execute(tx, DELETE, { organizationId, id });
    if (!deleted.length) throw new DomainError('NOT_FOUND', `template ${id} not found`);
    await execute(tx, DROP_DIRECTORY_DEFAULTS, { organizationId, id });
    if (users.length) await refreshCardTemplates(tx, { userIds: users.map((u) => u.userId) });
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
    const rows = await execute(tx, SET_GROUP_RULE, { organizationId, groupId: notFoundUnlessUuid(input.groupId), templateId: input.templateId, priority: input.priority });
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
