import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers for one user's photo: bytes, or a status (404: no photo; 5xx: an outage). */
export type PhotoAnswer = { status: 200; contentType: string; data: Buffer } | { status: number };

export interface FakeGraph {
  /** MS_LOGIN_URL */
  readonly loginUrl: string;
  /** MS_GRAPH_URL (with /v1.0, as Microsoft's) */
  readonly graphUrl: string;
  /** Bodies of token requests (form fields). */
  readonly tokenRequests: URLSearchParams[];
  /** Token-endpoint paths asked, e.g. `/<tenant>/oauth2/v2.0/token`. */
  readonly tokenPaths: string[];
  /** Photo requests: the user id asked and the bearer token sent. */
  readonly photoRequests: { userId: string; authorization: string | undefined }[];
  /** Answers for a user, used in order; the last one repeats. */
  answer(userId: string, ...answers: PhotoAnswer[]): void;
  /** Make the token endpoint refuse (401 invalid_client) while true. */
  rejectTokens(reject: boolean): void;
  close(): Promise<void>;
}

const body = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

/** Microsoft's token endpoint and Graph's `/users/{id}/photo/$value`, on 127.0.0.1. */
export async function startFakeGraph(): Promise<FakeGraph> {
  const tokenRequests: URLSearchParams[] = [];
  const tokenPaths: string[] = [];
  const photoRequests: { userId: string; authorization: string | undefined }[] = [];
  const answers = new Map<string, PhotoAnswer[]>();
  let rejecting = false;
  let issued = 0;
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (token && request.method === 'POST') {
      tokenRequests.push(new URLSearchParams(await body(request)));
      tokenPaths.push(url.pathname);
      response.setHeader('content-type', 'application/json');
      if (rejecting) {
        response.statusCode = 401;
        return response.end(JSON.stringify({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] }));
      }
      issued += 1;
      return response.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: `app-token-${issued}` }));
    }
    const photo = /^\/v1\.0\/users\/([^/]+)\/photo\/\$value$/.exec(url.pathname);
    if (photo && request.method === 'GET') {
      const userId = decodeURIComponent(photo[1]!);
      photoRequests.push({ userId, authorization: request.headers.authorization });
      const queue = answers.get(userId) ?? [{ status: 404 }];
      const next = queue.length > 1 ? queue.shift()! : queue[0]!;
      response.statusCode = next.status;
      if ('data' in next) {
        response.setHeader('content-type', next.contentType);
        return response.end(next.data);
      }
      response.setHeader('content-type', 'application/json');
      return response.end(JSON.stringify({ error: { code: next.status === 404 ? 'ImageNotFound' : 'UnknownError', message: 'fake' } }));
    }
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    loginUrl: base,
    graphUrl: `${base}/v1.0`,
    tokenRequests,
    tokenPaths,
    photoRequests,
    answer: (userId, ...list) => void answers.set(userId, list),
    rejectTokens: (reject) => void (rejecting = reject),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
