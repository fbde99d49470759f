// Compiles the WebAssembly SIMD kernels (AssemblyScript sources in engine/kernels/wasm/assembly) into dist/, twice:
//   dist/wiregrad-kernels-relaxed.wasm   with relaxed SIMD (f32x4.relaxed_madd: an FMA in the GEMM micro-kernel)
//   dist/wiregrad-kernels-simd.wasm      plain SIMD128, for runtimes without relaxed SIMD
// engine/kernels/wasm/load.ts picks one at run time. Run by `npm ci` (through `prepare`) and `npm run build`.
//   node scripts/build-wasm.mjs            build both
//   node scripts/build-wasm.mjs --wat DIR  also write the text form of each into DIR (to read the generated code)
//
// The memory is imported and shared (one WebAssembly.Memory for the JS side and every worker thread), up to 4 GiB;
// the stub runtime has no allocator or GC: the JS side owns the heap (engine/kernels/wasm/heap.ts).
import asc from 'assemblyscript/asc';
import fs from 'node:fs';
import path from 'node:path';

const watIndex = process.argv.indexOf('--wat');
const watDir = watIndex >= 0 ? process.argv[watIndex + 1] : null;
fs.mkdirSync('dist', { recursive: true });

for (const [name, features] of [['simd', []], ['relaxed', ['--enable', 'relaxed-simd']]]) {
  const args = [
    'engine/kernels/wasm/assembly/index.ts',
    '-O3', '--noAssert', '--runtime', 'stub',
    '--enable', 'simd', '--enable', 'threads', ...features,
    '--importMemory', '--sharedMemory', '--initialMemory', '16', '--maximumMemory', '65536',
    '--outFile', `dist/wiregrad-kernels-${name}.wasm`,
  ];
  if (watDir) args.push('--textFile', path.join(watDir, `wiregrad-kernels-${name}.wat`));
  const { error, stderr } = await asc.main(args);
  if (error) {
    process.stderr.write(stderr.toString());
    process.stderr.write(`build-wasm: ${error.message}\n`);
    process.exit(1);
  }
}
