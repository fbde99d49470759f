/**
 * What every group of WASM ops shares: the kernels, the heap and its staging area, the thread pool and how work is
 * split between threads (split.ts), and the small scratch blocks allocated once per backend (packing buffers, the
 * geometry struct, per-thread partial gradients, batchnorm's accumulators). The op files (ops/*.ts) each take one
 * of these and return their slice of the Backend.
 */
import type { ConvGeometry, PoolGeometry } from '../backend';
import type { FloatArray } from '../../tensor/types';
import { BN_ACC_DOUBLES, MR, PACK_BYTES, POOLED, type KernelExports, type PooledKernel } from './exports';
import { Staging, type WasmHeap } from './heap';
import type { ThreadPool } from './pool';
import { SPLIT_DEFAULTS, split, type SplitPolicy } from './split';

export const f32 = (a: FloatArray | null): a is Float32Array => a instanceof Float32Array;

export interface WasmContext {
  readonly k: KernelExports;
  readonly heap: WasmHeap;
  readonly threads: number;
  readonly policy: SplitPolicy;
  readonly stage: Staging;
  /** One GEMM packing buffer per thread (PACK_BYTES each). */
  readonly packs: readonly number[];
  /** The 16-int geometry struct the conv and pooling kernels read (written by writeConvGeometry/writePoolGeometry). */
  readonly geoAt: number;
  /** 16 bytes the loss kernel writes its results to: a float64 loss sum, then an int32 count. */
  readonly outAt: number;
  readonly outF64: Float64Array;
  readonly outI32: Int32Array;
  /** Runs a kernel's shares: on this thread when there is one share (or no pool), else on the pool. */
  run(fn: PooledKernel, shares: number[][]): void;
  /** Per worker thread, a partial gradient block of at least `floats` floats (grown on demand). */
  partialAt(t: number, floats: number): number;
  /** Per thread, the tiled conv kernels' scratch of at least `bytes` bytes (grown on demand). */
  tileAt(t: number, bytes: number): number;
  /** Batchnorm's per-channel float64 scratch (threads own disjoint channels of it); grown on demand. */
  bnScratch(channels: number): number;
  writeConvGeometry(g: ConvGeometry): void;
  writePoolGeometry(g: PoolGeometry): void;
  /** Sample ranges for a batch op worth threading, else the whole batch on this thread. */
  sampleShares(batch: number, work: number): number[][];
  /** Ranges of output rows (whole MR-row blocks) for a tiled conv op worth threading, else every row on this thread. */
  rowShares(rows: number, work: number): number[][];
  /** Ranges of `count` items (samples or elements) for an elementwise op over `elements` values. */
  elementShares(count: number, elements: number): number[][];
  /** Channel ranges (multiples of 4, the SIMD width) for a batchnorm over rows × channels worth threading. */
  channelShares(rows: number, channels: number): number[][];
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
  const packs = Array.from({ length: threads }, () => heap.alloc(PACK_BYTES));
  const geoAt = heap.alloc(64);
  const geo = new Int32Array(heap.buffer(), geoAt, 16);
  const outAt = heap.alloc(16);
  return {
    k, heap, threads, policy, stage, packs, geoAt, outAt,
    outF64: new Float64Array(heap.buffer(), outAt, 1),
    outI32: new Int32Array(heap.buffer(), outAt + 8, 1),
    run(fn, shares) {
      if (!pool || shares.length === 1) (k[fn] as (...a: number[]) => void)(...shares[0]);
      else pool.run(POOLED.indexOf(fn), shares);
    },
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
        s.at = heap.alloc(bytes);
        s.bytes = bytes;
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
      threads > 1 && batch >= threads && work >= policy.parallelFlops ? split(batch, threads, 1) : [[0, batch]],
    rowShares: (rows, work) =>
      threads > 1 && rows >= MR * threads && work >= policy.parallelFlops ? split(rows, threads, MR) : [[0, rows]],
    elementShares: (count, elements) =>
      threads > 1 && elements >= policy.parallelElements && count >= threads ? split(count, threads, 1) : [[0, count]],
    channelShares: (rows, channels) =>
      threads > 1 && rows * channels >= policy.parallelElements && channels >= 8 ? split(channels, threads, 4) : [[0, channels]],
  };
}
