import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestContext } from '@mikro-orm/core';
import type { Middleware } from 'koa';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';

let server: Server;
let url: string;
let forks = 0;

/** Answers every request with whether it runs inside a MikroORM request context. */
const probe: Middleware = (ctx) => {
  ctx.body = { context: RequestContext.getEntityManager() !== undefined };
};

beforeAll(async () => {
  const em = { name: 'default', fork: () => ({ fork: ++forks }) };
  const app = createApp({
    config: {} as never,
    orm: { em } as never,
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

describe('unit of work per request', () => {
  it('forks the EntityManager for GraphQL requests only; SCIM, public cards and invites run without one', async () => {
    expect(await inContext('/graphql')).toBe(true);
    expect(await inContext('/graphql/')).toBe(true);
    expect(forks).toBe(2);
    expect(await inContext('/scim/entra/00000000-0000-0000-0000-000000000000/Users')).toBe(false);
    expect(await inContext('/c/some-card')).toBe(false);
    expect(await inContext('/invites/token')).toBe(false);
    expect(await inContext('/graphqlx')).toBe(false);
    expect(forks).toBe(2);
  });
});
