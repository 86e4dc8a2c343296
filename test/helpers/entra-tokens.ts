/**
 * A local stand-in for login.microsoftonline.com: one RS256 key per tenant, served at `/<tenant>/keys`, and ID
 * tokens signed like Entra's v2 endpoint signs them (issuer `https://login.test/<tenant>/v2.0`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export const ISSUER_TEMPLATE = 'https://login.test/{tenantId}/v2.0';
export const SIGN_IN_CLIENT_ID = 'cardbridge-sign-in';

export interface EntraTokenOptions {
  /** The tenant whose key signs the token (default: the token's tenant). */
  signedBy?: string;
  audience?: string;
  issuer?: string;
  expiresIn?: string | number;
}

export class LocalEntra {
  readonly #keys = new Map<string, { privateKey: CryptoKey; jwk: JWK }>();
  readonly #server: Server = createServer((request, response) => {
    const tenant = /^\/([^/]+)\/keys$/.exec(request.url ?? '')?.[1];
    const key = tenant ? this.#keys.get(decodeURIComponent(tenant)) : undefined;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: key ? [key.jwk] : [] }));
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The environment a host needs to trust this issuer for Sign in with Microsoft. */
  get env(): Record<string, string> {
    const { port } = this.#server.address() as AddressInfo;
    return { ENTRA_JWKS_URL_TEMPLATE: `http://127.0.0.1:${port}/{tenantId}/keys`, ENTRA_ISSUER_TEMPLATE: ISSUER_TEMPLATE, ENTRA_SIGN_IN_CLIENT_ID: SIGN_IN_CLIENT_ID };
  }

  /** An ID token of `tenant` carrying `claims` (tid is set unless claims name one). */
  async token(tenant: string, claims: Record<string, unknown>, options: EntraTokenOptions = {}): Promise<string> {
    const { privateKey } = await this.#keyOf(options.signedBy ?? tenant);
    return await new SignJWT({ tid: tenant, ver: '2.0', ...claims })
      // The kid of the token's own tenant even when another key signs: the signature check must catch it.
      .setProtectedHeader({ alg: 'RS256', kid: `key-${tenant}` })
      .setIssuer(options.issuer ?? ISSUER_TEMPLATE.replace('{tenantId}', tenant))
      .setAudience(options.audience ?? SIGN_IN_CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '10m')
      .sign(privateKey);
  }

  async #keyOf(tenant: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
    let key = this.#keys.get(tenant);
    if (!key) {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      key = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: `key-${tenant}`, alg: 'RS256', use: 'sig' } };
      this.#keys.set(tenant, key);
    }
    return key;
  }
}
