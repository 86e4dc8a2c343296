/**
 * Issue 11: GraphQL variables of the wrong type are the client's mistake — 400 with `extensions.code`
 * BAD_USER_INPUT, as Apollo answers variable coercion errors — never a 500 INTERNAL_SERVER_ERROR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type TestHost } from '../helpers/test-host.js';
import { entraOrganization, gql, productToken } from './graphql-helpers.js';

let host: TestHost;
let token: string;
beforeAll(async () => {
  host = await startHost();
  await entraOrganization(host, 'vartypes');
  token = await productToken({ org: 'vartypes', role: 'admin' });
});
afterAll(async () => await host?.close());

describe('variables of the wrong type', () => {
  it.each([
    ['a string for Int!', 'query ($first: Int!) { users(first: $first) { totalCount } }', { first: 'many' }],
    ['an object for ID!', 'query ($id: ID!) { card(id: $id) { id } }', { id: { not: 'an id' } }],
    ['null for a non-null variable', 'query ($first: Int!) { cards(first: $first) { totalCount } }', { first: null }],
    ['a missing non-null variable', 'query ($id: ID!) { card(id: $id) { id } }', {}],
    ['an unknown input field', 'query ($filter: CardFilterInput) { cards(filter: $filter) { totalCount } }', { filter: { nope: 1 } }],
  ])('%s: 400 BAD_USER_INPUT naming the variable', async (_name, query, variables) => {
    const response = await gql(host, query, variables, token);
    expect(response.status).toBe(400);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/^Variable "\$\w+"/);
    expect(response.data).toBeUndefined();
  });

  it('still runs the same operation with variables of the right type', async () => {
    const response = await gql(host, 'query ($first: Int!) { users(first: $first) { totalCount } }', { first: 5 }, token);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data.users.totalCount).toBe(0);
  });

  it('still refuses an operation over the cost limit with well-typed variables (GRAPHQL_VALIDATION_FAILED)', async () => {
    const response = await gql(host, 'query ($first: Int!) { users(first: $first) { edges { node { id groups(first: 100) { edges { node { id } } } } } } }', { first: 100 }, token);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
