/**
 * HTTP/1.1 over a bare TCP socket, for tests that need what fetch cannot do: send headers and only part of a body,
 * stall, and see whether (and when) the server answers or closes.
 */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawExchange {
  readonly socket: Socket;
  /** The first response on the connection (undefined when the server closed without one). */
  readonly response: Promise<RawResponse | undefined>;
  /** Resolves when the server ended or reset the connection (or the test destroyed it). */
  readonly closed: Promise<void>;
  /** Whether the connection is closed now. */
  isClosed(): boolean;
  write(chunk: Buffer | string): void;
  destroy(): void;
}

export interface RawRequest {
  method: string;
  /** Path with query, e.g. `/scim/entra/<id>/Users`. */
  path: string;
  headers?: Record<string, string>;
  /** Sent right after the headers; the rest of a declared Content-Length is never sent unless written later. */
  body?: Buffer | string;
  /** Stop after this many header bytes (a client that stalls inside its headers). */
  headerBytes?: number;
}

function parse(buffer: Buffer): RawResponse | undefined {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < end + 4 + length) return undefined;
  return { status: Number(statusLine!.split(' ')[1]), headers, body: buffer.subarray(end + 4, end + 4 + length).toString('utf8') };
}

/** Opens a connection to `baseUrl` and sends the request's head (and the given part of its body). */
export function rawRequest(baseUrl: string, request: RawRequest): RawExchange {
  const url = new URL(baseUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port) });
  let received = Buffer.alloc(0);
  let closed = false;
  let answer!: (response: RawResponse | undefined) => void;
  let done!: () => void;
  const response = new Promise<RawResponse | undefined>((resolve) => (answer = resolve));
  const closedPromise = new Promise<void>((resolve) => (done = resolve));
  const finish = () => {
    closed = true;
    answer(parse(received));
    done();
  };
  socket.on('data', (chunk: Buffer) => {
    if (received.length < 64 * 1024) received = Buffer.concat([received, chunk]);
    const parsed = parse(received);
    if (parsed) answer(parsed);
  });
  socket.on('error', () => {});
  socket.on('end', () => socket.destroy());
  socket.on('close', finish);
  const headers = { host: url.host, ...request.headers };
  const head = `${request.method} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  socket.write(request.headerBytes === undefined ? head : head.slice(0, request.headerBytes));
  if (request.body !== undefined && request.headerBytes === undefined) socket.write(request.body);
  return {
    socket,
    response,
    closed: closedPromise,
    isClosed: () => closed,
    write: (chunk) => void (closed || socket.write(chunk)),
    destroy: () => socket.destroy(),
  };
}

/** Resolves with the promise's value, or `timedOut` after `ms`. */
export async function within<T, U>(promise: Promise<T>, ms: number, timedOut: U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<U>((resolve) => (timer = setTimeout(() => resolve(timedOut), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
