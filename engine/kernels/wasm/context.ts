/**
 * What every group of WASM ops shares: the kernels, the heap and its staging area, the thread pool and how work is
 * split between threads (split.ts), and the small scratch blocks allocated once per backend (packing buffers, the
 * geometry struct, per-thread partial gradients, batchnorm's accumulators). The op files (ops/*.ts) each take one
 * of these and return their slice of the Backend.
 *
 * An op allocates nothing on the JS heap: the share helpers write their ranges into `lo`/`hi` and return how many
 * shares there are, `put` writes a share's arguments into that thread's preallocated slots (the pool's shared
 * argument block for workers), and `dispatch` runs them. The pattern, in every op:
 *   const n = c.sampleShares(batch, work);
 *   for (let t = 0; t < n; t++) c.put(t, x, y, c.lo[t], c.hi[t]);
 *   c.dispatch('kernel', n);
 */
import type { ConvGeometry, PoolGeometry } from '../backend';
import type { FloatArray } from '../../tensor/types';
import { BN_ACC_DOUBLES, PACK_BYTES, POOLED, type KernelExports, type PooledKernel } from './exports';
import { Staging, type WasmHeap } from './heap';
import { MAX_ARGS, type ThreadPool } from './pool';
import { SPLIT_DEFAULTS, splitInto, type SplitPolicy } from './split';

export const f32 = (a: FloatArray | null): a is Float32Array => a instanceof Float32Array;

export interface WasmContext {
  readonly k: KernelExports;
  readonly heap: WasmHeap;
  readonly threads: number;
  readonly policy: SplitPolicy;
  readonly stage: Staging;
  /** Rows of C per GEMM micro-tile of the loaded build (its gemmRowBlock export): row splits come in multiples of it. */
  readonly mr: number;
  /** One GEMM packing buffer per thread (PACK_BYTES each). */
  readonly packs: readonly number[];
  /** The 16-int geometry struct the conv and pooling kernels read (written by writeConvGeometry/writePoolGeometry). */
  readonly geoAt: number;
  /** 16 bytes the loss kernels write their results to: a float64 sum, then an int32 count. */
  readonly outAt: number;
  readonly outF64: Float64Array;
  readonly outI32: Int32Array;
  /** Share t's range [lo[t], hi[t]), written by the share helpers below (valid until the next one). */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  /** Writes share t's arguments (at most MAX_ARGS; a kernel ignores those past its own parameters). */
  put(
    t: number, a0: number, a1?: number, a2?: number, a3?: number, a4?: number, a5?: number, a6?: number, a7?: number,
    a8?: number, a9?: number, a10?: number, a11?: number, a12?: number, a13?: number, a14?: number, a15?: number,
  ): void;
  /** Runs `fn` on the first `shares` threads' arguments: on this thread when there is one share (or no pool). */
  dispatch(fn: PooledKernel, shares: number): void;
  /**
   * The common case in one call: `fn`'s last two parameters are a range, the others the same for every share.
   * Runs fn(a0, a1, …, lo[t], hi[t]) for each of the `shares` ranges the share helper just wrote.
   */
  runShares(
    fn: PooledKernel, shares: number, a0: number, a1?: number, a2?: number, a3?: number, a4?: number, a5?: number,
    a6?: number, a7?: number, a8?: number, a9?: number, a10?: number, a11?: number, a12?: number, a13?: number,
  ): void;
  /** Splits `total` items in units of `grain` between the threads into lo/hi; returns the number of shares. */
  split(total: number, grain: number): number;
  /** Per worker thread, a partial gradient block of at least `floats` floats (grown on demand). */
  partialAt(t: number, floats: number): number;
  /** Per thread, the tiled conv kernels' scratch of at least `bytes` bytes (grown on demand). */
  tileAt(t: number, bytes: number): number;
  /** Batchnorm's per-channel float64 scratch (threads own disjoint channels of it); grown on demand. */
  bnScratch(channels: number): number;
  writeConvGeometry(g: ConvGeometry): void;
  writePoolGeometry(g: PoolGeometry): void;
  /** Sample ranges for a batch op worth threading, else the whole batch on this thread (into lo/hi; the count). */
  sampleShares(batch: number, work: number): number;
  /** Ranges of output rows (whole MR-row blocks) for a tiled conv op worth threading, else every row (into lo/hi; the count). */
  rowShares(rows: number, work: number): number;
  /** Ranges of `count` items (samples, rows or elements) for an op over `elements` values (into lo/hi; the count). */
  elementShares(count: number, elements: number): number;
  /** Channel ranges (multiples of 4, the SIMD width) for a batchnorm over rows × channels worth threading. */
  channelShares(rows: number, channels: number): number;
}

export interface ContextParts {
  readonly kernels: KernelExports;
  readonly heap: WasmHeap;
  /** Null: one thread. */
  readonly pool: ThreadPool | null;
  readonly split?: Partial<SplitPolicy>;
}

export function createContext({ kernels: k, heap, pool, split: overrides }: ContextParts): WasmContext {
  const threads = pool ? pool.threads : 1;
  const policy: SplitPolicy = { ...SPLIT_DEFAULTS, ...overrides };
  const partials: { at: number; floats: number }[] = Array.from({ length: threads }, () => ({ at: 0, floats: 0 }));
  const tiles: { at: number; bytes: number }[] = Array.from({ length: threads }, () => ({ at: 0, bytes: 0 }));
  let bnAcc = { at: 0, channels: 0 };
  const stage = new Staging(heap);
  const mr = k.gemmRowBlock();
  const packs = Array.from({ length: threads }, () => heap.alloc(PACK_BYTES));
  const geoAt = heap.alloc(64);
  const geo = new Int32Array(heap.buffer(), geoAt, 16);
  const outAt = heap.alloc(16);
  const lo = new Int32Array(threads), hi = new Int32Array(threads);
  const args: Float64Array[] = Array.from({ length: threads }, (_, t) => (pool ? pool.args(t) : new Float64Array(MAX_ARGS)));
  const index = new Map<PooledKernel, number>(POOLED.map((n, i) => [n, i]));
  /** Each pooled kernel's parameter count (a wasm export's `length`). */
  const arity = new Map<PooledKernel, number>(POOLED.map((n) => [n, (k[n] as (...a: number[]) => void).length]));
  const put: WasmContext['put'] = (t, a0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0, a14 = 0, a15 = 0) => {
    const a = args[t];
    a[0] = a0; a[1] = a1; a[2] = a2; a[3] = a3; a[4] = a4; a[5] = a5; a[6] = a6; a[7] = a7;
    a[8] = a8; a[9] = a9; a[10] = a10; a[11] = a11; a[12] = a12; a[13] = a13; a[14] = a14; a[15] = a15;
  };
  const dispatch: WasmContext['dispatch'] = (fn, shares) => {
    if (pool && shares > 1) {
      pool.run(index.get(fn)!, shares);
      return;
    }
    const a = args[0];
    (k[fn] as (...v: number[]) => void)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
  };
  const whole = (count: number) => {
    lo[0] = 0;
    hi[0] = count;
    return 1;
  };
  return {
    k, heap, threads, policy, stage, mr, packs, geoAt, outAt, lo, hi,
    outF64: new Float64Array(heap.buffer(), outAt, 1),
    outI32: new Int32Array(heap.buffer(), outAt + 8, 1),
    put,
    dispatch,
    runShares(fn, shares, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13) {
      const at = arity.get(fn)! - 2;
      for (let t = 0; t < shares; t++) {
        put(t, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13);
        args[t][at] = lo[t];
        args[t][at + 1] = hi[t];
      }
      dispatch(fn, shares);
    },
    split: (total, grain) => splitInto(total, threads, grain, lo, hi),
    partialAt(t, floats) {
      const p = partials[t];
      if (p.floats < floats) {
        p.at = heap.alloc(floats * 4);
        p.floats = floats;
      }
      return p.at;
    },
    tileAt(t, bytes) {
      const s = tiles[t];
      if (s.bytes < bytes) {
        // A tile fits in tileBytes unless one MR-row block is larger: one block of tileBytes serves every conv, where
        // growing to each conv's exact need would strand the smaller blocks (the heap frees nothing).
        const size = Math.max(bytes, policy.tileBytes);
        s.at = heap.alloc(size);
        s.bytes = size;
      }
      return s.at;
    },
    bnScratch(channels) {
      if (bnAcc.channels < channels) bnAcc = { at: heap.alloc(channels * BN_ACC_DOUBLES * 8), channels };
      return bnAcc.at;
    },
    writeConvGeometry(g) {
      geo[0] = g.batch; geo[1] = g.inH; geo[2] = g.inW; geo[3] = g.inC; geo[4] = g.outH; geo[5] = g.outW;
      geo[6] = g.outC; geo[7] = g.kernelH; geo[8] = g.kernelW; geo[9] = g.strideH; geo[10] = g.strideW;
      geo[11] = g.dilationH; geo[12] = g.dilationW; geo[13] = g.padTop; geo[14] = g.padLeft;
    },
    writePoolGeometry(g) {
      geo[0] = g.batch; geo[1] = g.inH; geo[2] = g.inW; geo[3] = g.channels; geo[4] = g.outH; geo[5] = g.outW;
      geo[6] = g.kernelH; geo[7] = g.kernelW; geo[8] = g.strideH; geo[9] = g.strideW; geo[10] = g.padTop; geo[11] = g.padLeft;
    },
    sampleShares: (batch, work) =>
      threads > 1 && batch >= threads && work >= policy.parallelFlops ? splitInto(batch, threads, 1, lo, hi) : whole(batch),
    rowShares: (rows, work) =>
      threads > 1 && rows >= mr * threads && work >= policy.parallelFlops ? splitInto(rows, threads, mr, lo, hi) : whole(rows),
    elementShares: (count, elements) =>
      threads > 1 && elements >= policy.parallelElements && count >= threads ? splitInto(count, threads, 1, lo, hi) : whole(count),
    channelShares: (rows, channels) =>
      threads > 1 && rows * channels >= policy.parallelElements && channels >= 8 ? splitInto(channels, threads, 4, lo, hi) : whole(channels),
  };
}
