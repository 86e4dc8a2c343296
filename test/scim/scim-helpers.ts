import { expect } from 'vitest';
import { ScimError, type ScimType } from '../../src/scim/index.js';

/** Runs `fn` and returns the ScimError it throws, asserting status and scimType. */
export function scimErrorOf(fn: () => unknown, status: number, scimType?: ScimType): ScimError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a ScimError').toBeInstanceOf(ScimError);
  const error = thrown as ScimError;
  expect({ status: error.status, scimType: error.scimType }).toEqual({ status, scimType });
  return error;
}

/** Strips definitions from an AST so tables can state the expected shape compactly. */
export function shape(node: unknown): unknown {
  return JSON.parse(
    JSON.stringify(node, (key, value) => {
      if (key === 'definition' || key === 'leaf') return undefined;
      if (key === 'schema' && typeof value === 'string') return value.includes(':core:') ? undefined : value;
      return value;
    }),
  );
}
