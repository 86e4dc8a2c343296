import { createHash } from 'node:crypto';

/** An Entra app's client-credentials. The secret lives only in memory, for the duration of one job. */
export interface GraphCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface UserPhotoBytes {
  contentType: string;
  data: Buffer;
}

/**
 * A failed call to Microsoft's login or Graph endpoint. `status` is the HTTP status, or 502 when no answer came;
 * `permanent` when retrying the same request cannot help (the answer was not a photo). The message names the
 * endpoint and Microsoft's error code, never a secret or a token.
 */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export interface GraphClientOptions {
  /** e.g. `https://login.microsoftonline.com` (MS_LOGIN_URL). */
  loginUrl: string;
  /** e.g. `https://graph.microsoft.com/v1.0` (MS_GRAPH_URL, version included). */
  graphUrl: string;
  timeoutMs?: number;
}

/** Graph's documented maximum for a profile photo. */
const MAX_PHOTO_BYTES = 4 * 1024 * 1024;
/** Renew a cached token this long before Entra's expiry, so a request never carries an expiring one. */
const EXPIRY_MARGIN_MS = 60_000;

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

/**
 * Fetches profile photos from Microsoft Graph with the client-credentials flow (`/.default` scope, which needs
 * the application permission User.Read.All). App tokens are cached per tenant, app and secret until shortly
 * before they expire, and concurrent jobs share one token request.
 */
export class GraphPhotoClient {
  readonly #tokens = new Map<string, Promise<CachedToken>>();
  readonly #timeoutMs: number;

  constructor(private readonly options: GraphClientOptions) {
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** The path of a user's photo, as recorded in provisioning events. */
  static photoPath(graphUserId: string): string {
    return `/users/${encodeURIComponent(graphUserId)}/photo/$value`;
  }

  /** The user's photo; null when the user has none (Graph answers 404). Throws {@link GraphError}. */
  async photo(credentials: GraphCredentials, graphUserId: string): Promise<UserPhotoBytes | null> {
    const key = cacheKey(credentials);
    const token = await this.#token(key, credentials);
    const response = await this.#fetch(`${this.options.graphUrl}${GraphPhotoClient.photoPath(graphUserId)}`, { headers: { authorization: `Bearer ${token.accessToken}` } }, 'Graph');
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      // A revoked or rotated app token: fetch a new one on the next attempt.
      if (response.status === 401) this.#tokens.delete(key);
      throw new GraphError(`Graph answered ${response.status}${await errorCode(response)}`, response.status);
    }
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!contentType.startsWith('image/')) {
      await response.body?.cancel();
      throw new GraphError(`Graph answered ${contentType || 'no content type'} instead of an image`, 502, true);
    }
    const data = Buffer.from(await response.arrayBuffer());
    if (data.length > MAX_PHOTO_BYTES) throw new GraphError(`the photo is ${data.length} bytes, more than Graph's 4 MB maximum`, 502, true);
    return { contentType, data };
  }

  async #token(key: string, credentials: GraphCredentials): Promise<CachedToken> {
    const cached = this.#tokens.get(key);
    if (cached) {
      const token = await cached.catch(() => undefined);
      if (token && token.expiresAt > Date.now()) return token;
      // Another job renewed it while this one waited: share that request.
      const current = this.#tokens.get(key);
      if (current && current !== cached) return await this.#token(key, credentials);
    }
    return await this.#renew(key, credentials);
  }

  #renew(key: string, credentials: GraphCredentials): Promise<CachedToken> {
    const request = this.#requestToken(credentials);
    this.#tokens.set(key, request);
    request.catch(() => {
      if (this.#tokens.get(key) === request) this.#tokens.delete(key);
    });
    return request;
  }

  async #requestToken(credentials: GraphCredentials): Promise<CachedToken> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const url = `${this.options.loginUrl}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`;
    const response = await this.#fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, 'token endpoint');
    if (!response.ok) throw new GraphError(`token request failed: ${response.status}${await errorCode(response)}`, response.status);
    const json = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== 'string') throw new GraphError('token request failed: no access_token in the answer', 502);
    const seconds = Number(json.expires_in);
    const lifetimeMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : 3600) * 1000;
    return { accessToken: json.access_token, expiresAt: Date.now() + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2) };
  }

  async #fetch(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new GraphError(`${what} unreachable: ${cause}`, 502);
    }
  }
}

/** Tokens are cached per tenant, app and secret, so a rotated secret gets a token of its own. */
function cacheKey(credentials: GraphCredentials): string {
  const secret = createHash('sha256').update(credentials.clientSecret).digest('base64url');
  return `${credentials.tenantId}\n${credentials.clientId}\n${secret}`;
}

/** Microsoft's error code (`invalid_client`, `AADSTS7000215`, `Request_ResourceNotFound`), never the whole body. */
async function errorCode(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const json = JSON.parse(text) as { error?: string | { code?: string }; error_codes?: number[] };
    if (typeof json.error === 'string') return ` ${json.error}${json.error_codes?.length ? ` (AADSTS${json.error_codes[0]})` : ''}`;
    if (json.error && typeof json.error.code === 'string') return ` ${json.error.code}`;
  } catch {
    // not JSON: the status says enough
  }
  return '';
}
