/**
 * Builds the GraphQL IDE (GraphiQL, React, Monaco and its workers) into dist/ide; the server serves index.html at
 * GET /graphql and the rest under /graphql/ide/ (src/graphql/ide.ts). `npm run build` runs it.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/graphql/ide/',
  plugins: [react()],
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../dist/ide', import.meta.url)),
    // Not emptied: test runs build in parallel, and the hashed names of the same sources are the same files.
    emptyOutDir: false,
    // Every asset a file of its own: data: URLs would need img-src/font-src data: in the IDE's CSP.
    assetsInlineLimit: 0,
    // Monaco and GraphiQL are large by nature; the IDE is a developer tool loaded once and cached immutably.
    chunkSizeWarningLimit: 8192,
    sourcemap: false,
    rolldownOptions: {
      // GraphiQL's React-compiled modules start with "use no memo", which a bundle cannot keep; harmless.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
