// Benchmark harness (issue 8): bounded-concurrency load over keep-alive HTTP, latencies and percentiles.
import { Pool } from 'undici';

/** A failed operation; `detail` (status and the first bytes of the body) is what the report shows. */
export class OpError extends Error {
  constructor(message, detail) {
    super(message);
    this.detail = detail;
  }
}

/**
 * Runs `op(i)` for i = from…to-1 with at most `concurrency` in flight, writing each latency (ms; NaN when the
 * operation failed) to `latencies[i]`. Workers take the next index as soon as they are free, so indexes are issued
 * in order (the large-group phase compares the first and last 10 %). Returns wall time, errors and the first
 * error details.
 */
export async function runRange(from, to, concurrency, op, latencies) {
  const errorSamples = [];
  let errors = 0;
  let next = from;
  const worker = async () => {
    for (let i = next++; i < to; i = next++) {
      const start = performance.now();
      try {
        await op(i);
        latencies[i] = performance.now() - start;
      } catch (error) {
        errors += 1;
        latencies[i] = NaN;
        if (errorSamples.length < 3) errorSamples.push(error instanceof OpError ? error.detail : String(error?.stack ?? error).slice(0, 500));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, to - from) }, worker));
  return { wallMs: performance.now() - started, errors, errorSamples };
}

/** Percentiles (ms) of the successful latencies in `values` (nearest-rank). */
export function percentiles(values, ps = [50, 95, 99]) {
  const sorted = Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort();
  const out = {};
  for (const p of ps) out[`p${p}`] = sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
  return out;
}

/** The median of the successful latencies. */
export function median(values) {
  return percentiles(values, [50]).p50;
}

/** Fisher–Yates shuffle with a seeded generator, so runs are comparable. */
export function shuffled(items, seed = 42) {
  const out = [...items];
  let s = seed >>> 0;
  const random = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A keep-alive HTTP client for one origin with `connections` sockets (one per concurrent request). */
export class HttpClient {
  constructor(origin, connections, headers = {}) {
    this.pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, headersTimeout: 120_000, bodyTimeout: 120_000 });
    this.headers = headers;
  }

  /**
   * Sends one request; resolves to { status, body } (body parsed when JSON) when the status is one of `expect`,
   * else throws an {@link OpError} carrying status and body.
   */
  async request(method, path, { body, expect = [200], headers } = {}) {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const response = await this.pool.request({
      method,
      path,
      headers: { ...this.headers, ...(payload === undefined ? {} : { 'content-type': 'application/scim+json' }), ...headers },
      body: payload,
    });
    const text = await response.body.text();
    if (!expect.includes(response.statusCode)) {
      throw new OpError(`${method} ${path} → ${response.statusCode}`, `${method} ${path.slice(0, 120)} → ${response.statusCode} ${text.slice(0, 400)}`);
    }
    const type = String(response.headers['content-type'] ?? '');
    return { status: response.statusCode, body: text && type.includes('json') ? JSON.parse(text) : text, bytes: Buffer.byteLength(text) };
  }

  async close() {
    await this.pool.close();
  }
}
