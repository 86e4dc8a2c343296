/**
 * Issue 11, item 2 (GraphQL): 2,400 aliases of `users(first: 1) { totalCount }` cost 4,800, under GRAPHQL_MAX_COST,
 * and sent 2,400 SQL statements, each counting the organization's users. GRAPHQL_MAX_STATEMENTS (default 50) bounds
 * the statements of an operation: estimated before it runs (refused with 400 before any SQL), and guarded while it
 * runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { codeOf, entraOrganization, gql, productToken, provisionUsers, type GraphQLResponse } from './graphql-helpers.js';

let host: TestHost;
let token: string;

beforeAll(async () => {
  host = await startHost();
  const acme = await entraOrganization(host, 'acme');
  await provisionUsers(acme.client, 1, 3);
  token = await productToken({ org: 'acme', role: 'viewer' });
});
afterAll(async () => await host?.close());

/** SQL statements the host's pool runs while `fn` runs (authentication included), background writers excluded. */
async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  const pool = host.server.pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query;
  let count = 0;
  pool.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text ?? '');
    if (!text.includes('insert into provisioning_event') && !text.includes('pg_notify')) count += 1;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    pool.query = original;
  }
  return count;
}

const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('GRAPHQL_MAX_STATEMENTS', () => {
  it('refuses 2,400 aliases of users(first: 1) { totalCount } before any SQL runs, naming the limit', async () => {
    const authOnly = await countStatements(() => gql(host, '{ __typename }', {}, token));
    let response: GraphQLResponse | undefined;
    const statements = await countStatements(async () => (response = await gql(host, aliases(2400, 'users(first: 1) { totalCount }'), {}, token)));
    expect(response!.status).toBe(400);
    expect(codeOf(response!)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response!.errors?.[0]?.extensions).toMatchObject({ limit: { kind: 'statements', max: 50, actual: 2400 } });
    expect(response!.errors?.[0]?.message).toMatch(/may send 2400 SQL statements; the limit is 50/);
    expect(response!.data ?? null).toBeNull();
    // No resolver ran: the request cost what authenticating its token costs, nothing more.
    expect(statements).toBeLessThanOrEqual(authOnly);
  });

  it('answers an operation within the limit, with one statement per alias', async () => {
    const authOnly = await countStatements(() => gql(host, '{ __typename }', {}, token));
    let response: GraphQLResponse | undefined;
    const statements = await countStatements(async () => (response = await gql(host, aliases(40, 'users(first: 1) { totalCount }'), {}, token)));
    expect(response!.errors).toBeUndefined();
    expect(Object.values(response!.data)).toEqual(Array.from({ length: 40 }, () => ({ totalCount: 3 })));
    expect(statements - authOnly).toBe(40);
  });

  it('counts the fields that load (nested object fields once, however long the list), not scalars', async () => {
    const page = '{ users(first: 100) { totalCount edges { cursor node { id card { publicUrl } seat { id } groups { id } } } pageInfo { endCursor } } }';
    expect((await gql(host, page, {}, token)).errors).toBeUndefined();
    // 51 object fields (one root alias plus 50 `card`s) are one too many, even though they batch.
    const wide = `{ users(first: 1) { edges { node { ${Array.from({ length: 50 }, (_, i) => `c${i}: card { id }`).join(' ')} } } } }`;
    const refused = await gql(host, wide, {}, token);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: { kind: 'statements', max: 50, actual: 51 } });
  });

  it('stops an operation that sends more statements than estimated at the limit (STATEMENT_LIMIT_REACHED)', async () => {
    const last = await gql(host, '{ users(first: 100) { pageInfo { endCursor } } }', {}, token);
    const after = last.data.users.pageInfo.endCursor as string;
    // A page past the end sends two statements (the empty page, then its total): 30 aliases estimate 30, send 60.
    const authOnly = await countStatements(() => gql(host, '{ __typename }', {}, token));
    let response: GraphQLResponse | undefined;
    const statements = await countStatements(async () => (response = await gql(host, aliases(30, `users(first: 1, after: "${after}") { totalCount }`), {}, token)));
    expect(response!.status).toBe(200);
    expect(response!.errors?.length).toBeGreaterThan(0);
    expect(response!.errors!.every((e) => e.extensions?.code === 'STATEMENT_LIMIT_REACHED')).toBe(true);
    expect(response!.errors?.[0]?.extensions).toMatchObject({ limit: { kind: 'statements', max: 50 } });
    expect(statements - authOnly).toBeLessThanOrEqual(50);
  });
});
