import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { createDirectory, rotateDirectoryToken } from '../domain/directories/directories.service.js';
import { tenantUrl } from '../domain/directories/directory.rules.js';
import { goLiveDirectory } from '../domain/directories/go-live.service.js';
import { DIRECTORY_MODES, directoryModeOf, type DirectoryMode } from '../domain/directories/preview.rules.js';
import { DomainEvents } from '../domain/events.js';
import type { PluginDefinition } from '../plugin-api/index.js';
import { importPlugin } from '../plugin-host/plugin-loader.js';
import { matchingAttributeCommand, MATCHING_USAGE } from './directory-matching.command.js';
import { settingsCommand, SETTINGS_USAGE } from './directory-settings.command.js';
import { UsageError, type CliIo } from './io.js';
import { withDatabase } from './with-database.js';

export const DIRECTORY_USAGE = `Usage:
  cardbridge directory create --org <slug> --name <name> --provider <entra|okta|…> [--seats N] [--org-name <name>] [--mode preview|live] [--json]
  cardbridge directory rotate-token --directory <id> [--overlap <seconds>] [--json]
  cardbridge directory go-live --directory <id> [--json]
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
  if (sub === 'go-live') return await goLive(rest, config, io);
  throw new UsageError(sub ? `unknown directory command "${sub}"\n${DIRECTORY_USAGE}` : DIRECTORY_USAGE);
}

async function create(args: string[], config: Config, io: CliIo, source: ProviderSource): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, name: { type: 'string' }, provider: { type: 'string' }, seats: { type: 'string' }, 'org-name': { type: 'string' }, mode: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const missing = (['org', 'name', 'provider'] as const).filter((k) => !values[k]);
  if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}\n${DIRECTORY_USAGE}`);
  const seatLimit = integer(values.seats, '--seats');
  if (values.mode !== undefined && !(DIRECTORY_MODES as readonly string[]).includes(values.mode)) throw new UsageError(`--mode must be preview or live, got "${values.mode}"`);
  const settings = values.mode ? { mode: values.mode as DirectoryMode } : undefined;
  await assertInstalledProvider(values.provider!, config, source);
  const created = await withDatabase(config, ({ orm }) =>
    createDirectory(orm.em, { orgSlug: values.org!, orgName: values['org-name'], name: values.name!, provider: values.provider!, seatLimit, settings }),
  );
  const url = tenantUrl(config.publicUrl, created.directory.provider, created.directory.id);
  if (values.json) {
    io.out(
      JSON.stringify({
        tenantUrl: url,
        secretToken: created.secretToken,
        directoryId: created.directory.id,
        provider: created.directory.provider,
        mode: directoryModeOf(created.directory.settings),
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
      ...(directoryModeOf(created.directory.settings) === 'preview'
        ? ['', 'Preview mode: users and groups are stored, but no seat, card or e-mail until `cardbridge directory go-live`.']
        : []),
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

/**
 * `cardbridge directory go-live`: applies a preview directory's plan (seats, cards, invites) and makes it live. The
 * invite e-mails go out through the server's job queue (its sweep finds the pending invites).
 */
async function goLive(args: string[], config: Config, io: CliIo): Promise<void> {
  const { values } = parseArgs({ args, options: { directory: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  if (!values.directory) throw new UsageError(`missing --directory\n${DIRECTORY_USAGE}`);
  const result = await withDatabase(config, ({ pool }) => goLiveDirectory({ pool, events: new DomainEvents() }, null, values.directory!));
  if (values.json) {
    io.out(JSON.stringify(result));
    return;
  }
  io.out(
    [
      `Directory ${result.directoryId} is live: ${result.seatsClaimed} seats claimed, ${result.cardsCreated} cards made, ${result.cardsUpdated} cards updated, ${result.invitesQueued} invites queued.`,
      result.invitesQueued ? 'The running server mails the invites (its job queue picks up pending invites).' : '',
    ].filter(Boolean).join('\n'),
  );
}
