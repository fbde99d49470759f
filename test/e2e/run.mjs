#!/usr/bin/env node
// `npm run test:e2e`: bundles the TypeScript suite (test/e2e/main.ts) with esbuild and runs it with Node 20,
// which cannot run .ts itself. playwright-core stays external (loaded from node_modules).
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(root, '.e2e', 'suite', 'main.mjs');
await esbuild.build({
  entryPoints: [path.join(root, 'test', 'e2e', 'main.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'inline',
  external: ['playwright-core'],
  // jsonc-parser's "main" is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
process.env.WIREGRAD_ROOT ??= root;
await import(out);
