/** Internal: directory authentication for plugins (Secret Token or Entra-issued OAuth token), with a short cache. */
import type { Context } from 'koa';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Pool } from 'pg';
import type { Config } from '../config/config.js';
import { DomainError } from '../domain/errors.js';
import { findDirectory, findDirectoryByTokenHash } from '../domain/directories/directories.queries.js';
import type { DirectoryPrincipal } from '../domain/directories/directory.table.js';
import type { DirectoryAccess } from '../plugin-api/index.js';
import { hashToken } from '../domain/tokens.js';
import { RateLimiter } from './rate-limiter.js';
import type { RefusalReason } from './refused-requests.js';

const CACHE_TTL_MS = 10_000;

/** Principals this host authenticated: the provisioning port refuses directories a plugin made up itself. */
const issuedPrincipals = new WeakSet<DirectoryPrincipal>();

export function isAuthenticatedPrincipal(directory: unknown): directory is DirectoryPrincipal {
  return typeof directory === 'object' && directory !== null && issuedPrincipals.has(directory as DirectoryPrincipal);
}

/** Where authentication reports what it saw (the provisioning log's writer, EventRecorder). */
export interface DirectoryRequestLog {
  refused(directoryId: string, status: number, reason: RefusalReason): void;
  sawDirectory(directoryId: string): void;
}

const NO_LOG: DirectoryRequestLog = { refused: () => {}, sawDirectory: () => {} };

/**
 * Verifies `Authorization: Bearer …` for a directory. Positive lookups are cached for a few seconds keyed by the
 * token's hash; `invalidate()` (driven by PostgreSQL NOTIFY on rotation or deletion) drops them at once, and when
 * notifications are not flowing the cache is bypassed, so a rotated token stops working immediately. A previous
 * token in its rotation overlap is cached no longer than the overlap lasts, so it stops on every instance when the
 * overlap ends, not up to a cache lifetime later.
 */
export class DirectoryAuthenticator {
  readonly #cache = new Map<string, { directory: DirectoryPrincipal; expires: number }>();
  /** Bumped by invalidate(): a lookup that started before a rotation must not cache its (stale) answer. */
  #generation = 0;
  readonly #jwks = new Map<string, JWTVerifyGetKey>();
  readonly #limiter = new RateLimiter();
  cacheEnabled = false;
  /** Live instances sharing each directory's rate (ClusterInstances): each takes its share of the directory's rate. */
  instances: () => number = () => 1;

  constructor(
    private readonly pool: Pool,
    private readonly config: Config,
    private readonly requestLog: DirectoryRequestLog = NO_LOG,
  ) {}

  /**
   * The access a plugin gets: only directories whose provider is the plugin. Under another provider's mount a
   * directory looks like one that does not exist there (the same 401 as a wrong token, `get` answers null), so an
   * Entra directory's token never runs under `/scim/okta/…` with Okta's dialect.
   */
  forPlugin(provider: string): DirectoryAccess {
    return {
      authenticate: (ctx, directoryId) => this.authenticate(ctx, directoryId, provider),
      get: async (directoryId) => {
        const directory = await this.get(directoryId);
        return directory?.provider === provider ? directory : null;
      },
    };
  }

  invalidate(): void {
    this.#generation++;
    this.#cache.clear();
  }

  async get(directoryId: string): Promise<DirectoryPrincipal | null> {
    return await findDirectory(this.pool, directoryId);
  }

  /** `provider` is required so no caller can skip the provider check: plugins get {@link forPlugin}'s binding. */
  async authenticate(ctx: Context, directoryId: string, provider: string): Promise<DirectoryPrincipal> {
    const refuse = (status: number, reason: RefusalReason, error: DomainError) => {
      this.requestLog.refused(directoryId, status, reason);
      return error;
    };
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw refuse(401, 'missing-token', new DomainError('UNAUTHENTICATED', 'missing bearer token: send the Secret Token as "Authorization: Bearer <token>"'));
    const token = match[1]!;
    // Secret Tokens are `cbt_` + base64url (no dots); a JWT is an OAuth access token.
    // Exactly two dots (what `token.split('.').length === 3` says, without an array per request).
    const firstDot = token.indexOf('.');
    const secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    const isJwt = secondDot >= 0 && token.indexOf('.', secondDot + 1) < 0;
    const directory = isJwt ? await this.#verifyOAuth(token, directoryId) : await this.#verifySecret(token);
    const invalid = () => new DomainError('UNAUTHENTICATED', 'the bearer token is not valid for this directory');
    if (!directory || directory.id !== directoryId) throw refuse(401, isJwt ? 'oauth-token-refused' : 'invalid-token', invalid());
    if (directory.provider !== provider) throw refuse(401, 'wrong-provider', invalid());
    // Only the holder of the directory's own Secret Token reaches this, so the answer may say why.
    if (!isJwt && directory.settings.oauth?.refuseStaticToken) {
      throw refuse(401, 'static-token-refused', new DomainError('UNAUTHENTICATED', 'this directory accepts only OAuth access tokens issued by its Entra tenant; its Secret Token is refused (oauth.refuseStaticToken)'));
    }
    // The directory's own token: it talked to us, whatever the answer below (its lastSyncAt).
    this.requestLog.sawDirectory(directory.id);
    if (directory.status !== 'active') throw refuse(403, 'directory-disabled', new DomainError('FORBIDDEN', 'this directory is disabled'));
    const wait = this.#limiter.take(directory.id, (directory.settings.rateLimitPerSecond ?? this.config.scim.rateLimitPerSecond) / this.instances());
    if (wait > 0) throw refuse(429, 'rate-limited', new DomainError('RATE_LIMITED', 'too many requests for this directory; retry later', { retryAfterSeconds: wait }));
    issuedPrincipals.add(directory);
    return directory;
  }

  async #verifySecret(token: string): Promise<DirectoryPrincipal | null> {
    const hash = hashToken(token);
    const key = hash.toString('base64');
    // Taken before the lookup: an entry capped at the token's remaining validity then expires no later than the
    // database's overlap end, on every instance, whatever the instance's wall clock says.
    const now = performance.now();
    const hit = this.cacheEnabled ? this.#cache.get(key) : undefined;
    if (hit && hit.expires > now) return hit.directory;
    if (hit) this.#cache.delete(key);
    const generation = this.#generation;
    const found = await findDirectoryByTokenHash(this.pool, hash);
    if (found && this.cacheEnabled && generation === this.#generation) {
      if (this.#cache.size > 10_000) this.#cache.clear();
      const ttl = found.validForMs === null ? CACHE_TTL_MS : Math.min(CACHE_TTL_MS, found.validForMs);
      this.#cache.set(key, { directory: found.directory, expires: now + ttl });
    }
    return found?.directory ?? null;
  }

  /** An OAuth token issued by the customer's Entra tenant (RFC 7523 style bearer), when the directory accepts it. */
  async #verifyOAuth(token: string, directoryId: string): Promise<DirectoryPrincipal | null> {
    const directory = await findDirectory(this.pool, directoryId);
    const oauth = directory?.settings.oauth;
    if (!directory || !oauth) return null;
    const fill = (template: string) => template.replaceAll('{tenantId}', encodeURIComponent(oauth.tenantId));
    const jwksUrl = oauth.jwksUrl ?? fill(this.config.auth.entraJwksUrlTemplate);
    let keys = this.#jwks.get(jwksUrl);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
      this.#jwks.set(jwksUrl, keys);
    }
    try {
      await jwtVerify(token, keys, {
        issuer: oauth.issuer ?? [fill(this.config.auth.entraIssuerTemplate), `https://sts.windows.net/${oauth.tenantId}/`],
        audience: oauth.audience,
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256'],
        clockTolerance: 60,
      });
      return directory;
    } catch {
      return null;
    }
  }
}
