/** Internal: Sign in with Microsoft — verifies Entra ID tokens against the tenant's published keys. */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config.js';
import { DomainError } from '../domain/errors.js';
import { describeJoseError } from './product-token.js';

/** What a verified Entra ID token says about the person. */
export interface MicrosoftIdentity {
  tenantId: string;
  oid: string;
  email?: string;
}

const ALGORITHMS = ['RS256'];

/**
 * Verifies Entra ID tokens. Keys come from the tenant's JWKS URL (`ENTRA_JWKS_URL_TEMPLATE`); jose caches them and
 * fetches again when a token names an unknown `kid` (Microsoft rolls keys), at most once per `cooldownMs`.
 */
export class MicrosoftSignIn {
  readonly #keys = new Map<string, JWTVerifyGetKey>();
  readonly #issuerPattern: RegExp;

  constructor(
    private readonly auth: Config['auth'],
    private readonly options: { cooldownMs: number; cacheMaxAgeMs: number } = { cooldownMs: 30_000, cacheMaxAgeMs: 10 * 60_000 },
  ) {
    const [before, after] = auth.entraIssuerTemplate.split('{tenantId}') as [string, string | undefined];
    this.#issuerPattern = new RegExp(`^${escape(before)}([0-9a-zA-Z-]{1,64})${escape(after ?? '')}$`);
  }

  /** The tenant id when `issuer` is an Entra ID issuer; undefined otherwise (then it is a product token). */
  tenantOf(issuer: string | undefined): string | undefined {
    return issuer ? this.#issuerPattern.exec(issuer)?.[1] : undefined;
  }

  async verify(token: string, tenantId: string): Promise<MicrosoftIdentity> {
    const audience = this.auth.entraSignInClientId;
    if (!audience) throw new DomainError('UNAUTHENTICATED', 'Sign in with Microsoft is not configured on this server (ENTRA_SIGN_IN_CLIENT_ID)');
    const fill = (template: string) => template.replaceAll('{tenantId}', encodeURIComponent(tenantId));
    try {
      const { payload } = await jwtVerify(token, this.#keysFor(fill(this.auth.entraJwksUrlTemplate)), {
        issuer: fill(this.auth.entraIssuerTemplate),
        audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'oid', 'tid'],
        clockTolerance: 60,
      });
      const claims = payload as { oid?: unknown; tid?: unknown; email?: unknown; preferred_username?: unknown };
      if (claims.tid !== tenantId || typeof claims.oid !== 'string') throw new DomainError('UNAUTHENTICATED', 'the token does not name a user of this tenant');
      const email = [claims.email, claims.preferred_username].find((v): v is string => typeof v === 'string' && v.includes('@'));
      return { tenantId, oid: claims.oid, email };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError('UNAUTHENTICATED', describeJoseError(error), { cause: error });
    }
  }

  #keysFor(url: string): JWTVerifyGetKey {
    let keys = this.#keys.get(url);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(url), { cooldownDuration: this.options.cooldownMs, cacheMaxAge: this.options.cacheMaxAgeMs });
      if (this.#keys.size > 1_000) this.#keys.clear();
      this.#keys.set(url, keys);
    }
    return keys;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
