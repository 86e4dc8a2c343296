import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DomainError } from '../../domain/errors.js';
import type { Statement } from './fragment.js';

/** Something that runs one parameterized statement: the pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';
/** Deadlock and serialization failures: the transaction lost a race and can simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
/** Lock wait or statement timeouts, and a lost race after the retries: the client should come back. */
const BUSY = new Set(['40P01', '40001', '55P03', '57014']);
const CONNECTION_ERRORS = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
}

/**
 * What a caller is told when a constraint refuses a row, by constraint name: a unique index's message, or a check
 * constraint's message and the field it is about. Each table declares its own (see EntityTable).
 */
export type ConstraintMessages = Record<string, string | { message: string; field: string }>;

/**
 * Names of unique indexes → what the caller is told when one of them refuses a row; check constraints whose refusal
 * the caller can act on → message and field (others read as a value out of range). Empty until the tables register
 * theirs: each table's EntityTable declares its constraints' messages, so the module that writes a table has them.
 */
const UNIQUE_MESSAGES: Record<string, string> = {};
const CHECK_MESSAGES: Record<string, { message: string; field: string }> = {};

/** Adds a table's constraint messages (called once per table by its EntityTable). */
export function registerConstraintMessages(messages: ConstraintMessages): void {
  for (const [name, message] of Object.entries(messages)) {
    if (typeof message === 'string') UNIQUE_MESSAGES[name] = message;
    else CHECK_MESSAGES[name] = message;
  }
}

/** True when a database error means the connection or server went away (answer 503, the client retries). */
export function isConnectionError(error: unknown): boolean {
  const e = error as PgError & { errno?: string };
  if (!e || typeof e !== 'object') return false;
  if (e.code && CONNECTION_ERRORS.has(e.code)) return true;
  const message = String(e.message ?? '');
  return /Connection terminated|connection timeout|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error|timeout exceeded when trying to connect|Query read timeout/i.test(message);
}

/** Translates driver errors into DomainErrors; anything else comes back unchanged (and becomes a 500). */
export function translateDbError(error: unknown): unknown {
  const e = error as PgError;
  if (error instanceof DomainError) return error;
  if (e?.code === UNIQUE_VIOLATION) {
    return new DomainError('CONFLICT', UNIQUE_MESSAGES[e.constraint ?? ''] ?? 'a record with these values already exists', { cause: error });
  }
  if (e?.code === FOREIGN_KEY_VIOLATION) return new DomainError('INVALID_INPUT', 'a referenced record does not exist', { cause: error });
  if (e?.code === CHECK_VIOLATION) {
    const known = CHECK_MESSAGES[e.constraint ?? ''];
    return new DomainError('INVALID_INPUT', known?.message ?? 'a value is outside its allowed range', { cause: error, ...(known ? { field: known.field } : {}) });
  }
  // Class 22 (data exception: a NUL byte, bad encoding, a number out of range) and 54000 (an index entry too large).
  if (e?.code?.startsWith('22') || e?.code === '54000') {
    return new DomainError('INVALID_INPUT', 'a value is not valid text, out of range, or too long to store', { cause: error });
  }
  if (e?.code && BUSY.has(e.code)) return new DomainError('UNAVAILABLE', 'the database is busy; retry later', { retryAfterSeconds: 1, cause: error });
  if (isConnectionError(error)) {
    return new DomainError('UNAVAILABLE', 'the database is unavailable; retry later', { retryAfterSeconds: 2, cause: error });
  }
  return error;
}

/**
 * Runs `fn` in one transaction on one pooled connection; commits, or rolls back and rethrows (translated).
 * A transaction that lost a deadlock or serialization race runs again (up to 3 times): `fn` must only touch the
 * database through `tx` (no side effects outside it), which every caller's does.
 */
export async function inTransaction<T>(pool: Pool, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptTransaction(pool, fn);
    } catch (error) {
      const code = ((error as { cause?: PgError }).cause as PgError | undefined)?.code;
      if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

async function attemptTransaction<T>(pool: Pool, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw translateDbError(error);
  }
  let broken = false;
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (error) {
    broken = isConnectionError(error);
    if (!broken) await client.query('rollback').catch(() => (broken = true));
    throw translateDbError(error);
  } finally {
    client.release(broken ? true : undefined);
  }
}

/** Statement texts given a name so far (per process); a bounded set, since every connection keeps its own plans. */
const preparedNames = new Map<string, string>();
const MAX_PREPARED = 256;

/**
 * The name of a server-side prepared statement for `text` (parsed and planned once per connection, then only
 * bound and executed), or undefined once the bounded set is full. For the fixed statements of the hot paths.
 * Needs session-level pooling: PgBouncer's transaction mode cannot keep named statements.
 */
function preparedName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (!name && preparedNames.size < MAX_PREPARED) {
    name = `cb_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    preparedNames.set(text, name);
  }
  return name;
}

/** One typed statement (see `statement` in fragment.ts) with its named parameters; `prepare` as for {@link run}. */
export async function execute<P, R extends QueryResultRow = QueryResultRow>(db: Queryable, stmt: Statement<P>, params: P, options: { prepare?: boolean } = {}): Promise<R[]> {
  return await run<R>(db, stmt.text, stmt.values(params), options);
}

/** One statement on the pool, with driver errors translated; `prepare` runs it as a named prepared statement. */
export async function run<R extends QueryResultRow = QueryResultRow>(db: Queryable, text: string, params: unknown[] = [], options: { prepare?: boolean } = {}): Promise<R[]> {
  try {
    const name = options.prepare ? preparedName(text) : undefined;
    if (name) return (await (db as Pool).query<R>({ name, text, values: params })).rows;
    return (await db.query<R>(text, params)).rows;
  } catch (error) {
    throw translateDbError(error);
  }
}

/**
 * A timestamptz column as a Date. The pool is MikroORM's, whose driver leaves timestamps as strings; services that
 * read them with plain SQL convert here.
 */
export function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
