import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** What the portal's statements run on: the pool or a client inside a transaction. */
export interface PortalDb {
  query<R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** Runs `fn` in one transaction: everything it writes commits together, or nothing does. */
export async function inPortalTransaction<T>(pool: Pool, fn: (tx: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
