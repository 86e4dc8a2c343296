import { ConfigError, loadConfig } from './config/config.js';
import { startServer } from './http/server.js';
import { createLogger } from './logger.js';
import { defaultRoutes } from './http/default-routes.js';

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
  let server;
  try {
    server = await startServer({ config, log, routes: defaultRoutes });
  } catch (error) {
    log.fatal({ err: error }, 'cardbridge failed to start');
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.exit(1);
  }
  const running = server;
  let signals = 0;
  const stop = (signal: string) => {
    signals += 1;
    if (signals > 1) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    log.info({ signal }, 'signal received');
    running.close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
