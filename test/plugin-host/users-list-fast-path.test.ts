/**
 * The Users-list fast path of the plugin loader (`routesOf`) against @koa/router itself: `GET <mount>/<id>/Users`
 * skips the router when a plugin's router holds only the SCIM service's routes, and sets by hand what the router
 * would set (params, routerPath, the matched route tracing and metrics name spans by). This test runs the same
 * requests through the installed router and through the fast path, over real HTTP, and fails when they differ in
 * anything the handler or the observability code read, or in which requests reach the handler at all — so an upgrade
 * of @koa/router that changes those internals is caught here, not in production traces.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Koa, { type Middleware } from 'koa';
import Router from '@koa/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../../src/plugin-host/plugin-loader.js';

const MOUNT = '/scim/entra';

/** What a Users-list handler sees of the routing: the fields this codebase reads, and which request it was. */
interface Seen {
  path: string;
  params: unknown;
  requestParams: unknown;
  routerPath: unknown;
  matchedRoute: unknown;
}

function app(fastPath: boolean, seen: Seen[]): Koa {
  const router = new Router({ prefix: MOUNT });
  const listUsers: Middleware = (ctx) => {
    const routed = ctx as typeof ctx & { params?: unknown; routerPath?: unknown; _matchedRoute?: unknown };
    seen.push({
      path: ctx.path,
      params: routed.params,
      requestParams: (ctx.request as { params?: unknown }).params,
      routerPath: routed.routerPath,
      matchedRoute: routed._matchedRoute,
    });
    ctx.body = { listed: true };
  };
  // The same shape of routes the SCIM service registers: the list, one resource, a sibling resource type.
  router.get('/:directoryId/Users', listUsers);
  router.get('/:directoryId/Users/:id', (ctx) => void (ctx.body = { one: ctx.params.id }));
  router.get('/:directoryId/Groups', (ctx) => void (ctx.body = { groups: true }));
  const koa = new Koa();
  koa.use(fastPath ? routesOf(router, MOUNT, { firstLayer: 0, layers: router.stack.length, listUsers }) : (router.routes() as Middleware));
  koa.use((ctx) => void (ctx.status = 404));
  return koa;
}

async function listen(koa: Koa): Promise<{ url: string; close: () => Promise<void> }> {
  const server = koa.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const PATHS = [
  `${MOUNT}/3f2504e0-4f89-11d3-9a0c-0305e82c3301/Users`,
  `${MOUNT}/dir%20one/Users`,
  `${MOUNT}/a%2Fb/Users`,
  `${MOUNT}/x/Users/`,
  `${MOUNT}/x/users`,
  `${MOUNT}/x/Users/42`,
  `${MOUNT}/x/Groups`,
  `${MOUNT}//Users`,
  `${MOUNT}/Users`,
  `${MOUNT}x/y/Users`,
  `${MOUNT}/x/y/Users`,
];

describe('the Users-list fast path matches @koa/router', () => {
  const viaRouter: Seen[] = [];
  const viaFastPath: Seen[] = [];
  let router: Awaited<ReturnType<typeof listen>>;
  let fast: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    router = await listen(app(false, viaRouter));
    fast = await listen(app(true, viaFastPath));
  });
  afterAll(async () => {
    await router.close();
    await fast.close();
  });

  it.each(PATHS)('GET %s: same status, same body, same routing fields', async (path) => {
    const before = [viaRouter.length, viaFastPath.length];
    const [a, b] = await Promise.all([fetch(`${router.url}${path}?filter=userName%20eq%20%22x%22`), fetch(`${fast.url}${path}?filter=userName%20eq%20%22x%22`)]);
    expect(b.status).toBe(a.status);
    expect(await b.text()).toBe(await a.text());
    expect(viaFastPath.slice(before[1])).toEqual(viaRouter.slice(before[0]));
  });

  it('the fast path serves the list itself and still routes everything else', async () => {
    // Sanity of the comparison above: the list was reached on both sides, with the decoded directory id.
    const listed = viaFastPath.find((s) => s.path.includes('dir%20one'));
    expect(listed).toMatchObject({ params: { directoryId: 'dir one' }, routerPath: `${MOUNT}/:directoryId/Users`, matchedRoute: `${MOUNT}/:directoryId/Users` });
    const res = await fetch(`${fast.url}${MOUNT}/x/Users/42`);
    expect(await res.json()).toEqual({ one: '42' });
  });

  it('a non-GET list request goes to the router on the fast-path side too', async () => {
    const [a, b] = await Promise.all([fetch(`${router.url}${MOUNT}/x/Users`, { method: 'POST' }), fetch(`${fast.url}${MOUNT}/x/Users`, { method: 'POST' })]);
    expect(b.status).toBe(a.status);
  });
});
