/**
 * Builds the admin portal (issue 13) into dist/portal; the server serves it under /portal/ with a strict CSP
 * (src/portal). `npm run build` runs it; the browser test builds it into a directory of its own.
 */
import { fileURLToPath } from 'node:url';
import optimizeLocales from '@react-aria/optimize-locales-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/portal/',
  // The portal's text is English: React Aria's built-in strings (e.g. for screen readers) only in English.
  plugins: [react(), { ...optimizeLocales.vite({ locales: ['en-US'] }), enforce: 'pre' }],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/portal', import.meta.url)),
    emptyOutDir: true,
    // Every asset a file of its own: data: URLs would need more than img-src 'self' in the portal's CSP.
    assetsInlineLimit: 0,
    sourcemap: false,
    // Size figures for the report of `npm run build` (gzip, as vite measures it).
    reportCompressedSize: true,
  },
});
