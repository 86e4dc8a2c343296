/**
 * What `cardbridge/plugin` publishes: the declaration files TypeScript emits for src/plugin-api/index.ts, followed
 * through every file they import, name no database, ORM or GraphQL package and no host module. This covers what the
 * import rules cannot see: a type TypeScript infers and writes into the .d.ts as `import("pg").Pool`.
 *
 * The declarations are emitted in memory (no dist/ needed, nothing written).
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = join(root, 'src/plugin-api/index.ts');
const OUT = join(root, '.plugin-api-declarations');
/** Packages the plugin API must never surface (the same list as the `plugin-api-no-orm-types` dependency rule). */
const FORBIDDEN_PACKAGES = /^(@types\/)?(pg|pg-[^/]+|@mikro-orm\/[^/]+|graphql|type-graphql|pg-boss)(\/|$)/;
/** The modules the published declarations may consist of (everything else stays out of dist/src/plugin-api's graph). */
const PUBLISHED_MODULES = /^src\/(plugin-api\/|scim\/|domain\/errors\.d\.ts$|domain\/users\/user-profile\.d\.ts$|domain\/plugin-events\.d\.ts$)/;

interface Surface {
  /** Declaration files reachable from the entry, relative to the repository. */
  files: string[];
  /** Package specifiers they import, by file. */
  packages: Map<string, string>;
}

function compilerOptions(): ts.CompilerOptions {
  const read = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root);
  return { ...parsed.options, noEmit: false, declaration: true, emitDeclarationOnly: true, declarationMap: false, sourceMap: false, outDir: OUT, rootDir: root };
}

/** Emits the declarations of `cardbridge/plugin` (with `overrides`: files replaced or added, by repository path). */
function declarationSurface(overrides: Record<string, string> = {}): Surface {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const virtual = new Map(Object.entries(overrides).map(([path, text]) => [join(root, path), text]));
  const { fileExists, readFile } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  const emitted = new Map<string, string>();
  host.writeFile = (file, text) => emitted.set(resolve(file), text);
  ts.createProgram([entry], options, host).emit();

  const files: string[] = [];
  const packages = new Map<string, string>();
  const queue = [join(OUT, 'src/plugin-api/index.d.ts')];
  const seen = new Set(queue);
  while (queue.length) {
    const file = queue.shift()!;
    const text = emitted.get(file);
    if (text === undefined) throw new Error(`no declaration emitted for ${relative(OUT, file)}`);
    files.push(relative(OUT, file));
    for (const specifier of specifiersOf(text)) {
      if (!specifier.startsWith('.')) {
        packages.set(specifier, relative(OUT, file));
        continue;
      }
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.d.ts');
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return { files, packages };
}

/** Every module a declaration file names: import/export … from, `import("…")` types, `/// <reference types>`. */
function specifiersOf(text: string): string[] {
  const source = ts.createSourceFile('x.d.ts', text, ts.ScriptTarget.Latest, true);
  const found = source.typeReferenceDirectives.map((ref) => ref.fileName);
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const forbidden = (surface: Surface) => [...surface.packages].filter(([specifier]) => FORBIDDEN_PACKAGES.test(specifier));

describe('the declarations of cardbridge/plugin', () => {
  it('name no pg, ORM or GraphQL package and consist of plugin-api, scim and the domain errors, profile and plugin events only', () => {
    const surface = declarationSurface();
    expect(surface.files).toContain('src/plugin-api/index.d.ts');
    expect(forbidden(surface)).toEqual([]);
    expect(surface.files.filter((file) => !PUBLISHED_MODULES.test(file))).toEqual([]);
  }, 60_000);

  it('catch a pg or ORM type exported by plugin-api (planted in memory)', () => {
    const index = ts.sys.readFile(entry)!;
    const surface = declarationSurface({
      'src/plugin-api/index.ts': `${index}\nexport * from './planted-orm.js';\n`,
      'src/plugin-api/planted-orm.ts': "import type { EntityManager } from '@mikro-orm/core';\nimport type { Pool } from 'pg';\nexport interface PlantedDatabaseAccess {\n  em: EntityManager;\n  pool: Pool;\n}\n",
    });
    expect(forbidden(surface).sort()).toEqual([
      ['@mikro-orm/core', 'src/plugin-api/planted-orm.d.ts'],
      ['pg', 'src/plugin-api/planted-orm.d.ts'],
    ]);
  }, 60_000);

  it('catch an inferred pg type that no import in plugin-api names (planted in memory)', () => {
    // plugin-api → a (planted) scim helper whose return type TypeScript spells `import("pg").Pool` in the .d.ts.
    const index = ts.sys.readFile(entry)!;
    const surface = declarationSurface({
      'src/scim/planted-pool.ts': "export async function plantedPool() {\n  const pg = await import('pg');\n  return new pg.default.Pool();\n}\n",
      'src/plugin-api/index.ts': `${index}\nimport { plantedPool } from '../scim/planted-pool.js';\nexport const openPool = () => plantedPool();\n`,
    });
    expect(forbidden(surface).map(([specifier]) => specifier)).toContain('pg');
  }, 60_000);
});
