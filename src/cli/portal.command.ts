import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { DomainError } from '../domain/errors.js';
import { createPortalLink, findOrganizationIdBySlug, isPortalIntent, portalLinkPath, PORTAL_INTENTS, validateReturnUrl } from '../domain/portal-access/index.js';
import { UsageError, type CliIo } from './io.js';
import { withDatabase } from './with-database.js';

export const PORTAL_USAGE = `Usage:
  cardbridge portal link --org <slug> [--intent ${PORTAL_INTENTS.join('|')}] [--return-url <https URL>] [--json]`;

/** `cardbridge portal …` */
export async function portalCommand(args: string[], config: Config, io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'link') return await link(rest, config, io);
  throw new UsageError(sub ? `unknown portal command "${sub}"\n${PORTAL_USAGE}` : PORTAL_USAGE);
}

/** Prints a single-use admin portal link for the organization (the operator holds the database: acts as owner). */
async function link(args: string[], config: Config, io: CliIo): Promise<void> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' }, intent: { type: 'string' }, 'return-url': { type: 'string' }, json: { type: 'boolean' } }, strict: true, allowPositionals: false });
  if (!values.org) throw new UsageError(`missing --org\n${PORTAL_USAGE}`);
  const intent = values.intent ?? 'directory-sync';
  if (!isPortalIntent(intent)) throw new UsageError(`--intent must be one of ${PORTAL_INTENTS.join(', ')}, got "${intent}"`);
  let returnUrl: string | null;
  try {
    returnUrl = validateReturnUrl(values['return-url'], '--return-url');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const created = await withDatabase(config, async ({ pool }) => {
    const organizationId = await findOrganizationIdBySlug(pool, values.org!);
    if (!organizationId) throw new DomainError('NOT_FOUND', `organization "${values.org}" does not exist; \`cardbridge directory create --org ${values.org} …\` creates it`);
    return await createPortalLink(pool, { organizationId, intent, returnUrl, creator: { description: 'cli', role: 'owner' }, ttlSeconds: config.portal.linkTtlSeconds });
  });
  const url = `${config.publicUrl}${portalLinkPath(created.token)}`;
  if (values.json) io.out(JSON.stringify({ url, expiresAt: created.expiresAt.toISOString(), intent: created.intent, returnUrl: created.returnUrl }));
  else io.out(`${url}\n(single use; expires ${created.expiresAt.toISOString()})`);
}
