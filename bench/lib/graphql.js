// Benchmark harness (issue 8): the GraphQL phase — a page of 100 users with their cards, for an organization of
// --users users and for one of --big-group users. Runs when /graphql answers; reported as SKIPPED otherwise.
import { OpError } from './load.js';
import { measurePair } from './measure.js';
import { q } from './raw.js';

export const USERS_PAGE_QUERY = `query BenchUsersPage {
  users(first: 100) {
    totalCount
    edges { cursor node { id card { publicUrl } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const PAGE_REQUESTS = 200;

/**
 * Whether `/graphql` serves this token. Resolves to `{ available: true }` or `{ available: false, reason }`: a 404
 * (not mounted in this build), a connection failure, or any answer that is not `data.__typename`.
 */
export async function probeGraphql(http, token) {
  try {
    const { status, body } = await http.request('POST', '/graphql', {
      body: { query: '{ __typename }' },
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      expect: [200, 400, 401, 403, 404, 405, 415, 500],
    });
    if (status === 404) return { available: false, reason: 'POST /graphql answered 404: the GraphQL API is not mounted in this build' };
    if (status !== 200 || !body?.data?.__typename) return { available: false, reason: `POST /graphql { __typename } answered ${status} ${JSON.stringify(body).slice(0, 200)}` };
    return { available: true };
  } catch (error) {
    return { available: false, reason: `POST /graphql failed: ${error.message}` };
  }
}

async function page(http, token, expectedTotal) {
  const { body } = await http.request('POST', '/graphql', {
    body: { query: USERS_PAGE_QUERY },
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
  });
  const users = body?.data?.users;
  if (body?.errors?.length || !users) throw new OpError('graphql', `graphql errors: ${JSON.stringify(body?.errors ?? body).slice(0, 400)}`);
  if (users.edges.length !== Math.min(100, expectedTotal) || users.totalCount !== expectedTotal) {
    throw new OpError('graphql', `graphql page: ${users.edges.length} edges of totalCount ${users.totalCount}, expected ${Math.min(100, expectedTotal)} of ${expectedTotal}`);
  }
  if (users.edges.some((e) => !e.node.card?.publicUrl)) throw new OpError('graphql', 'graphql page: a user without card.publicUrl');
}

/** Phase `graphql` at one concurrency level; `tokens` are JWTs for the level's and the big organization. */
export async function graphqlPhase(level, big, tokens) {
  const { raw, cb, concurrency: c } = level;
  const rows = [];
  const orgs = [
    { key: 'graphqlOrg', label: `GraphQL page (org ${level.users})`, token: tokens.level, rawOrg: raw.organizationId, total: cb.userIds.filter(Boolean).length },
    { key: 'graphqlBigOrg', label: `GraphQL page (org ${big.cb.userIds.length})`, token: tokens.big, rawOrg: big.raw.organizationId, total: big.cb.userIds.length },
  ];
  for (const org of orgs) {
    const pair = await measurePair({
      name: org.label,
      count: PAGE_REQUESTS,
      concurrency: c,
      raw: { side: raw.side, op: () => q(raw.pool, 'graphqlPage', [org.rawOrg]) },
      cb: { side: cb.side, op: () => page(cb.http, org.token, org.total) },
    });
    rows.push({ key: org.key, ...pair });
  }
  return rows;
}
