import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestContext } from '@mikro-orm/core';
import type { Middleware } from 'koa';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';

let server: Server;
let url: string;

/** Answers every request with whether it runs inside a MikroORM request context. */
const probe: Middleware = (ctx) => {
  ctx.body = { context: RequestContext.getEntityManager() !== undefined };
};

beforeAll(async () => {
  const app = createApp({
    config: {} as never,
    pool: {} as never,
    log: pino({ level: 'silent' }),
    pluginMiddleware: [],
    routes: [probe],
    isShuttingDown: () => false,
  });
  server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => await new Promise((resolve) => server?.close(resolve)));

async function inContext(path: string): Promise<boolean> {
  const response = await fetch(`${url}${path}`);
  return ((await response.json()) as { context: boolean }).context;
}

describe('units of work', () => {
  it('no request opens an ORM request context: the admin writes that use the ORM fork their own unit of work', async () => {
    for (const path of ['/graphql', '/graphql/', '/scim/entra/00000000-0000-0000-0000-000000000000/Users', '/c/some-card', '/invites/token']) {
      expect(await inContext(path)).toBe(false);
    }
  });
});
