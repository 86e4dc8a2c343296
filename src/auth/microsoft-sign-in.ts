/** Internal: Sign in with Microsoft — verifies Entra ID tokens against the tenant's published keys. */
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config.js';
import { DomainError } from '../domain/errors.js';
import { tenantClaimRefused } from '../domain/organizations/organization.rules.js';
import type { MicrosoftAccount } from '../domain/organizations/sign-in.service.js';
import { describeJoseError } from './product-token.js';

/** What a verified Entra ID token says about the person, reduced to the claims the tenant vouches for. */
export interface MicrosoftIdentity extends MicrosoftAccount {
  /** Directory role template ids the user holds in the tenant (`wids`; the app must request them). */
  roleTemplateIds: string[];
}

const ALGORITHMS = ['RS256'];

/**
 * Built-in Entra roles whose holders may connect their tenant to an organization: they manage the tenant's
 * enterprise applications, which is what connecting cardbridge amounts to (template ids are the same in every
 * tenant: learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference).
 */
export const TENANT_ADMIN_ROLES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
};

/** One verifier per configuration, so sign-in and tenant claims share the JWKS caches. */
const shared = new WeakMap<Config['auth'], MicrosoftSignIn>();

export function microsoftSignInFor(auth: Config['auth']): MicrosoftSignIn {
  let signIn = shared.get(auth);
  if (!signIn) shared.set(auth, (signIn = new MicrosoftSignIn(auth)));
  return signIn;
}

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
    const issuer = this.#fill(this.auth.entraIssuerTemplate, tenantId);
    let payload: JWTPayload;
    try {
      payload = (await jwtVerify(token, this.#keysFor(this.#fill(this.auth.entraJwksUrlTemplate, tenantId)), {
        issuer,
        audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'oid', 'tid'],
        clockTolerance: 60,
      })).payload;
    } catch (error) {
      throw new DomainError('UNAUTHENTICATED', describeJoseError(error), { cause: error });
    }
    if (payload.tid !== tenantId || typeof payload.oid !== 'string' || !payload.oid) throw new DomainError('UNAUTHENTICATED', 'the token does not name a user of this tenant');
    return identityOf(payload as EntraClaims, tenantId, issuer);
  }

  /**
   * Proof that the sender may connect an Entra tenant: an ID token of this server's Sign in with Microsoft app
   * (`aud` = ENTRA_SIGN_IN_CLIENT_ID), verified against the keys of the tenant it names, whose user holds one of
   * {@link TENANT_ADMIN_ROLES} there. Every failure is the same refusal, so a caller learns nothing but "no".
   */
  async verifyTenantAdmin(token: string): Promise<{ tenantId: string; oid: string }> {
    if (!this.auth.entraSignInClientId) {
      throw new DomainError('FORBIDDEN', 'connecting an Entra tenant needs Sign in with Microsoft configured on this server (ENTRA_SIGN_IN_CLIENT_ID)', { field: 'entraTenantProof' });
    }
    let tenantId: string | undefined;
    try {
      tenantId = this.tenantOf(decodeJwt(token).iss);
    } catch (error) {
      throw tenantClaimRefused(error);
    }
    if (!tenantId) throw tenantClaimRefused();
    const identity = await this.verify(token, tenantId).catch((error: unknown) => {
      throw tenantClaimRefused(error);
    });
    if (!identity.roleTemplateIds.some((id) => id in TENANT_ADMIN_ROLES)) throw tenantClaimRefused();
    return { tenantId: identity.tenantId.toLowerCase(), oid: identity.oid };
  }

  #fill(template: string, tenantId: string): string {
    return template.replaceAll('{tenantId}', encodeURIComponent(tenantId));
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

/** The Entra ID token claims cardbridge reads (learn.microsoft.com/entra/identity-platform/id-token-claims-reference). */
interface EntraClaims extends JWTPayload {
  oid: string;
  tid: string;
  ver?: unknown;
  upn?: unknown;
  preferred_username?: unknown;
  email?: unknown;
  /** Optional claim: the e-mail domain's owner is verified (true; some tenants send 1 or "1"). */
  xms_edov?: unknown;
  /** Optional claim: 0 for members of the tenant, 1 for guests. */
  acct?: unknown;
  /** The identity provider that authenticated the user when it is not the tenant itself (guests, MSA). */
  idp?: unknown;
  wids?: unknown;
}

/**
 * The Microsoft account named by ID token claims that were already verified (signature, issuer, audience, expiry,
 * nonce) by the admin portal's authorization code flow; undefined when they name no user of a tenant. The same
 * reduction as {@link MicrosoftSignIn.verify}: the claims rules live in one place.
 */
export function microsoftIdentityOfVerifiedClaims(claims: Readonly<Record<string, unknown>>): MicrosoftIdentity | undefined {
  if (typeof claims.tid !== 'string' || !claims.tid || typeof claims.oid !== 'string' || !claims.oid || typeof claims.iss !== 'string') return undefined;
  return identityOf(claims as EntraClaims, claims.tid, claims.iss);
}

function identityOf(claims: EntraClaims, tenantId: string, issuer: string): MicrosoftIdentity {
  const text = (value: unknown) => (typeof value === 'string' && value.includes('@') ? value : undefined);
  // v2 tokens carry the UPN as preferred_username; v1 tokens name it upn (and have no preferred_username).
  const upn = text(claims.upn) ?? (claims.ver === '1.0' ? undefined : text(claims.preferred_username));
  // A guest's UPN and e-mail come from their home tenant or Microsoft account, not from this tenant: the tenant
  // vouches for neither. Guests show as acct = 1, an #EXT# UPN, or an idp other than the tenant's own issuer.
  const idp = typeof claims.idp === 'string' ? claims.idp : undefined;
  const guest = claims.acct === 1 || claims.acct === '1'
    || [claims.upn, claims.preferred_username].some((value) => typeof value === 'string' && value.toUpperCase().includes('#EXT#'))
    || (idp !== undefined && idp !== issuer && idp !== `https://sts.windows.net/${tenantId}/`);
  // The e-mail claim is an editable attribute; only xms_edov says its domain's owner verified it.
  const edov = claims.xms_edov === true || claims.xms_edov === 1 || claims.xms_edov === '1' || claims.xms_edov === 'true';
  const roleTemplateIds = Array.isArray(claims.wids) ? claims.wids.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase()) : [];
  return {
    tenantId,
    oid: claims.oid,
    guest,
    userPrincipalName: guest ? undefined : upn,
    verifiedEmail: edov ? text(claims.email) : undefined,
    roleTemplateIds,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
