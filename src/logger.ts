import pino, { type Logger } from 'pino';
import type { Config } from './config/config.js';

/** The root logger. Secrets are redacted by path; SCIM bodies are never logged above `debug`. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', '*.secretToken', 'secretToken', '*.password', '*.clientSecret', 'clientSecret', '*.token'],
      censor: '[redacted]',
    },
    base: { service: 'cardbridge' },
  });
}
