#!/usr/bin/env node
// Entry point of the `fiugw` command. The TypeScript sources are compiled to dist/ by `npm install`
// (the `prepare` script) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('fiugw: dist/ is missing; run `npm run build` (or `npm install`) first.');
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv);
