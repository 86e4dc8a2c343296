/**
 * A small SCIM client for tests: JSON in and out, `application/scim+json`, bearer token.
 * @packageDocumentation
 */

/** A SCIM response: status, parsed body (or undefined), headers. @public */
export interface ScimResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** @public */
export interface ScimClient {
  readonly baseUrl: string;
  request<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ScimResponse<T>>;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<ScimResponse<T>>;
  post<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<ScimResponse<T>>;
  put<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<ScimResponse<T>>;
  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<ScimResponse<T>>;
  delete<T = any>(path: string, headers?: Record<string, string>): Promise<ScimResponse<T>>;
  /** Sends raw text (for malformed-body tests). */
  raw(method: string, path: string, text: string, contentType: string): Promise<ScimResponse>;
}

/** Creates a client for a Tenant URL and token (`token: null` sends no Authorization). @public */
export function scimClient(baseUrl: string, token: string | null): ScimClient {
  const send = async (method: string, path: string, payload: string | undefined, headers: Record<string, string>) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { accept: 'application/scim+json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: payload,
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, body: body as any, headers: response.headers };
  };
  const json = (method: string) => (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    send(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? headers : { 'content-type': 'application/scim+json', ...headers });
  return {
    baseUrl,
    request: (method, path, body, headers = {}) => json(method)(path, body, headers),
    get: (path, headers = {}) => send('GET', path, undefined, headers),
    post: json('POST'),
    put: json('PUT'),
    patch: json('PATCH'),
    delete: (path, headers = {}) => send('DELETE', path, undefined, headers),
    raw: (method, path, text, contentType) => send(method, path, text, { 'content-type': contentType }),
  };
}
