/**
 * The request descriptor of a SCIM request (plugin API `RequestDescriptor`), kept on the request's Koa context:
 * the host's error edge opens it when the request arrives (so its duration counts from there) and logs the request
 * from it when the request ends; the routes hand it to every port call, which notes there what it did.
 */
import type { Context } from 'koa';
import type { RequestDescriptor } from '../plugin-api/port.js';

/** A key only this module holds (nothing a client sends can set it); a property rather than a WeakMap entry. */
const DESCRIPTOR = Symbol('cardbridge.requestDescriptor');
type Described = Context & { [DESCRIPTOR]?: RequestDescriptor };

/** Opens the descriptor of a request that arrives now (the host's error edge calls it first). */
export function openRequest(ctx: Context): RequestDescriptor {
  const request: RequestDescriptor = { id: ctx.state.requestId as string | undefined, method: ctx.method, path: ctx.path, startedAt: performance.now() };
  (ctx as Described)[DESCRIPTOR] = request;
  return request;
}

/** The request's descriptor: the one opened when it arrived, or one opened now (a service mounted without the host's edge). */
export function requestOf(ctx: Context): RequestDescriptor {
  return (ctx as Described)[DESCRIPTOR] ?? openRequest(ctx);
}
