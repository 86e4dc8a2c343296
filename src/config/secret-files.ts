import { readFileSync } from 'node:fs';

/**
 * Variables that may carry a secret, and so may also come from a file: `X_FILE=/run/secrets/x` reads X from that
 * file, the way Docker and Kubernetes mount secrets (compose `secrets:`, a Secret volume), so the value never sits
 * in the process environment, `docker inspect` or a compose file.
 */
export const FILE_VARIABLES = [
  'DATABASE_URL',
  'AUTH_JWT_SECRET',
  'AUTH_JWT_PUBLIC_KEY',
  'ENCRYPTION_KEY',
  'ENTRA_SIGN_IN_CLIENT_SECRET',
  'SMTP_URL',
  'METRICS_TOKEN',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'CARDBRIDGE_PLUGIN_CONFIG',
] as const;

const isSet = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/**
 * The environment with every `X_FILE` replaced by X's value read from that file (one trailing newline dropped, as
 * `echo` and editors add it; a PEM key keeps its inner newlines). Problems name the variable: X and X_FILE both
 * set, or a file that cannot be read (its path and the system's reason, never its content).
 */
export function resolveSecretFiles(env: Record<string, string | undefined>): { env: Record<string, string | undefined>; problems: string[] } {
  const resolved: Record<string, string | undefined> = { ...env };
  const problems: string[] = [];
  for (const name of FILE_VARIABLES) {
    const path = env[`${name}_FILE`];
    delete resolved[`${name}_FILE`];
    if (!isSet(path)) continue;
    if (isSet(env[name])) {
      problems.push(`${name}_FILE: ${name} is set too; set one of ${name} and ${name}_FILE`);
      continue;
    }
    try {
      resolved[name] = readFileSync(path.trim(), 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`${name}_FILE: cannot read ${path.trim()} (${reason})`);
      delete resolved[name];
    }
  }
  return { env: resolved, problems };
}
