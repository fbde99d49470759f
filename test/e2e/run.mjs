#!/usr/bin/env node
// `npm run test:e2e`: bundles the TypeScript suite (test/e2e/main.ts) with esbuild and runs it with Node 20,
// which cannot run .ts itself. playwright-core and pngjs (CommonJS) stay external (loaded from node_modules).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// One bundle per run: two suites started at once in the shared tree must not overwrite each other's.
const out = path.join(root, '.e2e', 'suite', `main-${process.pid}.mjs`);
await esbuild.build({
  entryPoints: [path.join(root, 'test', 'e2e', 'main.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'inline',
  external: ['playwright-core', 'pngjs'],
  // jsonc-parser's "main" is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
process.env.WIREGRAD_ROOT ??= root;
process.on('exit', () => fs.rmSync(out, { force: true }));
await import(out);
