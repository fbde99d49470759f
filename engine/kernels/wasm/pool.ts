/**
 * Worker threads that run shares of a kernel on the one shared WebAssembly.Memory. The Backend API is synchronous,
 * so a call works like this: the calling thread writes each worker's arguments into a small SharedArrayBuffer,
 * bumps a generation counter (waking the workers that sleep), runs its own share (share 0) directly, then waits
 * until every worker has counted itself done. A worker is a few lines of plain JS run with `eval` (no bundle path to
 * find), holding its own instance of the same compiled module over the same memory; wasm globals are per instance,
 * so each thread has its own pack buffer.
 *
 * Waking a thread blocked in Atomics.wait costs tens of microseconds here (a futex wake through the VM's scheduler,
 * then the thread's wake-up), as long as a small op itself. So both sides spin first and block only after:
 *  - a worker, after its share, watches the generation counter for WORKER_SPIN_MS before it sleeps: the ops of a
 *    train step come back to back (a few µs of JS between them), so the next op finds it awake;
 *  - the caller, after its own share, watches the done counter for CALLER_SPIN_MS (the shares are equal, so the
 *    worker is usually finishing too) before it sleeps.
 * Sleepers announce themselves (SLEEPERS, CALLER_SLEEPS) so a call that finds everyone awake issues no
 * Atomics.notify at all.
 *
 * A share is claimed before it runs (compare-and-swap on its claim word): the worker it was meant for claims it when
 * it wakes, and the caller, once its own share is done, claims and runs every share no worker has started. So the
 * caller only ever waits for work that is already running. That matters on a machine shared with other jobs: a
 * worker the OS has not scheduled (load above the core count) would otherwise hold every op up for a time slice
 * (measured: W1 at 2 threads 14× slower than at 1 with the load average at 20), while now the op just runs on the
 * calling thread. A share computes the same values whoever runs it (its own arguments and buffers), so results do
 * not depend on who ran what. The spin is bounded so an idle pool (between epochs, a paused run) costs no CPU: on a
 * shared 2-core machine a worker spinning for nothing takes the core from someone else.
 */
import { Worker } from 'node:worker_threads';
import type { WasmMemory, WasmModule } from './wasmApi';

/** Float64 argument slots per thread: the function index, a spare word, then up to MAX_ARGS arguments. */
const SLOT = 32;
/** The most arguments a pooled kernel takes (batchNormTrainForward has 15). */
export const MAX_ARGS = 16;
// Int32 control words.
const GENERATION = 0;
const DONE = 1;
const READY = 2;
const FAILED = 3;
/** Workers asleep in Atomics.wait on GENERATION (the caller notifies only when there are some). */
const SLEEPERS = 4;
/** 1 while the caller sleeps on DONE (the last worker to finish notifies only then). */
const CALLER_SLEEPS = 5;
/** Claim word of thread t's share at CLAIMS + t: 0 open, 1 taken by its worker, 2 taken by the caller, 3 none. */
const CLAIMS = 8;
const OPEN = 0, BY_WORKER = 1, BY_CALLER = 2, NO_SHARE = 3;
/** ThreadPool.start caps threads at this (select.ts MAX_THREADS). */
const MAX_POOL_THREADS = 32;
const CONTROL_WORDS = CLAIMS + MAX_POOL_THREADS;

/** How long an idle worker keeps watching for the next op before it blocks. */
const WORKER_SPIN_MS = 0.2;
/** How long the caller watches for the workers' shares to finish before it blocks. */
const CALLER_SPIN_MS = 0.5;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, tid, names, slot, spinMs } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('wasm kernel abort'); } } });
const fns = names.map((n) => instance.exports[n]);
const flags = new Int32Array(control, 0, ${CONTROL_WORDS});
const slots = new Float64Array(control, ${CONTROL_WORDS * 4});
const base = tid * slot;
Atomics.add(flags, ${READY}, 1);
Atomics.notify(flags, ${READY});
let seen = 0;
for (;;) {
  let generation = Atomics.load(flags, ${GENERATION});
  if (generation === seen) {
    // Spin (checking the clock every 256 looks), then sleep.
    const until = performance.now() + spinMs;
    for (let i = 1; generation === seen; i++) {
      if ((i & 255) === 0 && performance.now() > until) break;
      generation = Atomics.load(flags, ${GENERATION});
    }
    if (generation === seen) {
      Atomics.add(flags, ${SLEEPERS}, 1);
      Atomics.wait(flags, ${GENERATION}, seen);
      Atomics.sub(flags, ${SLEEPERS}, 1);
      continue;
    }
  }
  seen = generation;
  if (generation < 0) break;
  // The share is ours unless the caller got there first; its arguments are read after the claim, so a late worker
  // that claims the next op's share runs that op's arguments.
  if (Atomics.compareExchange(flags, ${CLAIMS} + tid, ${OPEN}, ${BY_WORKER}) !== ${OPEN}) continue;
  const fn = slots[base];
  if (fn >= 0) {
    // Every call passes ${MAX_ARGS} arguments: a wasm function ignores those past its own parameters.
    const f = fns[fn], a = base + 2;
    try {
      f(slots[a], slots[a + 1], slots[a + 2], slots[a + 3], slots[a + 4], slots[a + 5], slots[a + 6], slots[a + 7],
        slots[a + 8], slots[a + 9], slots[a + 10], slots[a + 11], slots[a + 12], slots[a + 13], slots[a + 14], slots[a + 15]);
    } catch (e) { Atomics.store(flags, ${FAILED}, 1); }
  }
  Atomics.add(flags, ${DONE}, 1);
  if (Atomics.load(flags, ${CALLER_SLEEPS})) Atomics.notify(flags, ${DONE});
}
`;

export type KernelFn = (...args: number[]) => unknown;

export class ThreadPool {
  readonly threads: number;
  private readonly workers: Worker[] = [];
  private readonly flags: Int32Array;
  private readonly slots: Float64Array;
  private generation = 0;
  /** Shares handed to workers, and how many of them the caller ran itself (a measure of how busy the machine is). */
  shared = 0;
  stolen = 0;

  private readonly argViews: Float64Array[];

  private constructor(threads: number, control: SharedArrayBuffer, private readonly fns: readonly KernelFn[]) {
    this.threads = threads;
    this.flags = new Int32Array(control, 0, CONTROL_WORDS);
    this.slots = new Float64Array(control, CONTROL_WORDS * 4);
    this.argViews = Array.from({ length: threads }, (_, t) =>
      t === 0 ? new Float64Array(MAX_ARGS) : new Float64Array(control, CONTROL_WORDS * 4 + (t * SLOT + 2) * 8, MAX_ARGS));
  }

  /** Starts `threads − 1` workers (the caller is thread 0) and waits until each has its instance. */
  static async start(
    module: WasmModule, memory: WasmMemory, threads: number, names: readonly string[], own: readonly KernelFn[],
  ): Promise<ThreadPool> {
    if (threads > MAX_POOL_THREADS) throw new Error(`at most ${MAX_POOL_THREADS} threads`);
    const control = new SharedArrayBuffer(CONTROL_WORDS * 4 + threads * SLOT * 8);
    const pool = new ThreadPool(threads, control, own);
    for (let tid = 1; tid < threads; tid++) {
      const workerData = { module, memory, control, tid, names, slot: SLOT, spinMs: WORKER_SPIN_MS };
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
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
   * Thread t's argument slots (MAX_ARGS numbers): the caller writes a share's arguments here, then calls `run`.
   * Writing them is safe between calls: a worker reads its slots only after claiming a share, and no share is open
   * outside `run`. Thread 0's (the caller's) are an ordinary array.
   */
  args(t: number): Float64Array {
    return this.argViews[t];
  }

  /**
   * Runs fns[fn] on the arguments in args(t) on thread t for every t < shares (≤ threads), share 0 on the calling
   * thread, and returns when all are done. Workers without a share just check in. Allocates nothing.
   */
  run(fn: number, shares: number): void {
    const { flags, slots, threads } = this;
    if (threads === 1 || shares === 1) {
      this.call(fn, 0);
      return;
    }
    Atomics.store(flags, DONE, 0);
    for (let t = 1; t < threads; t++) {
      const base = t * SLOT;
      if (t >= shares) {
        slots[base] = -1;
        Atomics.store(flags, CLAIMS + t, NO_SHARE);
        continue;
      }
      slots[base] = fn;
      Atomics.store(flags, CLAIMS + t, OPEN);
    }
    this.generation = (this.generation + 1) & 0x3fffffff;
    Atomics.store(flags, GENERATION, this.generation);
    // Sequentially consistent: a worker that counted itself a sleeper before this load gets the notify; one that
    // counts itself after it finds the new generation in Atomics.wait's own check and does not sleep.
    if (Atomics.load(flags, SLEEPERS) > 0) Atomics.notify(flags, GENERATION);
    this.call(fn, 0);
    // Run here every share no worker has started; wait only for those that have.
    let want = 0;
    for (let t = 1; t < shares; t++) {
      if (Atomics.compareExchange(flags, CLAIMS + t, OPEN, BY_CALLER) === OPEN) this.call(fn, t);
      else want++;
    }
    this.stolen += shares - 1 - want;
    this.shared += shares - 1;
    if (Atomics.load(flags, DONE) < want) {
      const until = performance.now() + CALLER_SPIN_MS;
      for (let i = 1; Atomics.load(flags, DONE) < want; i++) {
        if ((i & 255) === 0 && performance.now() > until) break;
      }
      if (Atomics.load(flags, DONE) < want) {
        Atomics.store(flags, CALLER_SLEEPS, 1);
        for (let done = Atomics.load(flags, DONE); done < want; done = Atomics.load(flags, DONE)) Atomics.wait(flags, DONE, done, 50);
        Atomics.store(flags, CALLER_SLEEPS, 0);
      }
    }
    if (Atomics.load(flags, FAILED)) {
      Atomics.store(flags, FAILED, 0);
      throw new Error('a WASM kernel failed on a worker thread');
    }
  }

  /** fns[fn] on thread t's arguments, on this thread (MAX_ARGS passed: a wasm function ignores the extra ones). */
  private call(fn: number, t: number): void {
    const a = this.argViews[t];
    this.fns[fn](a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
  }

  async dispose(): Promise<void> {
    Atomics.store(this.flags, GENERATION, -1);
    Atomics.notify(this.flags, GENERATION);
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
