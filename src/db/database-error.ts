/**
 * The database cannot be used at start-up: `DATABASE_URL` does not answer, or the embedded PostgreSQL in
 * `DATA_DIR` does not start. The message is one line that names the setting to change; the server and the CLI
 * print it as is instead of a stack.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** `host:port/database` of a connection URL: enough to recognise it, never its user or password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}

/** An error's message on one line (PostgreSQL's and spawn's messages may carry newlines). */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
