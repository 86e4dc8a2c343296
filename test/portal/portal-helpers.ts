/** Helpers for the admin portal's entry tests: links, the session cookie, cookie-authenticated GraphQL. */
import { request } from 'node:http';
import { expect } from 'vitest';
import type { TestHost } from '../helpers/test-host.js';
import { gql, productToken, type GraphQLResponse, type Role } from '../graphql/graphql-helpers.js';

export const CREATE_LINK = 'mutation($input: CreatePortalLinkInput!) { createPortalLink(input: $input) { url expiresAt intent returnUrl } }';

/** A portal link of `org` made through GraphQL by a token of `role`. */
export async function portalLink(host: TestHost, org: string, input: Record<string, unknown> = {}, role: Role = 'admin'): Promise<string> {
  const response = await gql(host, CREATE_LINK, { input }, await productToken({ org, role }));
  expect(response.errors).toBeUndefined();
  return response.data.createPortalLink.url;
}

/** The path of a link URL on the host (the URL's origin is the public URL). */
export function onHost(host: TestHost, url: string): string {
  const parsed = new URL(url);
  return `${host.url}${parsed.pathname}${parsed.search}`;
}

/** GETs a link (what a previewer or a browser does first): its page, which never uses the link. */
export async function viewLink(host: TestHost, url: string, method: 'GET' | 'HEAD' = 'GET'): Promise<Response> {
  return await fetch(onHost(host, url), { method, redirect: 'manual' });
}

/** POSTs a link (what its page's form does), with the headers given, without following the redirect. */
export async function postLink(host: TestHost, url: string, headers: Record<string, string> = {}): Promise<Response> {
  return await fetch(onHost(host, url), { method: 'POST', headers, redirect: 'manual' });
}

/**
 * Opens a link as a browser does: GETs its page and, when that offers the form, POSTs it as the page's script
 * would (same-origin headers); answers the POST, or the GET when there was no form (410, 404).
 */
export async function openLink(host: TestHost, url: string): Promise<Response> {
  const page = await viewLink(host, url);
  if (page.status !== 200) return page;
  const action = /<form id="portal-link" method="post" action="([^"]+)">/.exec(await page.text())?.[1];
  expect(action).toBe(new URL(url).pathname);
  return await postLink(host, url, { origin: 'null', 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' });
}

/** The `name=value` of a Set-Cookie header for `name`. */
export function cookieOf(response: Response, name = 'cardbridge_portal'): string | undefined {
  const header = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return header?.split(';')[0];
}

export interface PortalSessionInfo {
  organization: { id: string; name: string; slug: string };
  role: string;
  method: string;
  intent: string;
  returnUrl: string | null;
  csrfToken: string;
  expiresAt: string;
}

/** Opens a fresh link of `org` and reads the session: the cookie and the CSRF token. */
export async function portalSession(host: TestHost, org: string, input: Record<string, unknown> = {}): Promise<{ cookie: string; session: PortalSessionInfo }> {
  const opened = await openLink(host, await portalLink(host, org, input));
  expect(opened.status).toBe(303);
  const cookie = cookieOf(opened)!;
  const response = await fetch(`${host.url}/portal/session`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return { cookie, session: (await response.json()) as PortalSessionInfo };
}

/** POST /graphql with the session cookie (and, unless overridden, its CSRF token and JSON content type). */
export async function gqlWithCookie<T = any>(host: TestHost, cookie: string, csrfToken: string | undefined, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${host.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const raw: any = await response.json();
  return { status: response.status, data: raw.data, errors: raw.errors, raw };
}

/** A GET with the path sent exactly as given (fetch would resolve `..` before sending). */
export function rawGet(host: TestHost, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
