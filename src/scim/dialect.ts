/** Protocol quirks of an identity provider, expressed as data (no provider names in the toolkit). */

/**
 * How a directory speaks SCIM where it departs from (or interprets) RFC 7643/7644. Plugins build one with
 * {@link defineDialect}; every toolkit function that parses client input takes it.
 * @public
 */
export interface ScimDialect {
  /**
   * Accept PATCH `op` values in any case ("Replace", "ADD"). RFC 7644 §3.5.2 lists "add", "remove", "replace" and
   * says nothing about case, so the strict default only accepts those spellings.
   */
  readonly operationNamesCaseInsensitive: boolean;
  /** Accept the strings "true"/"false" (any case) wherever a boolean is expected: resources, PATCH values, filters. */
  readonly booleanStrings: boolean;
  /**
   * A PATCH add/replace whose value-path filter matches no element (`emails[type eq "work"].value` on a user without
   * a work e-mail) adds a new element built from the filter's `eq` comparisons plus the value, instead of the
   * RFC 7644 §3.5.2.3 answer 400 `noTarget`.
   */
  readonly replaceUnmatchedValuePathAdds: boolean;
  /** The enterprise `manager` may be given as a plain id string; it becomes `{ value: id }`. */
  readonly managerAsString: boolean;
  /**
   * `null` means "unassigned" (RFC 7643 §2.5): dropped from resources, and removes the target in PATCH values.
   * When false, a null value is refused with 400 invalidValue.
   */
  readonly nullMeansAbsent: boolean;
  /** Drop attributes no schema defines instead of answering 400 invalidSyntax. */
  readonly ignoreUnknownAttributes: boolean;
  /**
   * Drop schema URNs in `schemas` that the resource type does not know (e.g. a provider's private URN without
   * attributes) instead of answering 400 invalidValue.
   */
  readonly ignoreUnknownSchemas: boolean;
  /** Largest page a list returns (RFC 7644 §3.4.2.4 lets a service provider return fewer than `count`). */
  readonly maxPageSize: number;
}

/**
 * Strict RFC 7643/7644 behaviour: case-sensitive op names, real JSON booleans only, `noTarget` for unmatched value
 * paths, complex `manager`, null as unassigned (RFC 7643 §2.5), unknown attributes and schemas refused, pages of 100.
 * @public
 */
export const rfcDialect: ScimDialect = Object.freeze({
  operationNamesCaseInsensitive: false,
  booleanStrings: false,
  replaceUnmatchedValuePathAdds: false,
  managerAsString: false,
  nullMeansAbsent: true,
  ignoreUnknownAttributes: false,
  ignoreUnknownSchemas: false,
  maxPageSize: 100,
});

const BOOLEAN_KEYS = [
  'operationNamesCaseInsensitive',
  'booleanStrings',
  'replaceUnmatchedValuePathAdds',
  'managerAsString',
  'nullMeansAbsent',
  'ignoreUnknownAttributes',
  'ignoreUnknownSchemas',
] as const;

/**
 * A dialect: {@link rfcDialect} with the given overrides, validated once and frozen.
 * @throws TypeError when an override has the wrong type, an unknown key, or `maxPageSize` is not a positive integer
 * @public
 */
export function defineDialect(overrides: Partial<ScimDialect> = {}): ScimDialect {
  for (const key of Object.keys(overrides)) {
    if (!(key in rfcDialect)) throw new TypeError(`defineDialect: unknown option "${key}"`);
  }
  const dialect: ScimDialect = { ...rfcDialect, ...overrides };
  for (const key of BOOLEAN_KEYS) {
    if (typeof dialect[key] !== 'boolean') throw new TypeError(`defineDialect: "${key}" must be a boolean`);
  }
  if (!Number.isInteger(dialect.maxPageSize) || dialect.maxPageSize < 1) {
    throw new TypeError(`defineDialect: "maxPageSize" must be a positive integer, got ${String(dialect.maxPageSize)}`);
  }
  return Object.freeze(dialect);
}
