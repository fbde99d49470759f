/**
 * Worker threads that run shares of a kernel on the one shared WebAssembly.Memory. The Backend API is synchronous,
 * so a call works like this: the calling thread writes each worker's arguments into a small SharedArrayBuffer,
 * bumps a generation counter and wakes the workers (Atomics.notify), runs its own share (share 0) directly, then
 * waits (Atomics.wait, allowed on Node's main thread and in workers) until every worker has counted itself done.
 * A worker is a few lines of plain JS run with `eval` (no bundle path to find), holding its own instance of the
 * same compiled module over the same memory; wasm globals are per instance, so each thread has its own pack buffer.
 */
import { Worker } from 'node:worker_threads';
import type { WasmMemory, WasmModule } from './wasmApi';

/** Float64 argument slots per thread: the function index, the argument count, then up to 30 arguments. */
const SLOT = 32;
// Int32 control words.
const GENERATION = 0;
const DONE = 1;
const READY = 2;
const FAILED = 3;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, tid, names, slot } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('wasm kernel abort'); } } });
const fns = names.map((n) => instance.exports[n]);
const flags = new Int32Array(control, 0, 4);
const slots = new Float64Array(control, 16);
Atomics.add(flags, ${READY}, 1);
Atomics.notify(flags, ${READY});
let seen = 0;
for (;;) {
  Atomics.wait(flags, ${GENERATION}, seen);
  const generation = Atomics.load(flags, ${GENERATION});
  if (generation === seen) continue;
  seen = generation;
  if (generation < 0) break;
  const base = tid * slot;
  const fn = slots[base];
  if (fn >= 0) {
    const args = [];
    for (let i = 0, n = slots[base + 1]; i < n; i++) args.push(slots[base + 2 + i]);
    try { fns[fn](...args); } catch (e) { Atomics.store(flags, ${FAILED}, 1); }
  }
  Atomics.add(flags, ${DONE}, 1);
  Atomics.notify(flags, ${DONE});
}
`;

export type KernelFn = (...args: number[]) => unknown;

export class ThreadPool {
  readonly threads: number;
  private readonly workers: Worker[] = [];
  private readonly flags: Int32Array;
  private readonly slots: Float64Array;
  private generation = 0;

  private constructor(threads: number, control: SharedArrayBuffer, private readonly fns: readonly KernelFn[]) {
    this.threads = threads;
    this.flags = new Int32Array(control, 0, 4);
    this.slots = new Float64Array(control, 16);
  }

  /** Starts `threads − 1` workers (the caller is thread 0) and waits until each has its instance. */
  static async start(
    module: WasmModule, memory: WasmMemory, threads: number, names: readonly string[], own: readonly KernelFn[],
  ): Promise<ThreadPool> {
    const control = new SharedArrayBuffer(16 + threads * SLOT * 8);
    const pool = new ThreadPool(threads, control, own);
    for (let tid = 1; tid < threads; tid++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control, tid, names, slot: SLOT } });
      // A training process must still exit when it forgets dispose(): idle workers do not keep it alive.
      worker.unref();
      pool.workers.push(worker);
    }
    const failed = new Promise<never>((_, reject) => {
      for (const w of pool.workers) w.once('error', (e) => reject(e instanceof Error ? e : new Error(String(e))));
    });
    const ready = (async () => {
      for (;;) {
        const n = Atomics.load(pool.flags, READY);
        if (n >= threads - 1) return;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await Promise.race([ready, failed]);
    return pool;
  }

  /**
   * Runs fns[fn](...shares[t]) on thread t for every t < shares.length (≤ threads), share 0 on the calling
   * thread, and returns when all are done. Workers without a share just check in.
   */
  run(fn: number, shares: readonly (readonly number[])[]): void {
    const { flags, slots, threads } = this;
    if (threads === 1 || shares.length === 1) {
      this.fns[fn](...shares[0]);
      return;
    }
    for (let t = 1; t < threads; t++) {
      const base = t * SLOT;
      const args = shares[t];
      if (!args) {
        slots[base] = -1;
        continue;
      }
      slots[base] = fn;
      slots[base + 1] = args.length;
      for (let i = 0; i < args.length; i++) slots[base + 2 + i] = args[i];
    }
    Atomics.store(flags, DONE, 0);
    this.generation = (this.generation + 1) & 0x3fffffff;
    Atomics.store(flags, GENERATION, this.generation);
    Atomics.notify(flags, GENERATION);
    this.fns[fn](...shares[0]);
    const want = threads - 1;
    // Spin briefly (the workers' shares are usually as long as ours), then sleep.
    for (let spins = 0; spins < 2000 && Atomics.load(flags, DONE) < want; spins++);
    for (let done = Atomics.load(flags, DONE); done < want; done = Atomics.load(flags, DONE)) Atomics.wait(flags, DONE, done, 50);
    if (Atomics.load(flags, FAILED)) {
      Atomics.store(flags, FAILED, 0);
      throw new Error('a WASM kernel failed on a worker thread');
    }
  }

  async dispose(): Promise<void> {
    Atomics.store(this.flags, GENERATION, -1);
    Atomics.notify(this.flags, GENERATION);
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
