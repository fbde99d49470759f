/**
 * The WebAssembly SIMD backend: the Backend interface over the kernels in engine/kernels/wasm/assembly. Every op of
 * the interface has a WASM version except grouped convolution other than one filter per channel (its three ops run
 * the TypeScript kernels). It is built as `{ ...cpuBackend, ...wasmOps }`, so such an op runs the TypeScript kernel
 * on the same arrays (they live in the wasm heap but are ordinary Float32Arrays to JS), and a Backend method added
 * later works before it gets a WASM version. Float64 arguments (gradient checks) always go to the TypeScript kernels.
 *
 * One file per group of ops (ops/*.ts), each over the shared WasmContext (context.ts: kernels, heap, staging, the
 * thread pool and scratch); how every op splits between threads, and the measurements behind it, is split.ts.
 */
import type { Backend } from '../backend';
import { cpuBackend } from '../cpu';
import { createContext } from './context';
import type { KernelExports } from './exports';
import type { WasmHeap } from './heap';
import { activationOps } from './ops/activation';
import { convOps } from './ops/conv';
import { convTransposeOps } from './ops/convTranspose';
import { denseOps } from './ops/dense';
import { depthwiseOps } from './ops/depthwise';
import { elementwiseOps } from './ops/elementwise';
import { lossOps } from './ops/loss';
import { normOps } from './ops/norm';
import { optimizerOps } from './ops/optimizer';
import { poolOps } from './ops/pool';
import { rowOps } from './ops/rows';
import { upsampleOps } from './ops/upsample';
import type { ThreadPool } from './pool';
import type { SplitPolicy } from './split';

export { SPLIT_DEFAULTS, type SplitPolicy } from './split';

export interface WasmBackendParts {
  readonly name: string;
  readonly kernels: KernelExports;
  readonly heap: WasmHeap;
  /** Null: one thread. */
  readonly pool: ThreadPool | null;
  /** Overrides of SPLIT_DEFAULTS (benchmarks comparing policies; tests forcing small ops onto threads). */
  readonly split?: Partial<SplitPolicy>;
}

export function createWasmBackend({ name, kernels, heap, pool, split }: WasmBackendParts): Backend {
  const c = createContext({ kernels, heap, pool, split });
  return {
    ...cpuBackend,
    ...denseOps(c),
    ...convOps(c),
    ...depthwiseOps(c),
    ...poolOps(c),
    ...activationOps(c),
    ...normOps(c),
    ...elementwiseOps(c),
    ...lossOps(c),
    ...rowOps(c),
    ...upsampleOps(c),
    ...convTransposeOps(c),
    name,
    memory: heap,
    optimizer: optimizerOps(c),
    convGathersFields: c.policy.conv === 'tiled',
  };
}
