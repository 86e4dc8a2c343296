/** Attribute definitions in the shape of RFC 7643 §7, with builders that fill in the RFC defaults. */

/** Data types of RFC 7643 §2.3. @public */
export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary';
/** RFC 7643 §7 `mutability`. @public */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
/** RFC 7643 §7 `returned`. @public */
export type Returned = 'always' | 'never' | 'default' | 'request';
/** RFC 7643 §7 `uniqueness`. @public */
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute of a schema, as published by `/Schemas` (RFC 7643 §7). @public */
export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
}

/** An attribute as written by a schema author: everything but `name` has the RFC 7643 §2.2 default. @public */
export type AttributeInput = Partial<Omit<AttributeDefinition, 'subAttributes'>> & {
  readonly name: string;
  readonly subAttributes?: readonly AttributeInput[];
};

/** A schema (RFC 7643 §7): its URN `id`, a name and its attributes. @public */
export interface SchemaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
}

const NAME = /^[A-Za-z$][\w$-]*$/;

/**
 * Completes an attribute with RFC 7643 §2.2 defaults (string, single-valued, optional, case-insensitive, readWrite,
 * returned by default, not unique) and freezes it.
 * @throws TypeError for a name outside RFC 7643 §2.1's ATTRNAME grammar or sub-attributes on a non-complex attribute
 * @public
 */
export function defineAttribute(input: AttributeInput): AttributeDefinition {
  if (!NAME.test(input.name)) throw new TypeError(`attribute name "${input.name}" is not a valid ATTRNAME (RFC 7643 §2.1)`);
  const type = input.type ?? (input.subAttributes ? 'complex' : 'string');
  if (input.subAttributes && type !== 'complex') throw new TypeError(`attribute "${input.name}" has sub-attributes but is not complex`);
  const definition: AttributeDefinition = {
    name: input.name,
    type,
    multiValued: input.multiValued ?? false,
    description: input.description ?? '',
    required: input.required ?? false,
    caseExact: input.caseExact ?? false,
    mutability: input.mutability ?? 'readWrite',
    returned: input.returned ?? 'default',
    uniqueness: input.uniqueness ?? 'none',
    ...(input.canonicalValues ? { canonicalValues: Object.freeze([...input.canonicalValues]) } : {}),
    ...(input.referenceTypes ? { referenceTypes: Object.freeze([...input.referenceTypes]) } : {}),
    ...(input.subAttributes ? { subAttributes: Object.freeze(input.subAttributes.map(defineAttribute)) } : {}),
  };
  return Object.freeze(definition);
}

const subIndexes = new WeakMap<AttributeDefinition, Map<string, AttributeDefinition>>();

/** The sub-attribute of a complex attribute by case-insensitive name (RFC 7643 §2.1), from a map built once. */
export function subAttributeOf(definition: AttributeDefinition, name: string): AttributeDefinition | undefined {
  if (!definition.subAttributes) return undefined;
  let index = subIndexes.get(definition);
  if (!index) {
    index = new Map(definition.subAttributes.map((s) => [s.name.toLowerCase(), s]));
    subIndexes.set(definition, index);
  }
  return index.get(name.toLowerCase());
}

/** Shorthands for the schema files. */
export const str = (name: string, extra: Partial<AttributeInput> = {}): AttributeInput => ({ name, type: 'string', ...extra });
export const bool = (name: string, extra: Partial<AttributeInput> = {}): AttributeInput => ({ name, type: 'boolean', ...extra });
export const ref = (name: string, referenceTypes: string[], extra: Partial<AttributeInput> = {}): AttributeInput => ({
  name,
  type: 'reference',
  referenceTypes,
  ...extra,
});

/**
 * The sub-attributes RFC 7643 §2.4 gives multi-valued attributes (`type`, `primary`, `display`, `value`), with the
 * `value` type and canonical `type` values of the attribute at hand.
 */
export function multiValued(name: string, description: string, options: { value?: Partial<AttributeInput>; types?: string[]; extra?: AttributeInput[] } = {}): AttributeInput {
  return {
    name,
    type: 'complex',
    multiValued: true,
    description,
    subAttributes: [
      { name: 'value', type: 'string', ...options.value },
      { name: 'display', type: 'string' },
      { name: 'type', type: 'string', ...(options.types ? { canonicalValues: options.types } : {}) },
      { name: 'primary', type: 'boolean' },
      ...(options.extra ?? []),
    ],
  };
}
