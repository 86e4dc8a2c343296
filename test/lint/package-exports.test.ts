/**
 * Every target in package.json "exports" (and "bin") is a file that exists once `npm run build` ran: checked here
 * against what tsconfig.build.json emits (no build needed); test/cli/built-server.test.ts imports the built package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every `exports` target: subpath → condition → file (a plain string is the `default` condition). */
function exportTargets(): { subpath: string; condition: string; target: string }[] {
  return Object.entries(manifest.exports as Record<string, string | Record<string, string>>).flatMap(([subpath, value]) =>
    typeof value === 'string' ? [{ subpath, condition: 'default', target: value }] : Object.entries(value).map(([condition, target]) => ({ subpath, condition, target })),
  );
}

/** The files `tsc -p tsconfig.build.json` writes. */
function buildOutputs(): Set<string> {
  const read = ts.readConfigFile(join(root, 'tsconfig.build.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, join(root, 'tsconfig.build.json'));
  expect(parsed.errors).toEqual([]);
  return new Set(parsed.fileNames.flatMap((file) => ts.getOutputFileNames(parsed, file, false)).map((file) => resolve(file)));
}

describe('package.json "exports"', () => {
  const targets = exportTargets();
  const outputs = buildOutputs();

  it.each(targets.map((t) => [`${t.subpath} (${t.condition}) → ${t.target}`, t] as const))('%s is built or shipped', (_name, { target }) => {
    const file = resolve(root, target);
    if (target.startsWith('./dist/')) expect(outputs).toContain(file);
    else expect(existsSync(file)).toBe(true);
  });

  it('gives every code entry its types next to its JavaScript', () => {
    for (const [subpath, value] of Object.entries(manifest.exports as Record<string, string | Record<string, string>>)) {
      if (subpath === './package.json') continue;
      expect(typeof value, subpath).toBe('object');
      const { types, default: js } = value as Record<string, string>;
      expect(Object.keys(value as object)[0], `${subpath}: "types" must come first`).toBe('types');
      expect(types, subpath).toBe(js.replace(/\.js$/, '.d.ts'));
    }
  });

  it('ships the bin', () => {
    for (const target of Object.values(manifest.bin as Record<string, string>)) expect(existsSync(resolve(root, target)), target).toBe(true);
  });

  it('"." is the embedding API: the server, its configuration and its default routes', async () => {
    const api = await import('../../src/index.js');
    expect(Object.keys(api).sort()).toEqual(['ConfigError', 'DatabaseUnavailableError', 'createLogger', 'defaultRoutes', 'loadConfig', 'startServer', 'withConfig']);
    expect(() => api.loadConfig({ PORT: 'not a port' })).toThrow(api.ConfigError);
  });
});
