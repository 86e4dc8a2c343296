/**
 * Internal: Sign in with Microsoft into the admin portal (issue 13) — the authorization code flow with PKCE, run
 * on the server by openid-client: discovery, the authorization URL, the code exchange and the ID token's checks
 * (signature against the provider's keys, issuer, audience, expiry, nonce, state). Who the account is, is then
 * decided by the same claims rules as Bearer sign-in (microsoft-sign-in.ts, sign-in.service.ts).
 */
import * as oidc from 'openid-client';
import type { Pool } from 'pg';
import type { Config } from '../config/config.js';
import { findMicrosoftSignInUser, isMicrosoftSignInEnabled } from '../domain/organizations/sign-in.service.js';
import { microsoftIdentityOfVerifiedClaims } from './microsoft-sign-in.js';

/** The path Microsoft sends the browser back to; registered as the app's redirect URI (Web platform). */
export const MICROSOFT_CALLBACK_PATH = '/portal/auth/microsoft/callback';

/** A started sign-in: what the callback must check the answer against. */
export interface MicrosoftSignInStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why a signed-in Microsoft account gets no portal session, in words for the person. */
export type MicrosoftRefusal = 'tenant-not-enabled' | 'no-user' | 'role';

export type MicrosoftOutcome =
  | { ok: true; organizationId: string; userId: string; role: 'owner' | 'admin' }
  | { ok: false; reason: MicrosoftRefusal; role?: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export class PortalMicrosoftSignIn {
  #configuration?: Promise<oidc.Configuration>;
  readonly redirectUri: string;

  constructor(private readonly config: Config) {
    this.redirectUri = `${config.publicUrl}${MICROSOFT_CALLBACK_PATH}`;
  }

  /** True when the client id and secret are configured. */
  get enabled(): boolean {
    const { clientId, clientSecret } = this.config.portal.microsoft;
    return Boolean(clientId && clientSecret);
  }

  /** The provider's metadata, discovered once (again after a failure). */
  #discover(): Promise<oidc.Configuration> {
    const { clientId, clientSecret, authority } = this.config.portal.microsoft;
    const server = new URL(authority);
    // Plain http only for a provider on this machine (tests); the configuration refuses it elsewhere.
    const insecure = server.protocol === 'http:' && LOOPBACK.has(server.hostname);
    this.#configuration ??= oidc
      .discovery(server, clientId!, undefined, oidc.ClientSecretPost(clientSecret!.reveal()), { execute: insecure ? [oidc.allowInsecureRequests] : [], timeout: 10 })
      .then((configuration) => {
        // Check the ID token's signature too, not only its claims (it also arrives over TLS from the token endpoint).
        oidc.enableNonRepudiationChecks(configuration);
        return configuration;
      })
      .catch((error: unknown) => {
        this.#configuration = undefined;
        throw error;
      });
    return this.#configuration;
  }

  /** A new authorization request: state, nonce and PKCE verifier to keep, the URL to send the browser to. */
  async start(): Promise<MicrosoftSignInStart> {
    const configuration = await this.#discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      response_type: 'code',
      response_mode: 'query',
      scope: 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code from the callback's query for tokens; the verified ID token's claims. Throws on any failure. */
  async finish(query: string, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Readonly<Record<string, unknown>>> {
    const configuration = await this.#discover();
    const current = new URL(`${this.redirectUri}${query ? `?${query}` : ''}`);
    const tokens = await oidc.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the token endpoint sent no ID token');
    return claims;
  }

  /**
   * The cardbridge user the verified claims sign in as, by the claims rules of Bearer sign-in: the organization
   * holds the account's tenant with Sign in with Microsoft on; the user is bound by tid + oid, or bound now by
   * UPN = userName (members) or a verified e-mail (xms_edov). Only admins and owners get a portal session.
   */
  async resolve(pool: Pool, claims: Readonly<Record<string, unknown>>): Promise<MicrosoftOutcome> {
    const identity = microsoftIdentityOfVerifiedClaims(claims);
    if (!identity) return { ok: false, reason: 'no-user' };
    if (!(await isMicrosoftSignInEnabled(pool, identity.tenantId))) return { ok: false, reason: 'tenant-not-enabled' };
    const user = await findMicrosoftSignInUser(pool, identity);
    if (!user) return { ok: false, reason: 'no-user' };
    if (user.userRole !== 'owner' && user.userRole !== 'admin') return { ok: false, reason: 'role', role: user.userRole };
    return { ok: true, organizationId: user.organizationId, userId: user.userId, role: user.userRole };
  }
}
