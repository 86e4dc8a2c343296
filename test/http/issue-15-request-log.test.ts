import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import Koa from 'koa';
import pino, { type Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestIdMiddleware } from '../../src/http/middleware/request-id.middleware.js';

// Issue 15: the request's child logger is made only when something logs through it. What a request logs, and
// with which request id, stays as it was.
const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});
const log = pino({ level: 'info' }, sink);
let server: ReturnType<Koa['listen']>;
let url: string;

beforeAll(async () => {
  const app = new Koa();
  app.silent = true;
  app.use(async (ctx, next) => {
    // Something mounted before the middleware (metrics, tracing) keeps what it put on the state.
    ctx.state.observed = 'kept';
    await next();
  });
  app.use(requestIdMiddleware(log));
  app.use(async (ctx) => {
    if (ctx.path === '/fail') {
      ctx.status = 503;
      ctx.body = 'down';
    } else if (ctx.path === '/info') {
      (ctx.state.log as Logger).info({ step: 'handler' }, 'handler says hello');
      ctx.body = 'ok';
    } else if (ctx.path === '/replace') {
      ctx.state.log = log.child({ replaced: true });
      ctx.status = 500;
    } else {
      ctx.body = { observed: ctx.state.observed, requestId: ctx.state.requestId };
    }
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => await new Promise((resolve) => server?.close(resolve)));

const waitForLine = async (predicate: (line: Record<string, unknown>) => boolean) => {
  for (let i = 0; i < 100 && !lines.some(predicate); i++) await new Promise((resolve) => setImmediate(resolve));
  return lines.find(predicate);
};

describe('request id and request log (issue 15)', () => {
  it('logs a failed request with its request id and status', async () => {
    const response = await fetch(`${url}/fail`, { headers: { 'x-request-id': 'entra-fail-1' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('x-request-id')).toBe('entra-fail-1');
    const line = await waitForLine((l) => l.msg === 'request failed' && l.reqId === 'entra-fail-1');
    expect(line).toMatchObject({ method: 'GET', path: '/fail', status: 503, level: 50 });
    expect(typeof line?.ms).toBe('number');
  });

  it("binds the request id to what a handler logs through ctx.state.log", async () => {
    const response = await fetch(`${url}/info`);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await waitForLine((l) => l.msg === 'handler says hello')).toMatchObject({ reqId: requestId, step: 'handler' });
  });

  it('writes the access line through a logger a handler put on ctx.state.log', async () => {
    await fetch(`${url}/replace`, { headers: { 'x-request-id': 'entra-replaced' } });
    const line = await waitForLine((l) => l.msg === 'request failed' && l.path === '/replace');
    expect(line).toMatchObject({ replaced: true, status: 500 });
  });

  it('keeps state set before it and logs nothing for a successful request at info level', async () => {
    const before = lines.length;
    const response = await fetch(`${url}/ok`, { headers: { 'x-request-id': 'entra-ok' } });
    expect(await response.json()).toEqual({ observed: 'kept', requestId: 'entra-ok' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.slice(before).filter((l) => l.reqId === 'entra-ok')).toEqual([]);
  });
});
