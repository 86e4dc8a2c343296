/** Internal: verifies the tokens the product signs (`cardbridge jwt`, or the product's own sign-in service). */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config.js';
import { ROLES, type Role } from '../domain/users/user.entity.js';
import { DomainError } from '../domain/errors.js';

/** Asymmetric algorithms accepted with a configured public key or JWKS; never `none`, never HS* with them. */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

/** The claims cardbridge needs from a product token: `sub`, `org` (organization slug), `role`. */
export interface ProductClaims {
  subject: string;
  organizationSlug: string;
  role: Role;
}

export type ProductTokenVerifier = (token: string, algorithm: string | undefined) => Promise<ProductClaims>;

/** A verifier enforcing issuer, audience, expiry and an algorithm allow-list per configured key. */
export function createProductTokenVerifier(auth: Config['auth']): ProductTokenVerifier {
  const secret = auth.jwtSecret ? new TextEncoder().encode(auth.jwtSecret.reveal()) : undefined;
  const publicKey: KeyObject | undefined = auth.publicKey ? createPublicKey(auth.publicKey.replace(/\\n/g, '\n')) : undefined;
  const jwks: JWTVerifyGetKey | undefined = auth.jwksUrl ? createRemoteJWKSet(new URL(auth.jwksUrl)) : undefined;
  return async (token, algorithm) => {
    const options = { issuer: auth.issuer, audience: auth.audience, requiredClaims: ['exp', 'sub'], clockTolerance: 30 };
    let payload: JWTPayload;
    try {
      if (algorithm === 'HS256' && secret) payload = (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
      else if (publicKey) payload = (await jwtVerify(token, publicKey, { ...options, algorithms: ASYMMETRIC })).payload;
      else if (jwks) payload = (await jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC })).payload;
      else throw new DomainError('UNAUTHENTICATED', `tokens signed with ${algorithm ?? 'no algorithm'} are not accepted`);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError('UNAUTHENTICATED', describeJoseError(error), { cause: error });
    }
    return claimsOf(payload);
  };
}

function claimsOf(payload: JWTPayload): ProductClaims {
  const { org, role, sub } = payload as JWTPayload & { org?: unknown; role?: unknown };
  if (typeof org !== 'string' || !org) throw new DomainError('UNAUTHENTICATED', 'the token has no "org" claim');
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new DomainError('UNAUTHENTICATED', `the token's "role" claim must be one of ${ROLES.join(', ')}`);
  return { subject: sub!, organizationSlug: org, role: role as Role };
}

/** A safe, useful reason for a rejected token (jose's codes, never the token itself). */
export function describeJoseError(error: unknown): string {
  const code = (error as { code?: string })?.code;
  if (code === 'ERR_JWT_EXPIRED') return 'the token has expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return `the token's "${(error as { claim?: string }).claim}" claim is not accepted`;
  if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') return "the token's signing algorithm is not accepted";
  if (code === 'ERR_JWKS_NO_MATCHING_KEY') return 'the token was signed with an unknown key';
  return 'the token is not valid';
}
