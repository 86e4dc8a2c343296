/**
 * A local OpenID provider standing in for Microsoft's login endpoint in tests: discovery, JWKS, and a token
 * endpoint that checks the client secret, the code, its redirect URI and its PKCE verifier (S256) before it signs an
 * ID token with jose. The test plays the browser: it reads the authorization request from cardbridge's redirect,
 * then calls `approve` to get the code Microsoft would send back.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string;
  claims: Record<string, unknown>;
  /** Replaces the nonce in the ID token (a replayed or foreign token). */
  nonceOverride?: string;
}

export class FakeOpenIdProvider {
  readonly #codes = new Map<string, PendingCode>();
  #key?: { privateKey: CryptoKey; jwk: JWK };
  /** Token requests the provider answered (client authentication and PKCE checked). */
  readonly tokenRequests: URLSearchParams[] = [];
  readonly #server: Server = createServer((request, response) => void this.#handle(request, response));

  constructor(
    readonly tenant: string,
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  async start(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    this.#key = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'fake-key', alg: 'RS256', use: 'sig' } };
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** The authority (issuer) cardbridge is configured with. */
  get issuer(): string {
    return `${this.origin}/${this.tenant}/v2.0`;
  }

  /** The user approved the request cardbridge sent (its authorization URL): the code Microsoft would redirect with. */
  approve(authorizationUrl: URL, claims: Record<string, unknown>, options: { nonceOverride?: string } = {}): string {
    const params = authorizationUrl.searchParams;
    if (params.get('code_challenge_method') !== 'S256') throw new Error('cardbridge must use PKCE with S256');
    const code = randomBytes(16).toString('base64url');
    this.#codes.set(code, {
      clientId: params.get('client_id')!,
      redirectUri: params.get('redirect_uri')!,
      codeChallenge: params.get('code_challenge')!,
      nonce: params.get('nonce')!,
      claims,
      nonceOverride: options.nonceOverride,
    });
    return code;
  }

  async #handle(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === `/${this.tenant}/v2.0/.well-known/openid-configuration`) {
      return json(200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.origin}/${this.tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${this.origin}/${this.tenant}/oauth2/v2.0/token`,
        jwks_uri: `${this.origin}/${this.tenant}/discovery/v2.0/keys`,
        response_types_supported: ['code'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      });
    }
    if (url.pathname === `/${this.tenant}/discovery/v2.0/keys`) return json(200, { keys: [this.#key!.jwk] });
    if (url.pathname === `/${this.tenant}/oauth2/v2.0/token` && request.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      this.tokenRequests.push(body);
      const pending = this.#codes.get(body.get('code') ?? '');
      this.#codes.delete(body.get('code') ?? '');
      if (body.get('client_id') !== this.clientId || body.get('client_secret') !== this.clientSecret) return json(401, { error: 'invalid_client' });
      if (!pending || body.get('grant_type') !== 'authorization_code' || body.get('redirect_uri') !== pending.redirectUri) return json(400, { error: 'invalid_grant' });
      const challenge = createHash('sha256').update(body.get('code_verifier') ?? '').digest('base64url');
      if (challenge !== pending.codeChallenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      const idToken = await new SignJWT({ ver: '2.0', tid: this.tenant, nonce: pending.nonceOverride ?? pending.nonce, ...pending.claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'fake-key' })
        // Entra's sub is a pairwise id per application; oid is the user's id in the tenant.
        .setSubject(createHash('sha256').update(`${this.clientId}:${String(pending.claims.oid)}`).digest('base64url'))
        .setIssuer(this.issuer)
        .setAudience(this.clientId)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(this.#key!.privateKey);
      return json(200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 3600, id_token: idToken, scope: 'openid profile email' });
    }
    json(404, { error: 'not_found' });
  }
}
