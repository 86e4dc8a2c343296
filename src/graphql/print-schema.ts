/**
 * Internal: prints the schema as SDL. `npm run schema:print` writes `schema.graphql` at the repository's top
 * level; a test fails when the checked-in file differs from what the code builds.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from './schema.js';

const HEADER = '# Generated from src/graphql by `npm run schema:print`; do not edit by hand.\n\n';

/** The SDL of the schema, types sorted by name so the file diffs well. */
export async function printSdl(): Promise<string> {
  return `${HEADER}${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}

async function main(): Promise<void> {
  // dist/src/graphql/print-schema.js → the repository's top level (built) or src/graphql (tsx, tests).
  const target = new URL(import.meta.url.includes('/dist/') ? '../../../schema.graphql' : '../../schema.graphql', import.meta.url);
  await writeFile(target, await printSdl());
  process.stdout.write(`wrote ${fileURLToPath(target)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
