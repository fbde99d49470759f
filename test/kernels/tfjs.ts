/**
 * TensorFlow.js (tfjs-core + the cpu backend) as the reference framework, with its gradients registered.
 * The packages' Node (CommonJS) bundles register no gradient functions, and the ESM build that does cannot be
 * loaded by Node as shipped, so the ESM sources are bundled once with esbuild into one CommonJS file in the OS
 * temp folder (keyed by the tfjs version) and required from there.
 */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

type Tf = typeof import('@tensorflow/tfjs-core');

let cached: Tf | null = null;

export function loadTf(): Tf {
  if (cached) return cached;
  const root = path.resolve(__dirname, '..', '..');
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@tensorflow/tfjs-core/package.json'), 'utf8')).version;
  const out = path.join(os.tmpdir(), `wiregrad-tfjs-${version}-${process.getuid?.() ?? 0}.cjs`);
  if (!fs.existsSync(out)) {
    const tmp = `${out}.${process.pid}.tmp`;
    esbuild.buildSync({
      stdin: {
        contents: [
          "export * from '@tensorflow/tfjs-core/dist/index.js';",
          "import '@tensorflow/tfjs-core/dist/register_all_gradients.js';",
          "import '@tensorflow/tfjs-backend-cpu/dist/index.js';",
        ].join('\n'),
        resolveDir: root,
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      mainFields: ['module', 'main'],
      outfile: tmp,
      logLevel: 'error',
    });
    fs.renameSync(tmp, out);
  }
  const tf = createRequire(__filename)(out) as Tf;
  // tfjs prints an advertisement for tfjs-node on the backend's first write; keep the test output clean.
  const warn = console.warn;
  console.warn = () => {};
  tf.setBackend('cpu');
  tf.scalar(0).dispose();
  console.warn = warn;
  cached = tf;
  return tf;
}

/** max |a − b| / max |b|: agreement of two tensors relative to the reference's scale. */
export function relativeDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let scale = 1e-12;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / scale;
}
