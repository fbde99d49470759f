/**
 * Picks the fastest backend this runtime supports. Every caller that trains or runs a model (the CLI, the training
 * worker, the extension host, the benchmarks) asks here, so one place decides between the WebAssembly SIMD kernels
 * and the TypeScript reference kernels, and one line says which path runs.
 *
 * Today only the TypeScript backend exists; the WASM SIMD backend (issue 9) plugs in here.
 */
import type { Backend } from './backend';
import { cpuBackend } from './cpu';

export type BackendName = 'wasm-relaxed-simd' | 'wasm-simd' | 'cpu';

export interface BackendOptions {
  /** Worker threads to use (default: every core, os.availableParallelism()). */
  readonly threads?: number;
  /** Force a backend ('cpu' = the TypeScript reference kernels). */
  readonly prefer?: 'wasm' | 'cpu';
}

export interface SelectedBackend {
  readonly backend: Backend;
  readonly name: BackendName;
  readonly threads: number;
  /** One line for the log: which path runs and why (e.g. "wasm-simd, 2 threads (no relaxed SIMD in this runtime)"). */
  readonly description: string;
  /** Stops the backend's worker threads, if any. */
  dispose(): Promise<void>;
}

export async function createBackend(_options: BackendOptions = {}): Promise<SelectedBackend> {
  return {
    backend: cpuBackend,
    name: 'cpu',
    threads: 1,
    description: 'cpu (TypeScript kernels), 1 thread',
    dispose: async () => {},
  };
}
