import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import type { Config } from '../config/config.js';
import { ROLES, type Role } from '../domain/users/user.entity.js';
import { DomainError } from '../domain/errors.js';
import { assertSlug } from '../domain/organizations/organization.rules.js';
import { resolveTokenSubject } from '../domain/organizations/sign-in.service.js';
import { UsageError, type CliIo } from './io.js';
import { withDatabase } from './with-database.js';

export const JWT_USAGE = `Usage:
  cardbridge jwt --org <slug> --role <owner|admin|editor|viewer|member> [--sub <id>] [--expires-in <1h|30m|7d>]`;

/** `cardbridge jwt`: a token for the GraphQL API, signed with AUTH_JWT_SECRET (HS256), for an existing organization. */
export async function jwtCommand(args: string[], config: Config, io: CliIo): Promise<void> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' }, role: { type: 'string' }, sub: { type: 'string' }, 'expires-in': { type: 'string' } }, strict: true });
  if (!values.org || !values.role) throw new UsageError(`missing ${[!values.org && '--org', !values.role && '--role'].filter(Boolean).join(', ')}\n${JWT_USAGE}`);
  if (!ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  try {
    assertSlug(values.org);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const expiresIn = values['expires-in'] ?? '1h';
  if (!/^\d+[smhd]$/.test(expiresIn)) throw new UsageError('--expires-in must look like 30m, 1h or 7d');
  const secret = config.auth.jwtSecret;
  if (!secret) throw new UsageError('AUTH_JWT_SECRET is not set: export a random secret of at least 32 characters (openssl rand -base64 48)');
  const subject = values.sub ?? `cli:${values.role}`;
  // The API refuses a token whose organization does not exist or whose user is gone: do not sign one.
  const resolved = await withDatabase(config, ({ pool }) => resolveTokenSubject(pool, values.org!, subject));
  if (!resolved) throw new DomainError('NOT_FOUND', `organization "${values.org}" does not exist; \`cardbridge directory create --org ${values.org} …\` creates it`);
  if (!resolved.subjectValid) throw new DomainError('NOT_FOUND', `--sub ${subject} is not an active user of organization "${values.org}"`);
  const token = await new SignJWT({ org: values.org, role: values.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret.reveal()));
  io.out(token);
}
