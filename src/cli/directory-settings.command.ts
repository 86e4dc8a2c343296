/**
 * `cardbridge directory settings`: shows a directory's provisioning settings, or changes them with the rules of
 * GraphQL's `updateDirectorySettings` (one validation, in the domain). The operator holds the database, so the
 * domain-assignment targets need no owner token here; they must exist.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import type { Config } from '../config/config.js';
import type { DirectorySettings } from '../domain/directories/directory.entity.js';
import { DomainError } from '../domain/errors.js';
import { updateDirectorySettings } from '../domain/directories/directories.service.js';
import type { DirectorySettingsChange } from '../domain/directories/directory.rules.js';
import { findDirectory } from '../domain/directories/directories.queries.js';
import { customSchemasOf, type CustomSchemaInput } from '../domain/directories/directory.rules.js';
import { directoryModeOf, type DirectoryMode } from '../domain/directories/preview.rules.js';
import { run } from '../db/sql/run.js';
import { UsageError, type CliIo } from './io.js';
import { withDatabase } from './with-database.js';

export const SETTINGS_USAGE = `  cardbridge directory settings --directory <id> [--rate-limit <N|default>] [--token-overlap <seconds|default>]
      [--oauth-tenant <tenant id> --oauth-audience <aud> [--refuse-static-token] | --refuse-static-token | --allow-static-token | --no-oauth]
      [--schema-file <schemas.json>] [--domain-targets <org slug,…|none>] [--mode preview] [--json]`;

const OPTIONS = {
  directory: { type: 'string' },
  'rate-limit': { type: 'string' },
  'token-overlap': { type: 'string' },
  'oauth-tenant': { type: 'string' },
  'oauth-audience': { type: 'string' },
  'refuse-static-token': { type: 'boolean' },
  'allow-static-token': { type: 'boolean' },
  'no-oauth': { type: 'boolean' },
  'schema-file': { type: 'string' },
  'domain-targets': { type: 'string' },
  mode: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

/** `default` (null: back to the default) or a whole number; the domain checks the range. */
function wholeOrDefault(value: string | undefined, flag: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'default') return null;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number or "default", got "${value}"`);
  return Number(value);
}

async function readSchemas(path: string): Promise<CustomSchemaInput[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--schema-file: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`--schema-file: ${path} is not JSON`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { customSchemas?: unknown } | null)?.customSchemas;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'object' && s !== null)) {
    throw new UsageError('--schema-file: expected a JSON array of schemas: [{ "urn": "urn:…", "name": "…", "attributes": [{ "name": "…", "type": "string" }] }]');
  }
  return list as CustomSchemaInput[];
}

function oauthChange(values: Values, current: DirectorySettings['oauth']): DirectorySettingsChange['oauth'] {
  const tenant = values['oauth-tenant'];
  const audience = values['oauth-audience'];
  if (values['refuse-static-token'] && values['allow-static-token']) throw new UsageError('--refuse-static-token and --allow-static-token exclude each other');
  if (values['no-oauth']) {
    if (tenant || audience || values['refuse-static-token'] || values['allow-static-token']) throw new UsageError('--no-oauth goes with no other OAuth option');
    return null;
  }
  if (tenant !== undefined || audience !== undefined) {
    if (!tenant || !audience) throw new UsageError('--oauth-tenant and --oauth-audience go together');
    return { tenantId: tenant, audience, refuseStaticToken: values['refuse-static-token'] === true };
  }
  if (values['refuse-static-token'] || values['allow-static-token']) {
    if (!current) throw new UsageError('the directory accepts no OAuth tokens yet: give --oauth-tenant and --oauth-audience too');
    return { tenantId: current.tenantId, audience: current.audience, refuseStaticToken: values['refuse-static-token'] === true };
  }
  return undefined;
}

/** Organization slugs → ids; NOT_FOUND (exit 1) names a slug that does not exist. */
async function organizationIds(pool: Pool, list: string): Promise<string[]> {
  if (list === 'none') return [];
  const slugs = [...new Set(list.split(',').map((s) => s.trim()).filter(Boolean))];
  const rows = await run<{ id: string; slug: string }>(pool, 'select id, slug from organization where slug = any($1::text[])', [slugs]);
  const missing = slugs.find((slug) => !rows.some((r) => r.slug === slug));
  if (missing) throw new DomainError('NOT_FOUND', `organization "${missing}" does not exist`);
  return slugs.map((slug) => rows.find((r) => r.slug === slug)!.id);
}

interface Shown {
  directoryId: string;
  name: string;
  rateLimitPerSecond: number | null;
  effectiveRateLimitPerSecond: number | null;
  tokenOverlapSeconds: number;
  oauth: { tenantId: string; audience: string; refuseStaticToken: boolean } | null;
  customSchemas: ReturnType<typeof customSchemasOf>;
  domainAssignment: boolean;
  domainAssignmentTargets: { id: string; slug: string | null }[];
  mode: DirectoryMode;
}

async function show(pool: Pool, directoryId: string, config: Config): Promise<Shown> {
  const directory = await findDirectory(pool, directoryId);
  if (!directory) throw new DomainError('NOT_FOUND', `directory ${directoryId} does not exist`);
  const s = directory.settings;
  const targets = s.assignmentOrganizationIds ?? [];
  const slugs = await run<{ id: string; slug: string }>(pool, 'select id, slug from organization where id = any($1::uuid[])', [targets]);
  const rate = s.rateLimitPerSecond ?? config.scim.rateLimitPerSecond;
  return {
    directoryId,
    name: directory.name,
    rateLimitPerSecond: s.rateLimitPerSecond ?? null,
    effectiveRateLimitPerSecond: rate > 0 ? rate : null,
    tokenOverlapSeconds: s.tokenOverlapSeconds ?? 0,
    oauth: s.oauth ? { tenantId: s.oauth.tenantId, audience: s.oauth.audience, refuseStaticToken: s.oauth.refuseStaticToken === true } : null,
    customSchemas: customSchemasOf(s),
    domainAssignment: s.domainAssignment === true,
    domainAssignmentTargets: targets.map((id) => ({ id, slug: slugs.find((r) => r.id === id)?.slug ?? null })),
    mode: directoryModeOf(s),
  };
}

function describeSettings(shown: Shown): string {
  const schemas = shown.customSchemas.map(
    (schema) =>
      `    ${schema.urn} (${schema.name}): ${schema.attributes.map((a) => `${a.name} ${a.type}${a.multiValued ? '[]' : ''}${a.caseExact ? ' caseExact' : ''}${a.cardField ? ` → card ${a.cardField}` : ''}`).join(', ')}`,
  );
  return [
    `Directory "${shown.name}" (${shown.directoryId}):`,
    `  Rate limit:           ${shown.effectiveRateLimitPerSecond === null ? 'none' : `${shown.effectiveRateLimitPerSecond} requests/s`}${shown.rateLimitPerSecond === null ? ' (instance default, SCIM_RATE_LIMIT_PER_SECOND)' : ''}`,
    `  Token overlap:        ${shown.tokenOverlapSeconds} s when rotate-token names no --overlap`,
    `  Entra OAuth:          ${shown.oauth ? `tenant ${shown.oauth.tenantId}, audience ${shown.oauth.audience}; Secret Token ${shown.oauth.refuseStaticToken ? 'refused' : 'accepted too'}` : 'off (Secret Token only)'}`,
    `  Custom schemas:       ${schemas.length ? '' : 'none'}`,
    ...schemas,
    `  Domain assignment:    ${shown.domainAssignment ? 'on' : 'off'}; targets: ${shown.domainAssignmentTargets.map((t) => t.slug ?? t.id).join(', ') || 'none'}`,
    `  Mode:                 ${shown.mode === 'preview' ? 'preview (no seats, cards or e-mails until `directory go-live`)' : 'live'}`,
  ].join('\n');
}

/** Shows the settings, or applies the given changes in one transaction and shows the result. */
export async function settingsCommand(args: string[], config: Config, io: CliIo): Promise<void> {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true });
  if (!values.directory) throw new UsageError(`missing --directory\nUsage:\n${SETTINGS_USAGE}`);
  const directoryId = values.directory;
  const rateLimitPerSecond = wholeOrDefault(values['rate-limit'], '--rate-limit');
  const tokenOverlapSeconds = wholeOrDefault(values['token-overlap'], '--token-overlap');
  const customSchemas = values['schema-file'] === undefined ? undefined : await readSchemas(values['schema-file']);
  const shown = await withDatabase(config, async ({ pool, orm }) => {
    const directory = await findDirectory(pool, directoryId);
    if (!directory) throw new DomainError('NOT_FOUND', `directory ${directoryId} does not exist`);
    const change: DirectorySettingsChange = { rateLimitPerSecond, tokenOverlapSeconds, customSchemas, oauth: oauthChange(values, directory.settings.oauth), mode: values.mode as DirectoryMode | undefined };
    if (values['domain-targets'] !== undefined) change.domainAssignmentTargets = { organizationIds: await organizationIds(pool, values['domain-targets']), authority: 'operator' };
    if (Object.values(change).some((v) => v !== undefined)) {
      try {
        await updateDirectorySettings(orm.em, directory.organizationId, directoryId, change, config.encryptionKey?.reveal());
      } catch (error) {
        // A value the domain refuses is a bad argument (exit 2), named by its field.
        if (error instanceof DomainError && error.code === 'INVALID_INPUT') throw new UsageError(`${error.field ? `${error.field}: ` : ''}${error.message}`);
        throw error;
      }
    }
    return await show(pool, directoryId, config);
  });
  io.out(values.json ? JSON.stringify(shown) : describeSettings(shown));
}
