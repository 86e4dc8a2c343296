import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createOrm, nativePool } from '../../src/db/orm.js';
import { createTestDatabase, type TestDatabase } from '../../src/testkit/postgres.js';

// Issue 15: the entities are the domain's model (every column list and row type is derived from them), so each must
// match its migrated table exactly: the same columns, and for each the same type, nullability and default. A column
// without a property, a property without a column, or any other difference fails, naming the table and column.

let database: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  database = await createTestDatabase({ adminUrl: inject('adminUrl'), templateDatabase: inject('templateDatabase') });
  orm = await createOrm({ url: database.url, poolMax: 2 });
});
afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

/** A column as both sides describe it: its PostgreSQL type, whether it may be null, whether it has a default. */
interface Column {
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}

/** The ORM's column types, spelled as information_schema's udt_name. */
const UDT: Record<string, string> = {
  uuid: 'uuid', text: 'text', 'varchar(255)': 'varchar', int: 'int4', integer: 'int4', smallint: 'int2', bigint: 'int8',
  boolean: 'bool', jsonb: 'jsonb', json: 'jsonb', timestamptz: 'timestamptz', 'timestamptz(6)': 'timestamptz', bytea: 'bytea',
  'text[]': '_text', 'uuid[]': '_uuid', real: 'float4', float: 'float4',
};

/** Serial columns: an integer type whose default is its sequence. */
const SERIAL: Record<string, string> = { bigserial: 'int8', serial: 'int4' };

function entityColumns(): Map<string, Map<string, Column>> {
  const tables = new Map<string, Map<string, Column>>();
  for (const meta of orm.getMetadata().getAll().values()) {
    if (meta.embeddable || meta.virtual) continue;
    const columns = new Map<string, Column>();
    for (const prop of meta.props) {
      if (prop.persist === false || !prop.fieldNames?.length) continue;
      const columnType = String(prop.columnTypes?.[0] ?? prop.type).toLowerCase();
      columns.set(prop.fieldNames[0]!, {
        type: SERIAL[columnType] ?? UDT[columnType] ?? `unmapped ${columnType}`,
        nullable: prop.nullable === true,
        hasDefault: columnType in SERIAL || prop.default !== undefined || prop.defaultRaw !== undefined,
      });
    }
    tables.set(meta.tableName, columns);
  }
  return tables;
}

async function schemaColumns(tables: readonly string[]): Promise<Map<string, Map<string, Column>>> {
  const pool = await nativePool(orm);
  const { rows } = await pool.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string; column_default: string | null }>(
    `select table_name, column_name, udt_name, is_nullable, column_default from information_schema.columns
     where table_schema = 'public' and table_name = any($1::text[]) order by table_name, ordinal_position`,
    [tables],
  );
  const out = new Map<string, Map<string, Column>>(tables.map((t) => [t, new Map()]));
  for (const row of rows) out.get(row.table_name)!.set(row.column_name, { type: row.udt_name, nullable: row.is_nullable === 'YES', hasDefault: row.column_default !== null });
  return out;
}

describe('every entity matches its migrated table', () => {
  it('has a table for every entity, and the same columns with the same type, nullability and default', async () => {
    const entities = entityColumns();
    const schema = await schemaColumns([...entities.keys()]);
    const differences: string[] = [];
    for (const [table, properties] of entities) {
      const columns = schema.get(table)!;
      if (columns.size === 0) differences.push(`${table}: no such table`);
      for (const [name, column] of columns) {
        const property = properties.get(name);
        if (!property) differences.push(`${table}.${name}: a column without a property`);
        else if (JSON.stringify(property) !== JSON.stringify(column)) differences.push(`${table}.${name}: entity ${JSON.stringify(property)}, table ${JSON.stringify(column)}`);
      }
      for (const name of properties.keys()) if (!columns.has(name) && columns.size) differences.push(`${table}.${name}: a property without a column`);
    }
    expect(differences).toEqual([]);
    expect(entities.size).toBeGreaterThanOrEqual(10);
  });
});
