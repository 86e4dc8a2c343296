/**
 * Internal: counts and times every HTTP request by route family, provider and outcome (issue 14), and serves
 * `/metrics` — on the main port (METRICS=on, mounted first in the Koa app) or on a listener of its own
 * (METRICS=<port>, bound to HOST), behind `Authorization: Bearer $METRICS_TOKEN` when one is set.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { Secret } from '../config/secret.js';
import type { Metrics, RouteFamily } from './metrics.js';

export const METRICS_PATH = '/metrics';
const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The resource segment of `/scim/<provider>/<directoryId>/<resource>…`; @koa/router matches paths case-insensitively. */
const SCIM_FAMILIES = new Map<string, RouteFamily>([
  ['users', 'scim-users'],
  ['groups', 'scim-groups'],
  ['serviceproviderconfig', 'scim-discovery'],
  ['schemas', 'scim-discovery'],
  ['resourcetypes', 'scim-discovery'],
]);

/** Which family a path belongs to and, under `/scim/<provider>/`, which configured provider (else `none`). */
export function classify(path: string, providers: ReadonlySet<string>): { family: RouteFamily; provider: string } {
  if (path.startsWith('/scim/')) {
    const [, , name = '', , resource = ''] = path.split('/', 5);
    return { family: SCIM_FAMILIES.get(resource.toLowerCase()) ?? 'scim-other', provider: providers.has(name) ? name : 'none' };
  }
  const family: RouteFamily =
    path === '/graphql' || path.startsWith('/graphql/')
      ? 'graphql'
      : path.startsWith('/c/')
        ? 'public-card'
        : path.startsWith('/invites/')
          ? 'invites'
          : path === '/healthz' || path === '/readyz'
            ? 'health'
            : path === METRICS_PATH
              ? 'metrics'
              : 'other';
  return { family, provider: 'none' };
}

/** The status Koa will answer a thrown error with. */
function errorStatus(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown } | undefined)?.status ?? (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** The scimType of a SCIM error body, when the response is one; a name outside RFC 7644's style counts as `other`. */
function scimTypeOf(body: unknown): { isError: boolean; scimType?: string } {
  const error = body as { schemas?: unknown; scimType?: unknown } | null | undefined;
  if (!error || typeof error !== 'object' || !Array.isArray(error.schemas) || !error.schemas.includes(SCIM_ERROR_SCHEMA)) return { isError: false };
  if (error.scimType === undefined) return { isError: true };
  return { isError: true, scimType: typeof error.scimType === 'string' && /^[A-Za-z]{1,40}$/.test(error.scimType) ? error.scimType : 'other' };
}

/** Compares hashes of equal length in constant time: the token's length and content do not leak through timing. */
function bearerCheck(token: Secret | undefined): (authorization: string | undefined) => boolean {
  if (!token) return () => true;
  const expected = createHash('sha256').update(token.reveal()).digest();
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return !!match && timingSafeEqual(createHash('sha256').update(match[1]!).digest(), expected);
  };
}

type Scrape = { status: number; headers: Record<string, string>; body: string };

async function scrape(metrics: Metrics, method: string, authorized: boolean, log: Logger): Promise<Scrape> {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain' }, body: 'method not allowed\n' };
  if (!authorized) return { status: 401, headers: { 'www-authenticate': 'Bearer realm="cardbridge-metrics"', 'content-type': 'text/plain' }, body: 'a bearer token is required\n' };
  try {
    return { status: 200, headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' }, body: await metrics.render() };
  } catch (error) {
    log.error({ err: error }, 'metrics could not be rendered');
    return { status: 500, headers: { 'content-type': 'text/plain' }, body: 'metrics unavailable\n' };
  }
}

export interface HttpMetricsOptions {
  /** Plugin names: the `provider` label of SCIM requests (any other path segment counts as `none`). */
  providers: Iterable<string>;
  /** Answer `/metrics` here (METRICS=on). */
  serve: boolean;
  token?: Secret;
  log: Logger;
}

/** Mounted first: it sees every request's final status, including those the SCIM edge or Koa turned into errors. */
export function httpMetricsMiddleware(metrics: Metrics, options: HttpMetricsOptions): Middleware {
  const providers = new Set(options.providers);
  const authorized = bearerCheck(options.token);
  const serveHere = async (ctx: Context) => {
    const answer = await scrape(metrics, ctx.method, authorized(ctx.get('authorization') || undefined), options.log);
    ctx.status = answer.status;
    ctx.set(answer.headers);
    ctx.body = answer.body;
  };
  return async (ctx, next) => {
    const started = performance.now();
    const { family, provider } = classify(ctx.path, providers);
    let status = 500;
    try {
      if (options.serve && family === 'metrics') await serveHere(ctx);
      else await next();
      status = ctx.status;
    } catch (error) {
      status = errorStatus(error);
      throw error;
    } finally {
      metrics.observeRequest(family, provider, status, (performance.now() - started) / 1000);
      if (status >= 400 && family.startsWith('scim-')) {
        const { isError, scimType } = scimTypeOf(ctx.body);
        if (isError) metrics.scimError(provider, scimType, status);
      }
    }
  };
}

/** METRICS=<port>: a plain HTTP listener that answers `/metrics` and nothing else. */
export async function listenForScrapes(metrics: Metrics, options: { host: string; port: number; token?: Secret; log: Logger }): Promise<{ url: string; close(): Promise<void> }> {
  const authorized = bearerCheck(options.token);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    const answer: Scrape =
      path === METRICS_PATH
        ? await scrape(metrics, request.method ?? 'GET', authorized(request.headers.authorization), options.log)
        : { status: 404, headers: { 'content-type': 'text/plain' }, body: `only ${METRICS_PATH} is served on this port\n` };
    response.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
    response.end(request.method === 'HEAD' ? undefined : answer.body);
  };
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 65_000 }, (request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`METRICS: cannot listen on ${options.host}:${options.port}: ${error.message}`, { cause: error })));
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}${METRICS_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
