/**
 * The module boundaries (.dependency-cruiser.cjs, run by `npm run lint`) hold: each kind of violation, planted in a
 * copy of the tree, makes the lint fail with the rule that names it, and the tree as it is passes.
 *
 * The copy (src/, plugins/, the configs, node_modules linked) lives in the OS temp folder: the real src/ is shared
 * with other test files running in parallel.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation {
  rule: { name: string; severity: string };
  from: string;
  to: string;
  via?: { name: string }[];
}

/** Runs the lint's dependency-cruiser command in `dir`; `json` for the violations, otherwise for its exit code. */
function cruise(dir: string, outputType: 'json' | 'err'): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [depcruise, '--config', '.dependency-cruiser.cjs', 'src', 'plugins', '--output-type', outputType], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (outputType === 'json' && code !== 0) reject(new Error(`depcruise failed (${code}): ${stderr}`));
      else resolve({ code, stdout });
    });
  });
}

const violationsIn = async (dir: string): Promise<Violation[]> => JSON.parse((await cruise(dir, 'json')).stdout).summary.violations;

interface Plant {
  /** What the violation is, in the words of the boundary it breaks. */
  violation: string;
  /** Files written into the copy (path → content); the violations they cause name one of them as `from`. */
  files: Record<string, string>;
  /** Every rule these files trip, and nothing else. */
  rules: string[];
}

const PLANTS: Plant[] = [
  {
    violation: 'a plugin importing pg (even when its own package.json declares it)',
    files: { 'plugins/entra/src/planted-pg.ts': "import pg from 'pg';\nexport const pool = new pg.Pool();\n" },
    rules: ['plugin-no-host-libraries'],
  },
  {
    violation: 'a plugin importing a src/ path by relative import (the public API included)',
    files: {
      'plugins/okta/src/planted-src-path.ts':
        "import { DomainError } from '../../../src/domain/errors.js';\nimport { definePlugin } from '../../../src/plugin-api/index.js';\nexport const planted = { DomainError, definePlugin };\n",
    },
    rules: ['plugin-imports-src-by-path'],
  },
  {
    violation: 'plugin-api exporting an ORM or pg type',
    files: {
      'src/plugin-api/planted-orm.ts':
        "import type { EntityManager } from '@mikro-orm/core';\nimport type { Pool } from 'pg';\nexport interface PlantedDatabaseAccess {\n  em: EntityManager;\n  pool: Pool;\n}\n",
    },
    rules: ['plugin-api-no-orm-types'],
  },
  {
    violation: 'graphql → jobs → plugin-host',
    files: {
      'src/jobs/planted-hook.ts': "import * as loader from '../plugin-host/plugin-loader.js';\nexport const hook = loader;\n",
      'src/graphql/planted-resolver.ts': "import { hook } from '../jobs/planted-hook.js';\nexport const resolver = hook;\n",
    },
    rules: ['graphql-provider-blind', 'jobs-not-to-plugin-host'],
  },
  {
    violation: 'domain importing auth, jobs and cards',
    files: {
      'src/domain/services/planted-features.ts':
        "import * as permissions from '../../auth/permissions.js';\nimport * as jobs from '../../jobs/index.js';\nimport * as vcard from '../../cards/vcard.js';\nexport const planted = { permissions, jobs, vcard };\n",
    },
    rules: ['domain-stays-inside'],
  },
  {
    violation: 'plugin code importing the test kit',
    files: { 'plugins/okta/src/planted-testkit.ts': "import * as kit from 'cardbridge/plugin-testkit';\nexport const planted = kit;\n" },
    rules: ['plugin-public-api-only'],
  },
  {
    violation: 'plugin code importing a package its package.json does not declare',
    files: { 'plugins/okta/src/planted-undeclared.ts': "import semver from 'semver';\nexport const planted = semver;\n" },
    rules: ['plugin-undeclared-dependency'],
  },
  {
    violation: 'domain loading configuration (it may name config types only)',
    files: { 'src/domain/services/planted-config.ts': "import { loadConfig } from '../../config/config.js';\nexport const planted = loadConfig;\n" },
    rules: ['domain-config-types-only'],
  },
  {
    violation: 'the admin portal importing GraphQL internals (it is a client of the public API)',
    files: { 'src/portal/planted-graphql.ts': "import { createSchema } from '../graphql/schema.js';\nexport const planted = createSchema;\n" },
    rules: ['portal-below-host'],
  },
  {
    violation: 'the events plugins see importing anything (they are a leaf the public API publishes)',
    files: { 'src/domain/plugin-events.ts': "import type { ErrorCode } from './errors.js';\nexport interface PluginEventMap {\n  planted: { code: ErrorCode };\n}\n" },
    rules: ['plugin-events-is-a-leaf'],
  },
];

let copy: string;
let clean: Violation[];
let planted: Violation[];
let plantedExit: number;

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'cardbridge-boundaries-'));
  for (const folder of ['src', 'plugins']) await cp(join(root, folder), join(copy, folder), { recursive: true });
  for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) await cp(join(root, file), join(copy, file));
  await symlink(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  clean = await violationsIn(copy);

  for (const plant of PLANTS) {
    for (const [path, content] of Object.entries(plant.files)) {
      await mkdir(dirname(join(copy, path)), { recursive: true });
      await writeFile(join(copy, path), content);
    }
  }
  // The pg plant's plugin declares pg: the rule is about pg itself, not about undeclared packages.
  const manifestPath = join(copy, 'plugins/entra/package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  await writeFile(manifestPath, JSON.stringify({ ...manifest, dependencies: { ...manifest.dependencies, pg: '8.23.1' } }, null, 2));

  const [json, err] = await Promise.all([violationsIn(copy), cruise(copy, 'err')]);
  planted = json;
  plantedExit = err.code;
}, 120_000);

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

const plantOf = (violation: Violation) => PLANTS.find((plant) => violation.from in plant.files);

describe('the dependency rules (npm run lint)', () => {
  it('pass on the tree as it is', () => {
    expect(clean.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('fail the lint once the violations are planted, each from a planted file', () => {
    expect(plantedExit).not.toBe(0);
    expect(planted.filter((v) => !plantOf(v)).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it.each(PLANTS.map((plant) => [plant.violation, plant] as const))('%s: reported by its rule', (_name, plant) => {
    const found = planted.filter((v) => plantOf(v) === plant);
    expect([...new Set(found.map((v) => v.rule.name))].sort()).toEqual([...plant.rules].sort());
    for (const v of found) expect(v.rule.severity).toBe('error');
    // every planted file is caught, not only one of them
    expect([...new Set(found.map((v) => v.from))].sort()).toEqual(Object.keys(plant.files).sort());
  });

  it('follow transitive paths: graphql reaches the plugin host through jobs, with no direct import', () => {
    const paths = planted.filter((v) => v.rule.name === 'graphql-provider-blind' && v.from === 'src/graphql/planted-resolver.ts');
    const toLoader = paths.find((v) => v.to === 'src/plugin-host/plugin-loader.ts');
    expect(toLoader?.via?.map((step) => step.name)).toEqual(['src/jobs/planted-hook.ts', 'src/plugin-host/plugin-loader.ts']);
  });

  it('count type-only imports (a type in the public API is a type its .d.ts carries)', () => {
    const orm = planted.filter((v) => v.rule.name === 'plugin-api-no-orm-types').map((v) => v.to);
    expect(orm.some((to) => /node_modules\/pg\//.test(to))).toBe(true);
    expect(orm.some((to) => /node_modules\/@mikro-orm\/core\//.test(to))).toBe(true);
  });
});
