/**
 * The WebAssembly SIMD backend: the Backend interface over the kernels in engine/kernels/wasm/assembly. It is built
 * as `{ ...cpuBackend, ...wasmOps }`, so an op the WASM side lacks (softmax, maxout, concat, layer norm, GELU/SiLU/
 * ReLU6, grouped convolution other than one filter per channel, transposed convolution, upsampling, global max
 * pooling) runs the TypeScript kernel — on the same arrays, which live in the wasm heap but are
 * ordinary Float32Arrays to JS — and a Backend method added later works before it gets a WASM version.
 * Float64 arguments (gradient checks) always go to the TypeScript kernels.
 *
 * Threads (ThreadPool; every core by default). What splits how, and why — the policy is SplitPolicy below, and
 * `npm run bench:threads -- --layers` times each W3 conv layer (at the batch chunk the layer runs) with 1 thread and
 * with 2 threads under both policies, interleaved:
 *  - conv forward and input gradient: by samples ('batch'). Each thread gathers (im2col) and multiplies its own
 *    rows, and col2im scatters only into its own images, so no barrier sits between the gather and the GEMM. The
 *    alternative ('gemm': im2col by samples, then the GEMM split by column panels or rows, then col2im by samples)
 *    needs two or three pool rounds per call. Measured 2026-12-01 04:00 UTC on the 2-vCPU EPYC, load average 19
 *    (the machine was shared all session, so these are ratios between noisy medians, not a quiet machine's):
 *    2-thread speed-up over 1 thread, 'batch' vs 'gemm', W3 layers 1–4:
 *      forward  1.08/0.63, 0.90/0.76, 1.20/0.80, 1.08/0.69 — 'batch' wins every layer;
 *      input    0.60/0.50, 0.86/0.81, 0.98/1.24, 1.09/0.89 — 'batch' wins layers 1, 2 and 4, 'gemm' layer 3 (one
 *               round of noise at that load; training never computes layer 1's input gradient).
 *  - conv filter gradient dW = colᵀ·dy: by samples too ('batch'): each thread multiplies its rows of col and dy
 *    into its own partial dW (the first thread straight into dW), and the partials are added after in a fixed
 *    order (the same values whoever ran a share); dW is small (≤ patch × K) and dy is packed once in all. The
 *    alternative ('rows') splits the rows of dW, and each thread then packs all of dy — W3's first layer has 27 rows
 *    of dW for 32 768 of dy. Same run: 0.94/0.97, 1.05/1.01, 0.94/0.99, 0.87/0.93 — a tie within that load's
 *    noise; 'batch' kept because it does less work (one packing of dy instead of one per thread).
 *  - dense products: by 8-column panels of C when there are at least 2 per thread, by rows otherwise.
 *  - batchnorm: by channels (multiples of 4), so each thread owns its statistics; pooling and activations: by
 *    samples or elements.
 *  - small ops stay on the calling thread: below `parallelFlops` (and `parallelElements` for elementwise ops)
 *    handing a share to a worker costs more than it saves (W1's 10-class layer, the biases, the loss). The values
 *    (4 MFLOP, 2¹⁸ elements) were not re-measured this session: at load 19–27 every 2-thread figure of
 *    `bench:threads -- --crossover` lost (even a 67 MFLOP GEMM, 0.75×), which measures the load, not the
 *    crossover. The pool makes a threshold set too low cheap anyway: a share no worker has started by the time
 *    the caller finishes its own runs on the caller (pool.ts), so a small op costs one compare-and-swap more.
 */
import type { ActivationKind, Backend, ClassificationLoss, ConvGeometry, GroupedConvGeometry, OptimizerKernels, PoolGeometry } from '../backend';
import { cpuBackend } from '../cpu';
import type { FloatArray } from '../../tensor/types';
import { BN_ACC_DOUBLES, MR, NR, PACK_BYTES, POOLED, type KernelExports, type PooledKernel } from './exports';
import { Staging, WasmHeap } from './heap';
import type { ThreadPool } from './pool';

/** How the backend splits work between threads (see the header). */
export interface SplitPolicy {
  /** conv forward and input gradient. */
  readonly conv: 'batch' | 'gemm';
  /** conv filter gradient. */
  readonly filter: 'batch' | 'rows';
  /** Below this many flops a product runs on the calling thread. */
  readonly parallelFlops: number;
  /** Below this many elements an elementwise op runs on the calling thread. */
  readonly parallelElements: number;
}

export const SPLIT_DEFAULTS: SplitPolicy = {
  conv: 'batch',
  filter: 'batch',
  parallelFlops: 4e6,
  parallelElements: 1 << 18,
};

const f32 = (a: FloatArray | null): a is Float32Array => a instanceof Float32Array;

export interface WasmBackendParts {
  readonly name: string;
  readonly kernels: KernelExports;
  readonly heap: WasmHeap;
  /** Null: one thread. */
  readonly pool: ThreadPool | null;
  /** Overrides of SPLIT_DEFAULTS (benchmarks comparing policies; tests forcing small ops onto threads). */
  readonly split?: Partial<SplitPolicy>;
}

export function createWasmBackend({ name, kernels: k, heap, pool, split: policy }: WasmBackendParts): Backend {
  const threads = pool ? pool.threads : 1;
  const { conv: convSplit, filter: filterSplit, parallelFlops: PARALLEL_FLOPS, parallelElements: PARALLEL_ELEMENTS } = { ...SPLIT_DEFAULTS, ...policy };
  /** Per worker thread, a partial filter gradient (dW then db) for the batch-split filter gradient; grown on demand. */
  const partials: { at: number; floats: number }[] = Array.from({ length: threads }, () => ({ at: 0, floats: 0 }));
  const partialAt = (t: number, floats: number) => {
    const p = partials[t];
    if (p.floats < floats) {
      p.at = heap.alloc(floats * 4);
      p.floats = floats;
    }
    return p.at;
  };
  const stage = new Staging(heap);
  const packs = Array.from({ length: threads }, () => heap.alloc(PACK_BYTES));
  /** Batchnorm's per-channel float64 scratch (threads own disjoint channels of it); grown on demand. */
  let bnAcc = { at: 0, channels: 0 };
  const bnScratch = (channels: number) => {
    if (bnAcc.channels < channels) bnAcc = { at: heap.alloc(channels * BN_ACC_DOUBLES * 8), channels };
    return bnAcc.at;
  };
  /** Channel ranges (multiples of 4, the SIMD width) for a batchnorm over rows × channels worth threading. */
  const channelShares = (rows: number, channels: number) =>
    threads > 1 && rows * channels >= PARALLEL_ELEMENTS && channels >= 8 ? split(channels, threads, 4) : [[0, channels]];
  const geoAt = heap.alloc(64);
  const geo = new Int32Array(heap.buffer(), geoAt, 16);
  const outAt = heap.alloc(16);
  const outF64 = new Float64Array(heap.buffer(), outAt, 1);
  const outI32 = new Int32Array(heap.buffer(), outAt + 8, 1);
  /** 1×1 convolutions read x in place: the `col` a forward "filled" → the x it stands for. */
  const directCols = new Map<number, number>();

  const run = (fn: PooledKernel, shares: number[][]) => {
    if (!pool || shares.length === 1) (k[fn] as (...a: number[]) => void)(...shares[0]);
    else pool.run(POOLED.indexOf(fn), shares);
  };

  /** [start, end) of share t when `total` items (in units of `grain`) split into `parts`. */
  const split = (total: number, parts: number, grain: number): number[][] => {
    const units = Math.ceil(total / grain);
    const out: number[][] = [];
    for (let t = 0, start = 0; t < parts; t++) {
      const end = Math.min(total, Math.round(((t + 1) * units) / parts) * grain);
      if (end > start) out.push([start, end]);
      start = Math.max(start, end);
    }
    return out;
  };

  /** C (+)= A·B with strides (see assembly/gemm.ts), split between threads when big enough. */
  const gemm = (
    a: number, ar: number, ac: number, b: number, br: number, bc: number, c: number,
    m: number, n: number, kk: number, accumulate: boolean,
  ) => {
    const acc = accumulate ? 1 : 0;
    if (threads === 1 || 2 * m * n * kk < PARALLEL_FLOPS) {
      k.gemmRange(a, ar, ac, b, br, bc, c, n, kk, acc, 0, m, 0, n, packs[0]);
      return;
    }
    const byColumns = Math.ceil(n / NR) >= 2 * threads || m < MR * threads;
    const ranges = split(byColumns ? n : m, threads, byColumns ? NR : MR);
    run('gemmRange', ranges.map(([s, e], t) =>
      byColumns
        ? [a, ar, ac, b, br, bc, c, n, kk, acc, 0, m, s, e, packs[t]]
        : [a, ar, ac, b, br, bc, c, n, kk, acc, s, e, 0, n, packs[t]]));
  };

  const writeConvGeometry = (g: ConvGeometry) => {
    geo[0] = g.batch; geo[1] = g.inH; geo[2] = g.inW; geo[3] = g.inC; geo[4] = g.outH; geo[5] = g.outW;
    geo[6] = g.outC; geo[7] = g.kernelH; geo[8] = g.kernelW; geo[9] = g.strideH; geo[10] = g.strideW;
    geo[11] = g.dilationH; geo[12] = g.dilationW; geo[13] = g.padTop; geo[14] = g.padLeft;
  };
  const writePoolGeometry = (g: PoolGeometry) => {
    geo[0] = g.batch; geo[1] = g.inH; geo[2] = g.inW; geo[3] = g.channels; geo[4] = g.outH; geo[5] = g.outW;
    geo[6] = g.kernelH; geo[7] = g.kernelW; geo[8] = g.strideH; geo[9] = g.strideW; geo[10] = g.padTop; geo[11] = g.padLeft;
  };
  /** Depthwise with one filter per channel (MobileNet's): the WASM direct kernel; other groupings run the TypeScript one. */
  const isDepthwise = (g: GroupedConvGeometry) => g.groups === g.inC && g.outC === g.inC;
  /** A 1×1, stride-1, unpadded, undilated conv: its im2col matrix is x itself. */
  const isPointwise = (g: ConvGeometry) =>
    g.kernelH === 1 && g.kernelW === 1 && g.strideH === 1 && g.strideW === 1 && g.dilationH === 1 && g.dilationW === 1 &&
    g.padTop === 0 && g.padLeft === 0 && g.outH === g.inH && g.outW === g.inW;
  const sizes = (g: ConvGeometry) => {
    const pixels = g.outH * g.outW;
    const patch = g.kernelH * g.kernelW * g.inC;
    return { pixels, patch, rows: g.batch * pixels, inSize: g.inH * g.inW * g.inC, flops: 2 * g.batch * pixels * patch * g.outC };
  };
  /** Sample ranges for a batch op worth threading, else the whole batch on this thread. */
  const sampleShares = (batch: number, work: number) =>
    threads > 1 && batch >= threads && work >= PARALLEL_FLOPS ? split(batch, threads, 1) : [[0, batch]];

  const ops: Partial<Backend> = {
    matmul(a, b, c, m, kk, n, accumulate) {
      if (!f32(a) || !f32(b) || !f32(c)) return cpuBackend.matmul(a, b, c, m, kk, n, accumulate);
      stage.begin();
      const pa = stage.input(a, m * kk), pb = stage.input(b, kk * n), pc = stage.output(c, m * n, accumulate);
      gemm(pa, kk, 1, pb, n, 1, pc, m, n, kk, accumulate);
      stage.end();
    },
    matmulTransB(a, b, c, m, kk, n, accumulate) {
      if (!f32(a) || !f32(b) || !f32(c)) return cpuBackend.matmulTransB(a, b, c, m, kk, n, accumulate);
      stage.begin();
      const pa = stage.input(a, m * kk), pb = stage.input(b, n * kk), pc = stage.output(c, m * n, accumulate);
      gemm(pa, kk, 1, pb, 1, kk, pc, m, n, kk, accumulate);
      stage.end();
    },
    matmulTransA(a, b, c, m, kk, n, accumulate) {
      if (!f32(a) || !f32(b) || !f32(c)) return cpuBackend.matmulTransA(a, b, c, m, kk, n, accumulate);
      stage.begin();
      const pa = stage.input(a, kk * m), pb = stage.input(b, kk * n), pc = stage.output(c, m * n, accumulate);
      gemm(pa, 1, m, pb, n, 1, pc, m, n, kk, accumulate);
      stage.end();
    },
    addBias(y, bias, rows, cols) {
      if (!f32(y) || !f32(bias)) return cpuBackend.addBias(y, bias, rows, cols);
      stage.begin();
      const pb = stage.input(bias, cols), py = stage.output(y, rows * cols, true);
      k.addBias(py, pb, 0, rows, cols);
      stage.end();
    },
    sumRows(x, out, rows, cols) {
      if (!f32(x) || !f32(out)) return cpuBackend.sumRows(x, out, rows, cols);
      stage.begin();
      const px = stage.input(x, rows * cols), po = stage.output(out, cols, false);
      k.sumRows(px, po, rows, cols, 0, cols, 0);
      stage.end();
    },

    conv2dForward(args, g) {
      const { x, weight: w, bias, y, col } = args;
      if (!f32(x) || !f32(w) || !f32(y) || !f32(col) || (bias && !f32(bias))) return cpuBackend.conv2dForward(args, g);
      const { rows, patch, inSize, flops } = sizes(g);
      const K = g.outC;
      stage.begin();
      const pointwise = isPointwise(g) && heap.owns(x) && heap.owns(col);
      const px = stage.input(x, g.batch * inSize), pw = stage.input(w, patch * K);
      const pb = bias ? stage.input(bias, K) : 0;
      const py = stage.output(y, rows * K, false);
      const pc = stage.output(col, pointwise ? 0 : rows * patch, false);
      if (pointwise) {
        // 1×1: y = x·W straight from the NHWC input (no im2col); the filter gradient will read x (directCols).
        directCols.set(pc, px);
        gemm(px, patch, 1, pw, K, 1, py, rows, K, patch, false);
        if (pb) k.addBias(py, pb, 0, rows, K);
      } else {
        directCols.delete(pc);
        writeConvGeometry(g);
        const shares = sampleShares(g.batch, flops);
        if (convSplit === 'gemm' && shares.length > 1) {
          run('im2colRange', shares.map(([s0, s1]) => [px, pc, geoAt, s0, s1]));
          gemm(pc, patch, 1, pw, K, 1, py, rows, K, patch, false);
          if (pb) run('addBias', split(rows, threads, 1).map(([r0, r1]) => [py, pb, r0, r1, K]));
        } else {
          run('convForwardRange', shares.map(([s0, s1], t) => [px, pw, pb, py, pc, geoAt, s0, s1, packs[t]]));
        }
      }
      stage.end();
    },
    conv2dBackwardInput(args, g) {
      const { dy, weight: w, dx, dcol } = args;
      if (!f32(dy) || !f32(w) || !f32(dx) || !f32(dcol)) return cpuBackend.conv2dBackwardInput(args, g);
      const { rows, patch, inSize, flops } = sizes(g);
      const K = g.outC;
      stage.begin();
      const pdy = stage.input(dy, rows * K), pw = stage.input(w, patch * K), pdx = stage.output(dx, g.batch * inSize, false);
      if (isPointwise(g)) {
        gemm(pdy, K, 1, pw, 1, K, pdx, rows, patch, K, false);
      } else {
        const pdc = stage.output(dcol, rows * patch, false);
        writeConvGeometry(g);
        const shares = sampleShares(g.batch, flops);
        if (convSplit === 'gemm' && shares.length > 1) {
          gemm(pdy, K, 1, pw, 1, K, pdc, rows, patch, K, false);
          run('col2imRange', shares.map(([s0, s1]) => [pdc, pdx, geoAt, s0, s1]));
        } else {
          run('convBackwardInputRange', shares.map(([s0, s1], t) => [pdy, pw, pdx, pdc, geoAt, s0, s1, packs[t]]));
        }
      }
      stage.end();
    },
    conv2dBackwardFilter(args, g, accumulate) {
      const { dy, col, dweight: dw, dbias: db } = args;
      if (!f32(dy) || !f32(col) || !f32(dw) || (db && !f32(db))) return cpuBackend.conv2dBackwardFilter(args, g, accumulate);
      const { rows, patch } = sizes(g);
      const K = g.outC;
      stage.begin();
      const direct = heap.owns(col) ? directCols.get(col.byteOffset) : undefined;
      const pcol = direct ?? stage.input(col, rows * patch);
      const pdy = stage.input(dy, rows * K);
      const pdw = stage.output(dw, patch * K, accumulate);
      const pdb = db ? stage.output(db, K, accumulate) : 0;
      const parallel = threads > 1 && 2 * patch * K * rows >= PARALLEL_FLOPS;
      if (parallel && filterSplit === 'batch' && rows >= threads) {
        // Each thread's share of the rows (samples' pixels) into its own partial; thread 0 straight into dW.
        const size = patch * K + K;
        const shares = split(rows, threads, 1);
        run('convFilterRange', shares.map(([r0, r1], t) => {
          if (t === 0) return [pcol, pdy, pdw, pdb, patch, K, r0, r1, accumulate ? 1 : 0, packs[0]];
          const at = partialAt(t, size);
          return [pcol, pdy, at, pdb ? at + patch * K * 4 : 0, patch, K, r0, r1, 0, packs[t]];
        }));
        for (let t = 1; t < shares.length; t++) {
          k.addInto(pdw, partials[t].at, 0, patch * K);
          if (pdb) k.addInto(pdb, partials[t].at + patch * K * 4, 0, K);
        }
      } else {
        gemmFilter(pcol, pdy, pdw, patch, K, rows, accumulate);
        if (pdb) k.sumRows(pdy, pdb, rows, K, 0, K, accumulate ? 1 : 0);
      }
      stage.end();
    },
    im2col(x, col, g) {
      if (!f32(x) || !f32(col)) return cpuBackend.im2col(x, col, g);
      const { rows, patch, inSize } = sizes(g);
      stage.begin();
      const px = stage.input(x, g.batch * inSize), pc = stage.output(col, rows * patch, false);
      directCols.delete(pc);
      writeConvGeometry(g);
      run('im2colRange', sampleShares(g.batch, rows * patch * 8).map(([s0, s1]) => [px, pc, geoAt, s0, s1]));
      stage.end();
    },

    groupedConv2dForward(args, g) {
      const { x, weight: w, bias, y } = args;
      if (!isDepthwise(g) || !f32(x) || !f32(w) || !f32(y) || (bias && !f32(bias))) return cpuBackend.groupedConv2dForward(args, g);
      const C = g.inC, inSize = g.inH * g.inW * C, outSize = g.outH * g.outW * C, taps = g.kernelH * g.kernelW;
      stage.begin();
      const px = stage.input(x, g.batch * inSize), pw = stage.input(w, taps * C), pb = bias ? stage.input(bias, C) : 0;
      const py = stage.output(y, g.batch * outSize, false);
      writeConvGeometry(g);
      run('depthwiseForward', sampleShares(g.batch, 2 * g.batch * outSize * taps).map(([s0, s1]) => [px, pw, pb, py, geoAt, s0, s1]));
      stage.end();
    },
    groupedConv2dBackwardInput(args, g) {
      const { dy, weight: w, dx } = args;
      if (!isDepthwise(g) || !f32(dy) || !f32(w) || !f32(dx)) return cpuBackend.groupedConv2dBackwardInput(args, g);
      const C = g.inC, inSize = g.inH * g.inW * C, outSize = g.outH * g.outW * C, taps = g.kernelH * g.kernelW;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), pw = stage.input(w, taps * C), pdx = stage.output(dx, g.batch * inSize, false);
      writeConvGeometry(g);
      run('depthwiseBackwardInput', sampleShares(g.batch, 2 * g.batch * outSize * taps).map(([s0, s1]) => [pdy, pw, pdx, geoAt, s0, s1]));
      stage.end();
    },
    groupedConv2dBackwardFilter(args, g, accumulate) {
      const { dy, x, dweight: dw, dbias: db } = args;
      if (!isDepthwise(g) || !f32(dy) || !f32(x) || !f32(dw) || (db && !f32(db))) return cpuBackend.groupedConv2dBackwardFilter(args, g, accumulate);
      const C = g.inC, inSize = g.inH * g.inW * C, outSize = g.outH * g.outW * C, taps = g.kernelH * g.kernelW;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), px = stage.input(x, g.batch * inSize);
      const pdw = stage.output(dw, taps * C, accumulate), pdb = db ? stage.output(db, C, accumulate) : 0;
      writeConvGeometry(g);
      // By samples, each thread into its own partial (the first straight into dw/db), added up after in a fixed order.
      const shares = sampleShares(g.batch, 2 * g.batch * outSize * taps);
      run('depthwiseBackwardFilter', shares.map(([s0, s1], t) => {
        if (t === 0) return [pdy, px, pdw, pdb, geoAt, s0, s1, accumulate ? 1 : 0];
        const at = partialAt(t, taps * C + C);
        return [pdy, px, at, pdb ? at + taps * C * 4 : 0, geoAt, s0, s1, 0];
      }));
      for (let t = 1; t < shares.length; t++) {
        k.addInto(pdw, partials[t].at, 0, taps * C);
        if (pdb) k.addInto(pdb, partials[t].at + taps * C * 4, 0, C);
      }
      stage.end();
    },

    maxPoolForward(x, y, argmax, g) {
      if (!f32(x) || !f32(y)) return cpuBackend.maxPoolForward(x, y, argmax, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const px = stage.input(x, g.batch * inSize), py = stage.output(y, g.batch * outSize, false);
      const pa = stage.output(argmax, g.batch * outSize, false);
      writePoolGeometry(g);
      run('maxPoolForward', elementShares(g.batch, g.batch * inSize).map(([s0, s1]) => [px, py, pa, geoAt, s0, s1]));
      stage.end();
    },
    maxPoolBackward(dy, argmax, dx, g) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.maxPoolBackward(dy, argmax, dx, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), pa = stage.input(argmax, g.batch * outSize);
      const pdx = stage.output(dx, g.batch * inSize, false);
      writePoolGeometry(g);
      run('maxPoolBackward', elementShares(g.batch, g.batch * inSize).map(([s0, s1]) => [pdy, pa, pdx, geoAt, s0, s1]));
      stage.end();
    },

    activationForward(kind: ActivationKind, x, y, n, alpha) {
      if (!f32(x) || !f32(y)) return cpuBackend.activationForward(kind, x, y, n, alpha);
      stage.begin();
      const px = stage.input(x, n), py = stage.output(y, n, false);
      const shares = elementShares(n, n);
      if (kind === 'relu') run('reluForward', shares.map(([i0, i1]) => [px, py, i0, i1]));
      else if (kind === 'sigmoid') run('sigmoidForward', shares.map(([i0, i1]) => [px, py, i0, i1]));
      else if (kind === 'tanh') run('tanhForward', shares.map(([i0, i1]) => [px, py, i0, i1]));
      else if (kind === 'elu') run('eluForward', shares.map(([i0, i1]) => [px, py, alpha, i0, i1]));
      else run('leakyReluForward', shares.map(([i0, i1]) => [px, py, alpha, i0, i1]));
      stage.end();
    },
    activationBackward(args) {
      const { kind, x, y, dy, dx, n, alpha } = args;
      if (!f32(x) || !f32(y) || !f32(dy) || !f32(dx)) return cpuBackend.activationBackward(args);
      stage.begin();
      const pdy = stage.input(dy, n), pdx = stage.output(dx, n, false);
      const shares = elementShares(n, n);
      if (kind === 'relu') {
        const px = stage.input(x, n);
        run('reluBackward', shares.map(([i0, i1]) => [px, pdy, pdx, i0, i1]));
      } else if (kind === 'sigmoid' || kind === 'tanh') {
        const py = stage.input(y, n);
        run(kind === 'sigmoid' ? 'sigmoidBackward' : 'tanhBackward', shares.map(([i0, i1]) => [py, pdy, pdx, i0, i1]));
      } else if (kind === 'elu') {
        const px = stage.input(x, n), py = stage.input(y, n);
        run('eluBackward', shares.map(([i0, i1]) => [px, py, pdy, pdx, alpha, i0, i1]));
      } else {
        const px = stage.input(x, n);
        run('leakyReluBackward', shares.map(([i0, i1]) => [px, pdy, pdx, alpha, i0, i1]));
      }
      stage.end();
    },

    batchNormTrainForward(a) {
      const { x, gamma, beta, y, xhat, invStd, runningMean, runningVar, rows, channels: C, epsilon, momentum } = a;
      if (![x, gamma, beta, y, xhat, invStd, runningMean, runningVar].every(f32)) return cpuBackend.batchNormTrainForward(a);
      stage.begin();
      const px = stage.input(x as Float32Array, rows * C), pg = stage.input(gamma as Float32Array, C), pb = stage.input(beta as Float32Array, C);
      const py = stage.output(y as Float32Array, rows * C, false), ph = stage.output(xhat as Float32Array, rows * C, false);
      const pi = stage.output(invStd as Float32Array, C, false);
      const pm = stage.output(runningMean as Float32Array, C, true), pv = stage.output(runningVar as Float32Array, C, true);
      const acc = bnScratch(C);
      run('batchNormTrainForward', channelShares(rows, C).map(([c0, c1]) => [px, pg, pb, py, ph, pi, pm, pv, rows, C, epsilon, momentum, acc, c0, c1]));
      stage.end();
    },
    batchNormEvalForward(a) {
      const { x, gamma, beta, runningMean, runningVar, y, rows, channels: C, epsilon } = a;
      if (![x, gamma, beta, runningMean, runningVar, y].every(f32)) return cpuBackend.batchNormEvalForward(a);
      stage.begin();
      const px = stage.input(x as Float32Array, rows * C), pg = stage.input(gamma as Float32Array, C), pb = stage.input(beta as Float32Array, C);
      const pm = stage.input(runningMean as Float32Array, C), pv = stage.input(runningVar as Float32Array, C);
      const py = stage.output(y as Float32Array, rows * C, false);
      const acc = bnScratch(C);
      run('batchNormEvalForward', channelShares(rows, C).map(([c0, c1]) => [px, pg, pb, pm, pv, py, rows, C, epsilon, acc, c0, c1]));
      stage.end();
    },
    batchNormBackward(a) {
      const { dy, xhat, gamma, invStd, dx, dgamma, dbeta, rows, channels: C } = a;
      if (![dy, xhat, gamma, invStd, dx, dgamma, dbeta].every(f32)) return cpuBackend.batchNormBackward(a);
      stage.begin();
      const pdy = stage.input(dy as Float32Array, rows * C), ph = stage.input(xhat as Float32Array, rows * C);
      const pg = stage.input(gamma as Float32Array, C), pi = stage.input(invStd as Float32Array, C);
      const pdx = stage.output(dx as Float32Array, rows * C, false);
      const pdg = stage.output(dgamma as Float32Array, C, false), pdb = stage.output(dbeta as Float32Array, C, false);
      const acc = bnScratch(C);
      run('batchNormBackward', channelShares(rows, C).map(([c0, c1]) => [pdy, ph, pg, pi, pdx, pdg, pdb, rows, C, acc, c0, c1]));
      stage.end();
    },
    batchNormEvalBackward(a) {
      const { dy, x, gamma, runningMean, runningVar, dx, dgamma, dbeta, rows, channels: C, epsilon } = a;
      if (![dy, x, gamma, runningMean, runningVar, dx, dgamma, dbeta].every(f32)) return cpuBackend.batchNormEvalBackward(a);
      stage.begin();
      const pdy = stage.input(dy as Float32Array, rows * C), px = stage.input(x as Float32Array, rows * C);
      const pg = stage.input(gamma as Float32Array, C), pm = stage.input(runningMean as Float32Array, C), pv = stage.input(runningVar as Float32Array, C);
      const pdx = stage.output(dx as Float32Array, rows * C, false);
      const pdg = stage.output(dgamma as Float32Array, C, false), pdb = stage.output(dbeta as Float32Array, C, false);
      const acc = bnScratch(C);
      run('batchNormEvalBackward', channelShares(rows, C).map(([c0, c1]) => [pdy, px, pg, pm, pv, pdx, pdg, pdb, rows, C, epsilon, acc, c0, c1]));
      stage.end();
    },

    avgPoolForward(x, y, g) {
      if (!f32(x) || !f32(y)) return cpuBackend.avgPoolForward(x, y, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const px = stage.input(x, g.batch * inSize), py = stage.output(y, g.batch * outSize, false);
      writePoolGeometry(g);
      run('avgPoolForward', elementShares(g.batch, g.batch * inSize).map(([s0, s1]) => [px, py, geoAt, s0, s1]));
      stage.end();
    },
    avgPoolBackward(dy, dx, g) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.avgPoolBackward(dy, dx, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), pdx = stage.output(dx, g.batch * inSize, false);
      writePoolGeometry(g);
      run('avgPoolBackward', elementShares(g.batch, g.batch * inSize).map(([s0, s1]) => [pdy, pdx, geoAt, s0, s1]));
      stage.end();
    },
    globalAvgPoolForward(x, y, batch, pixels, channels) {
      if (!f32(x) || !f32(y)) return cpuBackend.globalAvgPoolForward(x, y, batch, pixels, channels);
      stage.begin();
      const px = stage.input(x, batch * pixels * channels), py = stage.output(y, batch * channels, false);
      run('globalAvgPoolForward', elementShares(batch, batch * pixels * channels).map(([s0, s1]) => [px, py, pixels, channels, s0, s1]));
      stage.end();
    },
    globalAvgPoolBackward(dy, dx, batch, pixels, channels) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.globalAvgPoolBackward(dy, dx, batch, pixels, channels);
      stage.begin();
      const pdy = stage.input(dy, batch * channels), pdx = stage.output(dx, batch * pixels * channels, false);
      run('globalAvgPoolBackward', elementShares(batch, batch * pixels * channels).map(([s0, s1]) => [pdy, pdx, pixels, channels, s0, s1]));
      stage.end();
    },

    softmaxCrossEntropy(logits, targets, dlogits, rows, cols, scale): ClassificationLoss {
      if (!f32(logits) || (dlogits && !f32(dlogits))) return cpuBackend.softmaxCrossEntropy(logits, targets, dlogits, rows, cols, scale);
      stage.begin();
      const pl = stage.input(logits, rows * cols), pt = stage.input(targets, rows);
      const pd = dlogits ? stage.output(dlogits, rows * cols, false) : 0;
      k.softmaxCrossEntropy(pl, pt, pd, rows, cols, scale, outAt);
      stage.end();
      return { lossSum: outF64[0], correct: outI32[0] };
    },

    multiply(a, b, out, n) {
      if (!f32(a) || !f32(b) || !f32(out)) return cpuBackend.multiply(a, b, out, n);
      stage.begin();
      const pa = stage.input(a, n), pb = stage.input(b, n), po = stage.output(out, n, false);
      k.multiply(pa, pb, po, 0, n);
      stage.end();
    },
    addInto(acc, x, n) {
      if (!f32(acc) || !f32(x)) return cpuBackend.addInto(acc, x, n);
      stage.begin();
      const px = stage.input(x, n), pacc = stage.output(acc, n, true);
      run('addInto', elementShares(n, n).map(([i0, i1]) => [pacc, px, i0, i1]));
      stage.end();
    },
  };

  /** dW (+)= colᵀ·dy, split by rows of dW (see the header). */
  function gemmFilter(pcol: number, pdy: number, pdw: number, patch: number, K: number, rows: number, accumulate: boolean): void {
    const acc = accumulate ? 1 : 0;
    if (threads === 1 || 2 * patch * K * rows < PARALLEL_FLOPS || patch < MR * threads) {
      k.gemmRange(pcol, 1, patch, pdy, K, 1, pdw, K, rows, acc, 0, patch, 0, K, packs[0]);
      return;
    }
    run('gemmRange', split(patch, threads, MR).map(([i0, i1], t) => [pcol, 1, patch, pdy, K, 1, pdw, K, rows, acc, i0, i1, 0, K, packs[t]]));
  }

  /** Ranges of `count` items (samples or elements) for an elementwise op over `elements` values. */
  function elementShares(count: number, elements: number): number[][] {
    return threads > 1 && elements >= PARALLEL_ELEMENTS && count >= threads ? split(count, threads, 1) : [[0, count]];
  }

  const optimizer: OptimizerKernels = {
    sgd(theta, grad, n, lr, decay) {
      if (!f32(theta) || !f32(grad)) return sgdFallback(theta, grad, n, lr, decay);
      stage.begin();
      const pg = stage.input(grad, n), pt = stage.output(theta, n, true);
      run('sgd', elementShares(n, n).map(([i0, i1]) => [pt + 4 * i0, pg + 4 * i0, i1 - i0, lr, decay]));
      stage.end();
    },
    sgdMomentum(theta, grad, buffer, n, lr, decay, mu, nesterov) {
      if (!f32(theta) || !f32(grad) || !f32(buffer)) return momentumFallback(theta, grad, buffer, n, lr, decay, mu, nesterov);
      stage.begin();
      const pg = stage.input(grad, n), pt = stage.output(theta, n, true), pb = stage.output(buffer, n, true);
      k.sgdMomentum(pt, pg, pb, n, lr, decay, mu, nesterov ? 1 : 0);
      stage.end();
    },
    adam(theta, grad, m, v, n, stepSize, root, beta1, beta2, epsilon, decay) {
      if (!f32(theta) || !f32(grad) || !f32(m) || !f32(v)) return adamFallback(theta, grad, m, v, n, stepSize, root, beta1, beta2, epsilon, decay);
      stage.begin();
      const pg = stage.input(grad, n), pt = stage.output(theta, n, true), pm = stage.output(m, n, true), pv = stage.output(v, n, true);
      k.adam(pt, pg, pm, pv, n, stepSize, root, beta1, beta2, epsilon, decay);
      stage.end();
    },
    sumSquares(x, n) {
      if (!f32(x)) {
        let s = 0;
        for (let i = 0; i < n; i++) s += x[i] * x[i];
        return s;
      }
      stage.begin();
      const s = k.sumSquares(stage.input(x, n), n);
      stage.end();
      return s;
    },
    scale(x, n, s) {
      if (!f32(x)) {
        for (let i = 0; i < n; i++) x[i] *= s;
        return;
      }
      stage.begin();
      k.scale(stage.output(x, n, true), n, s);
      stage.end();
    },
  };

  return { ...cpuBackend, ...ops, name, memory: heap, optimizer };
}

// The optimizer formulas for float64 tensors (never met in training, which is float32; kept so the kernels are total).
function sgdFallback(theta: FloatArray, grad: FloatArray, n: number, lr: number, decay: number): void {
  for (let i = 0; i < n; i++) theta[i] -= lr * (grad[i] + decay * theta[i]);
}
function momentumFallback(
  theta: FloatArray, grad: FloatArray, buffer: FloatArray, n: number, lr: number, decay: number, mu: number, nesterov: boolean,
): void {
  for (let i = 0; i < n; i++) {
    const g = grad[i] + decay * theta[i];
    const b = mu * buffer[i] + g;
    buffer[i] = b;
    theta[i] -= lr * (nesterov ? g + mu * b : b);
  }
}
function adamFallback(
  theta: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, n: number,
  stepSize: number, root: number, beta1: number, beta2: number, epsilon: number, decay: number,
): void {
  for (let i = 0; i < n; i++) {
    const g = grad[i] + decay * theta[i];
    const mi = beta1 * m[i] + (1 - beta1) * g;
    const vi = beta2 * v[i] + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    theta[i] -= (stepSize * mi) / (Math.sqrt(vi) / root + epsilon);
  }
}
