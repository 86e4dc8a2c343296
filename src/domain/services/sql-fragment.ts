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
