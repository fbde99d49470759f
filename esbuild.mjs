// Builds every bundle of wiregrad. Node 20 cannot run .ts in a Worker, so the worker is bundled too.
//   node esbuild.mjs            build everything (run by `npm ci` through `prepare`)
//   node esbuild.mjs --watch    rebuild on change
//   node esbuild.mjs --minify   production bundles (used by `npm run package`)
//   node esbuild.mjs --only=cli,worker   just those bundles
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const watch = process.argv.includes('--watch');
// --only=cli,worker builds just those bundles (tests build what they run, not the whole product).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (e) => !only || only.includes(e.out);
const minify = process.argv.includes('--minify');

/** Node bundles (CommonJS): CLI, extension host, training worker, benchmarks. */
const nodeEntries = [
  { in: 'cli/main.ts', out: 'cli' },
  { in: 'extension/extension.ts', out: 'extension' },
  { in: 'engine/train/worker.ts', out: 'worker' },
  { in: 'engine/export/job/exportWorker.ts', out: 'exportWorker' },
  { in: 'bench/shapes.ts', out: 'bench/shapes' },
  { in: 'bench/editor.ts', out: 'bench/editor' },
  { in: 'bench/kernels.ts', out: 'bench/kernels' },
  { in: 'bench/trainingOverhead.ts', out: 'bench/trainingOverhead' },
  { in: 'bench/gradientFlow.ts', out: 'bench/gradientFlow' },
  { in: 'bench/workloads/main.ts', out: 'bench/workloads' },
  { in: 'bench/threads.ts', out: 'bench/threads' },
  { in: 'bench/allocation.ts', out: 'bench/allocation' },
  { in: 'bench/movedOps.ts', out: 'bench/movedOps' },
  { in: 'bench/reliability/main.ts', out: 'bench/reliability' },
  { in: 'bench/reliability/faultyWorker.ts', out: 'bench/faultyWorker' },
].filter((e) => fs.existsSync(e.in) && wanted(e));

/**
 * The TensorFlow.js peer of `npm run bench`: tfjs-core and its backends are loaded at run time from node_modules
 * (the wasm backend's Node build finds its .wasm files beside itself, and the bench's threads shim patches that
 * build), while subpaths such as the ESM gradient registrations are bundled in.
 */
const tfjsPeerEntries = [{ in: 'bench/workloads/tfjsPeer.ts', out: 'bench/tfjsPeer' }].filter((e) => fs.existsSync(e.in) && wanted(e));
const tfjsAtRunTime = {
  name: 'tfjs-at-run-time',
  setup(build) {
    build.onResolve({ filter: /^@tensorflow\/tfjs-(core|backend-cpu|backend-wasm)$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** Browser bundle (iife) for the webview; CSS is extracted to a file so the CSP needs no 'unsafe-inline'. */
const webEntries = [
  { in: 'webview/main.tsx', out: 'webview/main' },
  // elkjs (1.5 MB) is its own bundle, loaded by the webview on the first Auto Layout.
  { in: 'webview/layout/elkBundle.ts', out: 'webview/elk' },
].filter((e) => fs.existsSync(e.in) && wanted(e));

const common = { bundle: true, sourcemap: true, minify, logLevel: 'warning', legalComments: 'none' };
const configs = [];
if (nodeEntries.length) {
  configs.push({
    ...common,
    entryPoints: nodeEntries,
    outdir: 'dist',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    // jsonc-parser's "main" is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
    mainFields: ['module', 'main'],
    define: { VERSION: JSON.stringify(JSON.parse(fs.readFileSync('package.json', 'utf8')).version) },
  });
}
if (tfjsPeerEntries.length) {
  configs.push({
    ...common,
    entryPoints: tfjsPeerEntries,
    outdir: 'dist',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    plugins: [tfjsAtRunTime],
  });
}
if (webEntries.length) {
  configs.push({
    ...common,
    entryPoints: webEntries,
    outdir: 'dist',
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    loader: { '.css': 'css' },
    define: { 'process.env.NODE_ENV': minify ? '"production"' : '"development"' },
  });
}

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
}
