import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from '../../src/testkit/host.js';
import { scimClient, type ScimClient } from '../../src/testkit/scim-client.js';
import type { TestHost } from '../helpers/test-host.js';

export type Role = 'owner' | 'admin' | 'editor' | 'viewer' | 'member';
export const ROLES: Role[] = ['owner', 'admin', 'editor', 'viewer', 'member'];

/** A product token as `cardbridge jwt` signs it. */
export async function productToken(claims: { org: string; role: Role; sub?: string }, options: { secret?: string; issuer?: string; audience?: string; expiresIn?: string | number } = {}): Promise<string> {
  return await new SignJWT({ org: claims.org, role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub ?? `cli:${claims.role}`)
    .setIssuer(options.issuer ?? 'cardbridge')
    .setAudience(options.audience ?? 'cardbridge-api')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

export interface GraphQLResponse<T = any> {
  status: number;
  data: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
  raw: any;
}

/** POSTs one operation to /graphql. */
export async function gql<T = any>(host: TestHost, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${host.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const raw: any = await response.json();
  return { status: response.status, data: raw.data, errors: raw.errors, raw };
}

/** The `extensions.code` of the first error. */
export function codeOf(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** A SCIM user body as Entra sends it. */
export function entraUser(n: number, domain = 'example.com'): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId: `ext-${n}`,
    userName: `user${n}@${domain}`,
    active: true,
    displayName: `User ${String(n).padStart(3, '0')}`,
    title: 'Engineer',
    emails: [{ primary: true, type: 'work', value: `user${n}@${domain}` }],
    name: { givenName: 'User', familyName: String(n) },
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: n % 2 ? 'Sales' : 'Research' },
  };
}

/** An organization with an Entra directory, provisioned through the real SCIM endpoint. */
export async function entraOrganization(host: TestHost, org: string, seats = 200): Promise<{ client: ScimClient; directoryId: string; organizationId: string }> {
  const directory = await host.createDirectory({ org, provider: 'entra', seats });
  return { client: scimClient(directory.tenantUrl, directory.secretToken), directoryId: directory.directoryId, organizationId: directory.organizationId };
}

/** Creates `count` users through SCIM; returns their ids. */
export async function provisionUsers(client: ScimClient, from: number, count: number, domain?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let n = from; n < from + count; n++) {
    const response = await client.post('/Users', entraUser(n, domain));
    if (response.status !== 201) throw new Error(`SCIM POST /Users answered ${response.status}: ${JSON.stringify(response.body)}`);
    ids.push(response.body.id);
  }
  return ids;
}
