import { ConfigError, loadConfig } from '../config/config.js';
import { DatabaseUnavailableError } from '../db/database-error.js';
import { DomainError } from '../domain/errors.js';
import { directoryCommand, DIRECTORY_USAGE, type ProviderSource } from './directory.command.js';
import { processIo, UsageError, type CliIo } from './io.js';
import { jwtCommand, JWT_USAGE } from './jwt.command.js';
import { migrateCommand } from './migrate.command.js';
import { pluginCommand, PLUGIN_USAGE } from './plugin.command.js';
import { portalCommand, PORTAL_USAGE } from './portal.command.js';

const USAGE = `cardbridge — digital business cards in sync with your identity directory

${DIRECTORY_USAGE}
${JWT_USAGE.replace('Usage:\n', '')}
  cardbridge migrate
${PLUGIN_USAGE.replace('Usage:\n', '')}
${PORTAL_USAGE.replace('Usage:\n', '')}

Environment: DATABASE_URL (unset: embedded PostgreSQL in DATA_DIR), DATA_DIR, PORT, PUBLIC_URL, AUTH_JWT_SECRET.`;

/**
 * Runs the CLI; returns the exit code (0 ok, 1 failed, 2 bad usage or configuration). `providers.plugins` replaces
 * the configured plugins as the providers `directory create` accepts (tests hand in their in-process plugins).
 */
export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo = processIo, providers: ProviderSource = {}): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    const config = loadConfig(env);
    if (command === 'directory') await directoryCommand(args, config, io, providers);
    else if (command === 'jwt') await jwtCommand(args, config, io);
    else if (command === 'migrate') await migrateCommand(args, config, io);
    else if (command === 'plugin') await pluginCommand(args, config, io);
    else if (command === 'portal') await portalCommand(args, config, io);
    else throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`cardbridge: ${(error as Error).message}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(`cardbridge: ${error.message}`);
      return 2;
    }
    if (error instanceof DatabaseUnavailableError || error instanceof DomainError) {
      io.err(`cardbridge: ${error.message}`);
      return 1;
    }
    io.err(`cardbridge: failed: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}
