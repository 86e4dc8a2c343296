import type { EntityManager, Kysely } from '@mikro-orm/postgresql';
import { translateDbError, type Queryable } from './run.js';

type CompiledQuery = Parameters<Kysely<object>['executeQuery']>[0];

/** A statement the ORM's transaction runs as given: `$n` placeholders, values bound by pg (kysely's raw query). */
function compiled(text: string, params: readonly unknown[]): CompiledQuery {
  return { sql: text, parameters: params, query: { kind: 'RawNode', sqlFragments: [text], parameters: [] }, queryId: { queryId: 'cardbridge' } } as unknown as CompiledQuery;
}

/** The ORM transaction of `em` as a {@link Queryable}: typed statements run on its connection, inside it. */
function transactionQueryable(em: EntityManager): Queryable {
  return {
    query: async (text, params = []) => {
      const result = await em.getKysely().executeQuery(compiled(text, params));
      return { rows: result.rows as never[], rowCount: result.numAffectedRows === undefined ? result.rows.length : Number(result.numAffectedRows) };
    },
  };
}

/**
 * One unit of work: a fork of `em` (its own identity map) in one transaction, flushed once when `fn` returns, then
 * committed; rolled back on any error (translated like every statement's). `fn` changes entities through `work`
 * and runs set-based statements through `tx` (typed statements with `execute`), all on the same connection.
 * For the low-traffic admin writes; the SCIM hot paths keep named prepared statements on the pool.
 */
export async function inUnitOfWork<T>(em: EntityManager, fn: (work: EntityManager, tx: Queryable) => Promise<T>): Promise<T> {
  try {
    return await em.fork().transactional(async (work) => await fn(work, transactionQueryable(work)));
  } catch (error) {
    throw translateDbError(error);
  }
}
