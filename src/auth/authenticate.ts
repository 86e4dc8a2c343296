/** Internal: turns `Authorization: Bearer …` into a {@link Viewer} (product tokens and Sign in with Microsoft). */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Pool } from 'pg';
import type { Config } from '../config/config.js';
import { DomainError } from '../domain/errors.js';
import { findMicrosoftSignInUser, isMicrosoftSignInEnabled, resolveTokenSubject } from '../domain/organizations/sign-in.service.js';
import { microsoftSignInFor, type MicrosoftSignIn } from './microsoft-sign-in.js';
import { RANK } from './permissions.js';
import { createProductTokenVerifier } from './product-token.js';
import type { Viewer } from './viewer.js';

export interface Authenticator {
  /** null when no token is sent; throws UNAUTHENTICATED for a token that is not accepted. */
  authenticate(authorization: string | undefined): Promise<Viewer | null>;
}

/** Builds the authenticator once per process (keys and JWKS caches live in it). */
export function createAuthenticator(deps: { config: Config; pool: Pool; microsoft?: MicrosoftSignIn }): Authenticator {
  const verifyProductToken = createProductTokenVerifier(deps.config.auth);
  const microsoft = deps.microsoft ?? microsoftSignInFor(deps.config.auth);

  async function fromProductToken(token: string, algorithm: string | undefined): Promise<Viewer> {
    const claims = await verifyProductToken(token, algorithm);
    const resolved = await resolveTokenSubject(deps.pool, claims.organizationSlug, claims.subject);
    if (!resolved) throw new DomainError('UNAUTHENTICATED', `organization "${claims.organizationSlug}" does not exist`);
    // A token for a user acts with that user's current standing: deleted or deactivated → refused, and never
    // more than the role the user holds now (a demotion takes effect before the token expires). Tokens whose
    // subject is not a user id are service tokens and carry their claimed role.
    if (!resolved.subjectValid) throw new DomainError('UNAUTHENTICATED', 'the user this token was issued for no longer exists or is inactive');
    const role = resolved.userRole && RANK[resolved.userRole] < RANK[claims.role] ? resolved.userRole : claims.role;
    return { organizationId: resolved.organizationId, organizationSlug: resolved.organizationSlug, role, userId: resolved.userId, method: 'token' };
  }

  async function fromMicrosoftToken(token: string, tenantId: string): Promise<Viewer> {
    // Refuse tenants nobody enabled before fetching their keys, so strangers cannot make us call Microsoft.
    if (!(await isMicrosoftSignInEnabled(deps.pool, tenantId))) throw new DomainError('UNAUTHENTICATED', 'Sign in with Microsoft is not enabled for this tenant');
    const identity = await microsoft.verify(token, tenantId);
    // Binds by tid + oid, a member's UPN = the directory's userName, or a verified e-mail; never the raw e-mail claim.
    const user = await findMicrosoftSignInUser(deps.pool, identity);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'no user of an organization with Sign in with Microsoft matches this Microsoft account');
    return { organizationId: user.organizationId, organizationSlug: user.organizationSlug, role: user.userRole, userId: user.userId, method: 'microsoft' };
  }

  return {
    async authenticate(authorization) {
      if (!authorization) return null;
      const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(authorization);
      if (!match) throw new DomainError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <JWT>"');
      const token = match[1]!;
      let issuer: string | undefined;
      let algorithm: string | undefined;
      try {
        issuer = decodeJwt(token).iss;
        algorithm = decodeProtectedHeader(token).alg;
      } catch {
        throw new DomainError('UNAUTHENTICATED', 'the token is not a JWT');
      }
      const tenantId = issuer === deps.config.auth.issuer ? undefined : microsoft.tenantOf(issuer);
      return tenantId ? await fromMicrosoftToken(token, tenantId) : await fromProductToken(token, algorithm);
    },
  };
}
