import { BigIntType, DateTimeType, UnderscoreNamingStrategy, type EntitySchema } from '@mikro-orm/core';
import { joinSql, raw, sql, type Param, type SqlFragment } from './fragment.js';
import { registerConstraintMessages, type ConstraintMessages } from './run.js';

/** The property names of an entity type that are columns (what a statement may name). */
export type PropertyOf<E> = Extract<keyof E, string>;

/** A row read through a {@link Projection}: the entity's own property names and types. */
export type RowOf<E, K extends PropertyOf<E>> = { [P in K]: E[P] };

/**
 * A row as a statement reads it: like {@link RowOf}, but a nullable column is `null`, never `undefined` (the entity
 * types declare nullable properties optional, for writes).
 */
export type StoredRowOf<E, K extends PropertyOf<E>> = { [P in K]: Exclude<E[P], undefined> };

/**
 * The columns a statement selects, aliased to the entity's property names (`u.user_name as "userName"`), so rows
 * arrive in the entity's shape: `read` only turns the driver's timestamp strings into Dates (and bigint strings
 * into numbers). `sql` is trusted text built from metadata; splice it with `raw()` or `${projection.fragment}`.
 */
export interface Projection<R> {
  readonly sql: string;
  readonly fragment: SqlFragment;
  read(row: Record<string, unknown>): R;
}

const naming = new UnderscoreNamingStrategy();

interface ColumnInfo {
  readonly column: string;
  readonly convert?: (value: unknown) => unknown;
}

const toDate = (value: unknown): unknown => (value == null || value instanceof Date ? value : new Date(value as string));
const toNumber = (value: unknown): unknown => (value == null || typeof value === 'number' ? value : Number(value));

/**
 * One table, described once: by its MikroORM entity. Column names, the select lists and the row mapping of every
 * statement on the table come from the entity's metadata (its table name, property names and types under the
 * naming strategy the ORM uses), so a column is added to the entity and to a migration, and every statement that
 * selects it gets it under its property name.
 *
 * ```ts
 * const users = new EntityTable(User, 'u');
 * users.col('userName')                       // u.user_name
 * users.projection(['id', 'userName']).sql    // u.id as "id", u.user_name as "userName"
 * ```
 */
export class EntityTable<E extends object> {
  /** The table's name in the database. */
  readonly name: string;
  /** `<table> <alias>`, for a from clause. */
  readonly from: string;
  private readonly columns = new Map<string, ColumnInfo>();

  constructor(
    readonly schema: EntitySchema<E, never> | EntitySchema<E>,
    /** The alias its statements use for the table (`u` for users). */
    readonly alias: string,
    /** Messages for the table's unique and check constraints, by constraint name (what a refused write reads). */
    constraints: ConstraintMessages = {},
  ) {
    const meta = (schema as EntitySchema<E>).meta;
    this.name = meta.tableName ?? meta.collection ?? naming.classToTableName(meta.className);
    this.from = `${this.name} ${alias}`;
    for (const [name, prop] of Object.entries(meta.properties) as [string, { fieldName?: string; fieldNames?: string[]; type?: unknown }][]) {
      const column = prop.fieldNames?.[0] ?? prop.fieldName ?? naming.propertyToColumnName(name);
      // A property's type is a Type class (p.datetime()) or an instance carrying options (p.bigint('number')).
      const type = prop.type;
      const isDate = type === DateTimeType || type instanceof DateTimeType || (typeof type === 'function' && type.prototype instanceof DateTimeType);
      const isBigNumber = type instanceof BigIntType && (type as { mode?: string }).mode === 'number';
      this.columns.set(name, { column, convert: isDate ? toDate : isBigNumber ? toNumber : undefined });
    }
    registerConstraintMessages(constraints);
  }

  /** The bare column name of a property: `user_name`. */
  column(prop: PropertyOf<E>): string {
    const info = this.columns.get(prop);
    if (!info) throw new Error(`${this.name} has no property ${prop}`);
    return info.column;
  }

  /** The qualified column of a property: `u.user_name`. */
  col(prop: PropertyOf<E>): string {
    return `${this.alias}.${this.column(prop)}`;
  }

  /** Bare column names, comma-separated, for an insert's column list or a `returning`. */
  columnList(props: readonly PropertyOf<E>[]): string {
    return props.map((p) => this.column(p)).join(', ');
  }

  /**
   * The statement's named parameters of `props`, comma-separated (`${p.userName}, ${p.email}`): an insert's values in
   * the order of {@link columnList} over the same list.
   */
  valueList<K extends PropertyOf<E>>(props: readonly K[], p: { readonly [P in K]: Param }): SqlFragment {
    return joinSql(
      props.map((prop) => sql`${p[prop]}`),
      ', ',
    );
  }

  /**
   * An update's set list over `props`, each column from the statement's parameter of the same name
   * (`user_name = ${p.userName}, email = ${p.email}`); `values` gives a property another expression
   * (`{ email: sql\`coalesce(${p.email}, u.email)\` }`).
   */
  setList<K extends PropertyOf<E>>(props: readonly K[], p: { readonly [P in K]: Param }, values: { readonly [P in K]?: SqlFragment } = {}): SqlFragment {
    return joinSql(
      props.map((prop) => sql`${raw(this.column(prop))} = ${values[prop] ?? p[prop]}`),
      ', ',
    );
  }

  /** The columns of `props` selected under their property names, and the mapper of the rows that come back. */
  projection<K extends PropertyOf<E>>(props: readonly K[], options: { qualified?: boolean } = {}): Projection<RowOf<E, K>> {
    const qualified = options.qualified ?? true;
    const text = props.map((p) => `${qualified ? this.col(p) : this.column(p)} as "${p}"`).join(', ');
    const conversions = props.flatMap((p) => {
      const convert = this.columns.get(p)!.convert;
      return convert ? [[p, convert] as const] : [];
    });
    const read =
      conversions.length === 0
        ? (row: Record<string, unknown>) => row as RowOf<E, K>
        : (row: Record<string, unknown>) => {
            for (const [p, convert] of conversions) row[p] = convert(row[p]);
            return row as RowOf<E, K>;
          };
    return { sql: text, fragment: raw(text), read };
  }

  /** Every property of the entity (for a test that compares the entity with the migrated table). */
  properties(): { property: string; column: string }[] {
    return [...this.columns].map(([property, info]) => ({ property, column: info.column }));
  }
}
