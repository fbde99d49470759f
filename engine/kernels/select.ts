/**
 * Picks the fastest backend this runtime supports. Every caller that trains or runs a model (the CLI, the training
 * worker, the extension host, the benchmarks) asks here, so one place decides between the WebAssembly SIMD kernels
 * and the TypeScript reference kernels, and one line (`description`) says which path runs.
 *
 * Fallbacks: no SIMD (or no .wasm file, or no SharedArrayBuffer) → the TypeScript kernels; worker threads that
 * cannot start → the WASM kernels on one thread. Each reason ends up in the description.
 */
import os from 'node:os';
import type { Backend } from './backend';
import { cpuBackend } from './cpu';
import { createWasmBackend, type SplitPolicy } from './wasm/backend';
import { KERNEL_NAMES, POOLED, type KernelExports } from './wasm/exports';
import { WasmHeap } from './wasm/heap';
import { loadKernels } from './wasm/load';
import { ThreadPool, type KernelFn } from './wasm/pool';
import { wasmApi } from './wasm/wasmApi';

export type BackendName = 'wasm-relaxed-simd' | 'wasm-simd' | 'cpu';

export interface BackendOptions {
  /** Worker threads to use (default: every core, os.availableParallelism()). */
  readonly threads?: number;
  /** Force a backend ('cpu' = the TypeScript reference kernels). */
  readonly prefer?: 'wasm' | 'cpu';
  /** Use the plain SIMD build even where relaxed SIMD is available (tests of both variants). */
  readonly plainSimd?: boolean;
  /** How the WASM backend splits work between threads (default: the measured SPLIT_DEFAULTS). */
  readonly split?: Partial<SplitPolicy>;
}

export interface SelectedBackend {
  readonly backend: Backend;
  readonly name: BackendName;
  readonly threads: number;
  /** One line for the log: which path runs and why (e.g. "wasm-simd, 2 threads (no relaxed SIMD in this runtime)"). */
  readonly description: string;
  /** Stops the backend's worker threads, if any. */
  dispose(): Promise<void>;
  /** Shares handed to worker threads so far, and how many of them the calling thread ran itself (benchmarks). */
  poolStats?(): { shared: number; stolen: number };
}

/** Pages of 64 KiB: the heap starts at 1 MiB and may grow to 4 GiB (wasm32's limit; the kernels' module allows it). */
const INITIAL_PAGES = 16;
const MAXIMUM_PAGES = 65536;
/** More threads than this buys nothing for these kernels (and each holds a 260 KiB packing buffer). */
const MAX_THREADS = 32;

export async function createBackend(options: BackendOptions = {}): Promise<SelectedBackend> {
  const cpu = (why: string): SelectedBackend => ({
    backend: cpuBackend,
    name: 'cpu',
    threads: 1,
    description: `cpu (TypeScript kernels), 1 thread${why ? ` (${why})` : ''}`,
    dispose: async () => {},
  });
  if (options.prefer === 'cpu') return cpu('');
  const loaded = loadKernels(options.plainSimd);
  if ('error' in loaded || !wasmApi) return cpu('error' in loaded ? loaded.error : 'no WebAssembly');

  const memory = new wasmApi.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true });
  const instance = new wasmApi.Instance(loaded.module, {
    env: { memory, abort: () => { throw new Error('wasm kernel abort'); } },
  });
  const stale = KERNEL_NAMES.filter((n) => typeof instance.exports[n] !== 'function');
  if (stale.length) return cpu(`the kernels' .wasm in dist/ is older than the sources, it lacks ${stale[0]} (run npm run build)`);
  const kernels = instance.exports as unknown as KernelExports;
  const heap = new WasmHeap(memory, kernels.heapBase());
  const name: BackendName = loaded.variant === 'relaxed' ? 'wasm-relaxed-simd' : 'wasm-simd';
  const notes = loaded.note ? [loaded.note] : [];

  const wanted = Math.max(1, Math.min(MAX_THREADS, Math.floor(options.threads ?? os.availableParallelism())));
  let pool: ThreadPool | null = null;
  if (wanted > 1) {
    try {
      const own = POOLED.map((n) => kernels[n] as KernelFn);
      pool = await ThreadPool.start(loaded.module, memory, wanted, POOLED, own);
    } catch (err) {
      notes.push(`worker threads unavailable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const threads = pool ? pool.threads : 1;
  const backend = createWasmBackend({ name, kernels, heap, pool, split: options.split });
  return {
    backend,
    name,
    threads,
    description: `${name}, ${threads} thread${threads === 1 ? '' : 's'}${notes.length ? ` (${notes.join('; ')})` : ''}`,
    poolStats: () => ({ shared: pool?.shared ?? 0, stolen: pool?.stolen ?? 0 }),
    dispose: async () => {
      await pool?.dispose();
    },
  };
}
