import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { UsageError, type CliIo } from './io.js';
import { pluginFiles } from './plugin-template.js';

export const PLUGIN_USAGE = `Usage:
  cardbridge plugin new <name> [--dir <parent folder>] [--package <npm package name>]`;

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The cardbridge checkout or package this CLI runs from (the folder with its package.json). */
async function cardbridgeRoot(): Promise<{ path: string; version: string }> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(await readFile(manifest, 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'cardbridge') return { path: dir, version: pkg.version };
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the cardbridge package this CLI belongs to');
}

/** `cardbridge plugin new <name>`: scaffolds a partner plugin package in any folder. */
export async function pluginCommand(args: string[], _config: Config, io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'new') throw new UsageError(sub ? `unknown plugin command "${sub}"\n${PLUGIN_USAGE}` : PLUGIN_USAGE);
  const { values, positionals } = parseArgs({ args: rest, options: { dir: { type: 'string' }, package: { type: 'string' } }, allowPositionals: true, strict: true });
  const name = positionals[0];
  if (!name || positionals.length > 1) throw new UsageError(`give exactly one plugin name\n${PLUGIN_USAGE}`);
  if (!NAME.test(name)) throw new UsageError('plugin name must be lowercase letters, digits and dashes (e.g. "onelogin")');
  const packageName = values.package ?? `cardbridge-plugin-${name}`;
  if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(packageName)) throw new UsageError(`"${packageName}" is not a valid npm package name`);
  const target = resolve(values.dir ?? '.', packageName.replace(/^@[^/]+\//, ''));
  if (existsSync(target)) throw new UsageError(`${target} already exists`);
  const root = await cardbridgeRoot();
  const files = pluginFiles({ name, packageName, cardbridgePath: root.path, cardbridgeVersion: root.version });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    await writeFile(join(target, file), content);
  }
  io.out(
    [
      `Created ${packageName} in ${target}`,
      '',
      `  cd ${target}`,
      '  npm install && npm test     # passes the provider conformance kit as generated',
      '',
      'Then shape src/dialect.ts after your provider and add its recorded exchanges as tests.',
    ].join('\n'),
  );
}
