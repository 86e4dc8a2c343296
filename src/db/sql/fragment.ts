/**
 * Parameterized SQL composition: values always travel as bind parameters, identifiers only ever come from
 * fixed maps in code. This is how filters from the outside reach the database (never string-built SQL).
 */
export class SqlFragment {
  constructor(
    readonly parts: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/** Tagged template: `sql\`lower(user_name) = lower(${name})\`` → fragment with one parameter. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  const parts: string[] = [strings[0]!];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof SqlFragment) {
      parts[parts.length - 1] += value.parts[0];
      for (let j = 0; j < value.values.length; j++) {
        params.push(value.values[j]);
        parts.push(value.parts[j + 1]!);
      }
      parts[parts.length - 1] += strings[i + 1];
    } else {
      params.push(value);
      parts.push(strings[i + 1]!);
    }
  });
  return new SqlFragment(parts, params);
}

/** A fragment of trusted SQL text with no parameters (identifiers from code only). */
export function raw(text: string): SqlFragment {
  return new SqlFragment([text], []);
}

/** Joins fragments with a trusted separator. */
export function joinSql(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  if (fragments.length === 0) return raw('');
  let out = fragments[0]!;
  for (const next of fragments.slice(1)) out = sql`${out}${raw(separator)}${next}`;
  return out;
}

/** Renders `$n` placeholders starting after `offset` existing parameters. */
export function compileSql(fragment: SqlFragment, offset = 0): { text: string; values: unknown[] } {
  let text = fragment.parts[0]!;
  for (let i = 1; i < fragment.parts.length; i++) text += `$${offset + i}${fragment.parts[i]}`;
  return { text, values: [...fragment.values] };
}

/** A named parameter of a typed {@link statement}: it becomes one `$n` however often the text names it. */
export class Param {
  constructor(readonly name: string) {}
}

/** The parameters a statement's text may name: one {@link Param} per property of `P`. */
export type Params<P> = { readonly [K in keyof P]-?: Param };

/**
 * A statement whose text is fixed once (so it can be a named prepared statement) and whose parameters are named
 * and typed: `values` puts a parameter object into the order of the text's `$n`. No positional arrays by hand.
 */
export interface Statement<P> {
  readonly text: string;
  values(params: P): unknown[];
}

/**
 * Builds a typed statement: `build` gets one placeholder per parameter name and returns the statement's text as a
 * `sql` fragment; every `${p.name}` in it becomes `$n` (the same n each time the name appears). The text may only
 * bind named parameters (splice trusted text with `raw`), so it is the same for every call.
 *
 * ```ts
 * const rename = statement<{ id: string; name: string }>((p) => sql`update template set name = ${p.name} where id = ${p.id}`);
 * await execute(db, rename, { id, name });
 * ```
 */
export function statement<P extends object>(build: (p: Params<P>) => SqlFragment): Statement<P> {
  const refs = new Proxy({} as Params<P>, { get: (_target, key) => (typeof key === 'string' ? new Param(key) : undefined) });
  const fragment = build(refs);
  const order: string[] = [];
  let text = fragment.parts[0]!;
  fragment.values.forEach((value, i) => {
    if (!(value instanceof Param)) throw new TypeError(`a statement binds named parameters only (value ${i + 1} is not one): splice trusted text with raw()`);
    let n = order.indexOf(value.name);
    if (n < 0) n = order.push(value.name) - 1;
    text += `$${n + 1}${fragment.parts[i + 1]}`;
  });
  const keys = order as (keyof P)[];
  return {
    text,
    values: (params: P) => {
      const out = new Array<unknown>(keys.length);
      for (let i = 0; i < keys.length; i++) out[i] = params[keys[i]!] ?? null;
      return out;
    },
  };
}
