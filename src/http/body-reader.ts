/**
 * Internal: the one reader of request bodies (SCIM JSON and POST /graphql), under the bounds of issue 11: the size
 * limit (`BODY_LIMIT`, 413 before a byte is read when Content-Length says so), the process-wide budget of body
 * memory in flight (`BODY_BUDGET`, 503 + Retry-After past it) and the body timeout (`BODY_TIMEOUT_SECONDS`, 408).
 * A refused body is never read: the app answers it with `Connection: close` (app.ts), so the socket is closed
 * after the answer instead of draining a stalled body.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import type { Config } from '../config/config.js';
import { DomainError } from '../domain/errors.js';
import { BodyBudget, parsedCost } from './body-budget.js';
import { HttpError } from './errors.js';

/** Seconds a client is told to wait when the budget is full: bodies in flight finish within the body timeout. */
export const BUDGET_RETRY_AFTER_SECONDS = 2;
/**
 * Bodies of requests without credentials (anonymous GraphQL, where every field answers UNAUTHENTICATED) are small
 * and together hold at most an eighth of the budget, so clients without a token can never fill it for the rest.
 */
export const ANONYMOUS_BODY_LIMIT_BYTES = 16 * 1024;
const ANONYMOUS_SHARE = 8;

export interface BodyReaderOptions {
  limitBytes: number;
  /** The limit as configured (`1mb`), for messages. */
  limitText: string;
  budgetBytes: number;
  timeoutSeconds: number;
  /** Told, with the request, when its body is refused because the budget is full: SCIM counts it as a refusal. */
  onBudgetRefused?: (ctx: Context) => void;
}

export class BodyReader {
  readonly budget: BodyBudget;
  readonly anonymousBudget: BodyBudget;

  constructor(private readonly options: BodyReaderOptions) {
    this.budget = new BodyBudget(options.budgetBytes);
    this.anonymousBudget = new BodyBudget(Math.max(ANONYMOUS_BODY_LIMIT_BYTES, Math.floor(options.budgetBytes / ANONYMOUS_SHARE)));
  }

  static fromConfig(config: Config, hooks: Pick<BodyReaderOptions, 'onBudgetRefused'> = {}): BodyReader {
    return new BodyReader({
      limitBytes: config.http.bodyLimitBytes,
      limitText: config.bodyLimit,
      budgetBytes: config.http.bodyBudgetBytes,
      timeoutSeconds: config.http.bodyTimeoutSeconds,
      ...hooks,
    });
  }

  /**
   * Reads the body as UTF-8 text. Throws HttpError 413 (too large), 408 (not received within the body timeout) or
   * 400 (cut short), and DomainError UNAVAILABLE (with retryAfterSeconds) when the budget cannot hold it now. What
   * is reserved is held until the response is done: the parsed document lives as long as the request.
   */
  async readText(ctx: Context, options: { anonymous?: boolean } = {}): Promise<string> {
    const anonymous = options.anonymous === true;
    const limit = anonymous ? Math.min(ANONYMOUS_BODY_LIMIT_BYTES, this.options.limitBytes) : this.options.limitBytes;
    const tooLarge = () => new HttpError(413, `request body is larger than ${anonymous ? `${limit / 1024}kb without a token` : this.options.limitText}`, 'invalidValue');
    const declared = ctx.request.length;
    if (declared !== undefined && declared > limit) throw tooLarge();
    const reserve = (bytes: number) => {
      const own = this.budget.tryReserve(bytes);
      const share = anonymous && own ? this.anonymousBudget.tryReserve(bytes) : undefined;
      if (!own || (anonymous && !share)) {
        own?.();
        this.options.onBudgetRefused?.(ctx);
        throw new DomainError('UNAVAILABLE', 'the server is receiving too many request bodies at once; retry later', { retryAfterSeconds: BUDGET_RETRY_AFTER_SECONDS });
      }
      ctx.res.once('close', () => {
        own();
        share?.();
      });
    };
    // No Content-Length: a chunked body may grow to the limit; without Transfer-Encoding there is none (RFC 9112 §6.3).
    const reserved = declared ?? (ctx.get('transfer-encoding') ? limit : 0);
    reserve(reserved);
    const body = await this.#collect(ctx.req, declared, limit, tooLarge);
    // Charged what it will cost parsed, before it is parsed.
    const cost = parsedCost(body);
    if (cost > this.budget.capacityBytes) throw new HttpError(413, 'request body has more structure than this server parses at once', 'invalidValue');
    if (cost > reserved) reserve(cost - reserved);
    // iconv-lite (raw-body) dropped a byte order mark; JSON.parse would refuse it.
    const text = body.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  #collect(req: IncomingMessage, declared: number | undefined, limit: number, tooLarge: () => Error): Promise<Buffer> {
    const { timeoutSeconds } = this.options;
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let received = 0;
      const cleanup = () => {
        clearTimeout(timer);
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        req.off('close', onClose);
      };
      const fail = (error: Error) => {
        cleanup();
        // Stop reading: what is still on its way stays in the socket until the answer closes it.
        req.pause();
        chunks.length = 0;
        reject(error);
      };
      const onData = (chunk: Buffer) => {
        received += chunk.length;
        if (received > limit) return fail(tooLarge());
        chunks.push(chunk);
      };
      const onEnd = () => {
        cleanup();
        if (declared !== undefined && received !== declared) reject(new HttpError(400, 'request body did not match its Content-Length', 'invalidSyntax'));
        else resolve(Buffer.concat(chunks, received));
      };
      const onError = () => fail(new HttpError(400, 'request body could not be read', 'invalidSyntax'));
      const onClose = () => fail(new HttpError(400, 'request body could not be read: the connection closed', 'invalidSyntax'));
      // Entra and Okta send a SCIM body (a few kB) in milliseconds; a client still sending after the timeout is
      // stalled or trickling on purpose, and holds budget until it is cut off.
      const timer = setTimeout(() => fail(new HttpError(408, `request body not received within ${timeoutSeconds} s`)), timeoutSeconds * 1000);
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
      req.on('close', onClose);
    });
  }
}
