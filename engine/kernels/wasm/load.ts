/**
 * Finds and compiles the kernels' .wasm (built by scripts/build-wasm.mjs into dist/ during `npm ci` / `npm run
 * build`) and picks the variant this runtime can run: relaxed SIMD (f32x4.relaxed_madd, an FMA on x86 with FMA3 and
 * on ARM) when available, plain SIMD128 otherwise, or none (then the TypeScript kernels run).
 *
 * Node 20's V8 has relaxed SIMD behind `--experimental-wasm-relaxed-simd`; the flag only matters when a module is
 * compiled, so it is set here (before compiling) unless WIREGRAD_NO_RELAXED_SIMD=1 asks for the plain build.
 * VS Code's Electron ships a V8 where relaxed SIMD is on by default.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { wasmApi, type WasmModule } from './wasmApi';

export type WasmVariant = 'relaxed' | 'simd';

export interface LoadedKernels {
  readonly module: WasmModule;
  readonly variant: WasmVariant;
  /** Why the relaxed build is not used, when it is not. */
  readonly note: string | null;
}

export const WASM_FILES: Record<WasmVariant, string> = { relaxed: 'wiregrad-kernels-relaxed.wasm', simd: 'wiregrad-kernels-simd.wasm' };

/** The folder holding the .wasm files: dist/ beside the running bundle, or the repository's dist/ from sources. */
export function findWasmDir(): string | null {
  const starts = [__dirname, process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (let i = 0; i < 6; i++) {
      for (const candidate of [dir, path.join(dir, 'dist')]) {
        if (fs.existsSync(path.join(candidate, WASM_FILES.simd))) return candidate;
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return null;
}

let relaxedFlagSet = false;

/** Compiles the best variant, or explains why none can run. */
export function loadKernels(preferPlain = process.env.WIREGRAD_NO_RELAXED_SIMD === '1'): LoadedKernels | { error: string } {
  const wasm = wasmApi;
  if (!wasm || typeof SharedArrayBuffer !== 'function') {
    return { error: 'this runtime has no WebAssembly or SharedArrayBuffer' };
  }
  const dir = findWasmDir();
  if (!dir) return { error: `${WASM_FILES.simd} was not found (run npm run build)` };
  const simd = fs.readFileSync(path.join(dir, WASM_FILES.simd));
  if (!wasm.validate(simd)) return { error: 'this runtime has no WebAssembly SIMD (or no shared memory)' };
  let note: string | null = preferPlain ? 'relaxed SIMD disabled by WIREGRAD_NO_RELAXED_SIMD' : null;
  if (!preferPlain) {
    const relaxed = fs.readFileSync(path.join(dir, WASM_FILES.relaxed));
    if (!wasm.validate(relaxed) && !relaxedFlagSet) {
      relaxedFlagSet = true;
      v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    }
    if (wasm.validate(relaxed)) return { module: new wasm.Module(relaxed), variant: 'relaxed', note: null };
    note = 'no relaxed SIMD in this runtime';
  }
  return { module: new wasm.Module(simd), variant: 'simd', note };
}
