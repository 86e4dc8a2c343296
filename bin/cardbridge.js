#!/usr/bin/env node
// The `cardbridge` command: runs the built CLI (npm run build, or `npm run cli -- …` which builds first).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('cardbridge: not built yet; run `npm run build` (or use `npm run cli -- …`)\n');
  process.exit(2);
}
await import(entry.href);
