import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // Vite 8's oxc transform honours experimentalDecorators + emitDecoratorMetadata from tsconfig.
  resolve: {
    alias: {
      // one copy of graphql in every realm: loaded twice (CJS and ESM) its instanceof checks fail
      graphql: 'graphql/index.js',
      'cardbridge/plugin-testkit': here('./src/testkit/index.ts'),
      'cardbridge/plugin': here('./src/plugin-api/index.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'plugins/*/test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
