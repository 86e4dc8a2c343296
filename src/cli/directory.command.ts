import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { createDirectory, rotateDirectoryToken } from '../domain/directories/directories.service.js';
import { tenantUrl } from '../domain/directories/directory.rules.js';
import type { PluginDefinition } from '../plugin-api/index.js';
import { importPlugin } from '../plugin-host/plugin-loader.js';
import { matchingAttributeCommand, MATCHING_USAGE } from './directory-matching.command.js';
import { settingsCommand, SETTINGS_USAGE } from './directory-settings.command.js';
import { UsageError, type CliIo } from './io.js';
import { withDatabase } from './with-database.js';

export const DIRECTORY_USAGE = `Usage:
  cardbridge directory create --org <slug> --name <name> --provider <entra|okta|…> [--seats N] [--org-name <name>] [--json]
  cardbridge directory rotate-token --directory <id> [--overlap <seconds>] [--json]
${MATCHING_USAGE}
${SETTINGS_USAGE}`;

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

/** Provider plugins the CLI knows: given in-process (tests), or the configured ones (`CARDBRIDGE_PLUGINS`). */
export type ProviderSource = { plugins?: readonly PluginDefinition<unknown>[] };

/**
 * Refuses a provider that no installed plugin serves: its Tenant URL would answer 404 to every provisioning call.
 * The names are the plugins' own (`definePlugin({ name })`), which are the Tenant URL's path segment.
 */
async function assertInstalledProvider(provider: string, config: Config, source: ProviderSource): Promise<void> {
  const installed: string[] = [];
  const broken: string[] = [];
  if (source.plugins) installed.push(...source.plugins.map((p) => p.name));
  else {
    for (const name of config.plugins) {
      try {
        installed.push((await importPlugin(name)).name);
      } catch (error) {
        broken.push(`${name} (${(error as Error).message})`);
      }
    }
  }
  if (installed.includes(provider)) return;
  const list = installed.length ? `installed providers: ${installed.join(', ')}` : 'no provider plugin is installed';
  throw new UsageError(`--provider "${provider}" is not an installed provider plugin; ${list} (CARDBRIDGE_PLUGINS)${broken.length ? `; could not load ${broken.join('; ')}` : ''}`);
}

/** `cardbridge directory …` */
export async function directoryCommand(args: string[], config: Config, io: CliIo, source: ProviderSource = {}): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'create') return await create(rest, config, io, source);
  if (sub === 'rotate-token') return await rotate(rest, config, io);
  if (sub === 'matching-attribute') return await matchingAttributeCommand(rest, config, io);
  if (sub === 'settings') return await settingsCommand(rest, config, io);
  throw new UsageError(sub ? `unknown directory command "${sub}"\n${DIRECTORY_USAGE}` : DIRECTORY_USAGE);
}

async function create(args: string[], config: Config, io: CliIo, source: ProviderSource): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, name: { type: 'string' }, provider: { type: 'string' }, seats: { type: 'string' }, 'org-name': { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const missing = (['org', 'name', 'provider'] as const).filter((k) => !values[k]);
  if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}\n${DIRECTORY_USAGE}`);
  const seatLimit = integer(values.seats, '--seats');
  await assertInstalledProvider(values.provider!, config, source);
  const created = await withDatabase(config, ({ orm }) =>
    createDirectory(orm.em, { orgSlug: values.org!, orgName: values['org-name'], name: values.name!, provider: values.provider!, seatLimit }),
  );
  const url = tenantUrl(config.publicUrl, created.directory.provider, created.directory.id);
  if (values.json) {
    io.out(
      JSON.stringify({
        tenantUrl: url,
        secretToken: created.secretToken,
        directoryId: created.directory.id,
        provider: created.directory.provider,
        organization: { id: created.organization.id, slug: created.organization.slug, name: created.organization.name, seatLimit: created.organization.seatLimit },
      }),
    );
    return;
  }
  io.out(
    [
      `Directory "${created.directory.name}" created for organization ${created.organization.slug} (${created.organization.seatLimit} seats).`,
      '',
      `  Tenant URL:    ${url}`,
      `  Secret Token:  ${created.secretToken}`,
      '',
      'Paste both into the enterprise application in Microsoft Entra (Provisioning → Admin Credentials) and click',
      'Test Connection. The Secret Token is shown only this once; rotate it with `cardbridge directory rotate-token`.',
    ].join('\n'),
  );
}

async function rotate(args: string[], config: Config, io: CliIo): Promise<void> {
  const { values } = parseArgs({ args, options: { directory: { type: 'string' }, overlap: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  if (!values.directory) throw new UsageError(`missing --directory\n${DIRECTORY_USAGE}`);
  // Without --overlap the directory's own default applies (`directory settings --token-overlap`).
  const rotated = await withDatabase(config, ({ pool }) => rotateDirectoryToken(pool, values.directory!, integer(values.overlap, '--overlap')));
  const overlap = rotated.overlapSeconds;
  const url = tenantUrl(config.publicUrl, rotated.directory.provider, rotated.directory.id);
  if (values.json) {
    io.out(JSON.stringify({ tenantUrl: url, secretToken: rotated.secretToken, directoryId: rotated.directory.id, previousTokenValidForSeconds: overlap }));
    return;
  }
  io.out(
    [
      `New Secret Token for directory "${rotated.directory.name}":`,
      '',
      `  Tenant URL:    ${url}`,
      `  Secret Token:  ${rotated.secretToken}`,
      '',
      overlap ? `The previous token keeps working for ${overlap} seconds.` : 'The previous token no longer works.',
    ].join('\n'),
  );
}
