/** The files `cardbridge plugin new` writes: a partner plugin package that passes the conformance kit as generated. */
export interface TemplateInput {
  name: string;
  packageName: string;
  cardbridgePath: string;
  cardbridgeVersion: string;
}

export function pluginFiles(input: TemplateInput): Record<string, string> {
  const { name, packageName, cardbridgePath, cardbridgeVersion } = input;
  return {
    'package.json': `${JSON.stringify(
      {
        name: packageName,
        version: '0.1.0',
        description: `${name} directory provider for cardbridge`,
        type: 'module',
        keywords: ['cardbridge-plugin'],
        exports: { '.': './dist/index.js' },
        files: ['dist'],
        scripts: { build: 'tsc -p tsconfig.build.json', test: 'vitest run', prepublishOnly: 'npm run build && npm test' },
        peerDependencies: { cardbridge: `^${cardbridgeVersion}` },
        dependencies: { zod: '^4.0.0' },
        devDependencies: { cardbridge: `file:${cardbridgePath}`, typescript: '5.9.3', vitest: '^5.1.0', '@types/node': '^24.0.0' },
        engines: { node: '>=22.17' },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: { target: 'ES2023', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, outDir: 'dist', rootDir: 'src', declaration: true, types: ['node'] },
        include: ['src', 'test'],
      },
      null,
      2,
    )}\n`,
    'tsconfig.build.json': `${JSON.stringify({ extends: './tsconfig.json', include: ['src'] }, null, 2)}\n`,
    // String.raw: the generated file's backslashes are written as they stand.
    'vitest.config.ts': String.raw`import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// cardbridge runs as its built JavaScript, straight from Node (a file: or npm dependency, wherever it really lives),
// so the host, the plugin API and graphql are one copy each; this package's own sources go through Vite.
const cardbridge = realpathSync(fileURLToPath(new URL('./node_modules/cardbridge', import.meta.url)));
// The test kit is the exception: it goes through Vite so that its vitest import resolves to this package's vitest.
const cardbridgeFiles = new RegExp('^' + cardbridge.replace(/[.*+?^$(){}|[\]\\]/g, '\\$&') + '/(?!dist/src/testkit/)');

export default defineConfig({
  resolve: { dedupe: ['vitest'] },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    server: { deps: { external: [cardbridgeFiles, /\/node_modules\//] } },
  },
});
`,
    'src/dialect.ts': `import { scim } from 'cardbridge/plugin';

/** ${name}'s SCIM quirks as data: op-name casing, booleans as strings, paging. Start strict (RFC 7644). */
export const dialect = scim.defineDialect({
  operationNamesCaseInsensitive: true,
  booleanStrings: false,
  replaceUnmatchedValuePathAdds: false,
  managerAsString: false,
  nullMeansAbsent: true,
  maxPageSize: 200,
});
`,
    'src/index.ts': `import { definePlugin, serveScim } from 'cardbridge/plugin';
import { z } from 'zod';
import { dialect } from './dialect.js';

/** Configuration the host validates before setup (CARDBRIDGE_PLUGIN_CONFIG='{"${name}": {…}}'). */
export const configSchema = z.object({ logRequests: z.boolean().default(false) });

/** ${name} as a cardbridge directory provider: a SCIM 2.0 endpoint at /scim/${name}/<directoryId>. */
export default definePlugin({
  name: '${name}',
  version: '0.1.0',
  apiVersion: '^1.0.0',
  configSchema,
  setup(ctx) {
    serveScim(ctx, { dialect });
    if (ctx.config.logRequests) ctx.on('user.provisioned', (event) => ctx.log.info(event, 'user provisioned'));
  },
});
`,
    'test/conformance.test.ts': `import { describeProviderConformance } from 'cardbridge/plugin-testkit';
import plugin from '../src/index.js';

// Boots a real cardbridge host (embedded PostgreSQL, real HTTP) with this plugin and runs every provider check.
describeProviderConformance({ plugin, config: { logRequests: false } });
`,
    'README.md': `# ${packageName}

A [cardbridge](https://github.com/cardbridge/cardbridge) directory-provider plugin for ${name}.

\`\`\`sh
npm install        # cardbridge comes from ${cardbridgePath} until it is on the npm registry
npm test           # the provider conformance kit against a real PostgreSQL
npm run build      # dist/ for publishing
\`\`\`

Load it in cardbridge with \`CARDBRIDGE_PLUGINS=entra,${packageName}\` after installing the package next to cardbridge.
See cardbridge's PLUGINS.md for the plugin API and the versioning promise.
`,
    '.gitignore': 'node_modules/\ndist/\n',
  };
}
