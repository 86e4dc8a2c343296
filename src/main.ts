import { ConfigError, loadConfig } from './config/config.js';
import { DatabaseUnavailableError } from './db/database-error.js';
import { startServer } from './host/start-server.js';
import { createLogger } from './logger.js';
import { defaultRoutes } from './host/default-routes.js';

/** Process entry: load config, start the host, stop it gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`cardbridge: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config);
  // Handlers go in first: a signal during start-up stops the server as soon as it is up, never mid-migration.
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let firstSignalAt: number | undefined;
  const shutDown = () => {
    server!.close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const stop = (signal: string) => {
    const now = Date.now();
    if (firstSignalAt !== undefined) {
      // `npm start` forwards the terminal's Ctrl-C or a supervisor's SIGTERM that the child also received: a
      // repeat within a second is that echo. A later one means "now".
      if (now - firstSignalAt < 1_000) return;
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    firstSignalAt = now;
    log.info({ signal }, 'signal received');
    if (server) shutDown();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    server = await startServer({ config, log, routes: defaultRoutes });
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) {
      // A setting to change, not a bug: one line that names it, no stack.
      process.stderr.write(`cardbridge: ${error.message}\n`);
      process.exit(1);
    }
    log.fatal({ err: error }, 'cardbridge failed to start');
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.exit(1);
  }
  if (firstSignalAt !== undefined) shutDown();
}

await main();
