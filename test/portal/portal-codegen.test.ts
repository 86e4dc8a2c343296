/**
 * The admin portal's generated GraphQL types (portal/src/gql, committed so a build needs nothing but the npm
 * install) are what `npm run portal:codegen` makes from the committed schema.graphql and the portal's operations:
 * a schema change that breaks or changes them fails here, naming the command that brings them up to date.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../portal/codegen.js';

describe('portal/src/gql', () => {
  it('matches what npm run portal:codegen generates from schema.graphql', async () => {
    const cwd = resolve('portal');
    const outputs = await generate({ ...config, cwd, silent: true }, false);
    expect(outputs.map((o: { filename: string }) => o.filename).sort()).toEqual(['src/gql/gql.ts', 'src/gql/graphql.ts', 'src/gql/index.ts']);
    for (const output of outputs) {
      const committed = await readFile(join(cwd, output.filename), 'utf8');
      expect(committed === output.content, `${output.filename} is out of date: run npm run portal:codegen and commit portal/src/gql`).toBe(true);
    }
  }, 60_000);
});
