/**
 * How the WASM backend splits an op between threads (ThreadPool; every core by default), and why. The policy is
 * SplitPolicy below.
 *
 * Convolution is tiled by default (SplitPolicy.conv 'tiled', assembly/convTiled.ts): each thread gathers the
 * receptive fields of a tile of output rows into its own scratch (tileBytes, sized to stay in L2), multiplies, and
 * moves on, so no im2col matrix of the batch exists (Backend.convGathersFields: the layer allocates none and does not
 * chunk the batch). The forward and the filter gradient split the batch's output rows between threads (whole
 * MR-row blocks), the input gradient whole samples (its col2im scatters into them); the filter gradient's per-thread
 * partials are added in a fixed order, as below. `npm run bench:threads -- --layers` times W3's conv layers on both
 * paths, interleaved with a 512³ GEMM at 1 and N threads. Measured 2026-12-01 07:20 UTC on the 2-vCPU EPYC, load
 * average 3.3 (other jobs running), µs per sample at 1 thread, old path (im2col matrix by samples, in the layer's
 * chunks; a chunked layer's filter gradient re-gathers first) → tiled:
 *    layer 1 (3×3 3→32, 32×32):   forward 127.9 → 104.3, input 178.9 → 164.4, filter 153.2 → 183.6 (the tiled
 *                                  filter gradient gathers what the old forward had left in col: forward + filter
 *                                  281 → 288, a tie);
 *    layer 2 (3×3 32→32, 32×32):  forward 1238 → 704, input 1050 → 768, filter 1148 → 710;
 *    layer 3 (3×3 32→64, 16×16):  forward 453 → 336, input 331 → 279, filter 343 → 265;
 *    layer 4 (3×3 64→64, 16×16):  forward 718 → 606, input 769 → 712, filter 799 → 659.
 * (Before the input gradient transposed W once per call: see transposeWeight in assembly/convTiled.ts.) Whole W3
 * training step at 08:28, load 10–12, CPU time of a 1-thread process (wall time measured the queue): 251 → 209 ms;
 * LeNet (W2) 16.0 → 15.2 ms, a tie: its 1- and 6-channel convs gather little either way. Layer 1's forward + filter
 * gradient is the one place the old path can win (its col, 3.5 MB, fits one chunk and serves both, where the tiled
 * filter gradient gathers again); three runs gave 281 vs 288, 635 vs 769 and 600 vs 542 µs, within the noise.
 * So 'tiled' is the default for all three ops; the im2col-matrix paths below stay selectable (benchmarks, tests).
 *
 *  - conv forward and input gradient through the im2col matrix (conv 'batch' or 'gemm'): by samples ('batch'). Each thread gathers (im2col) and multiplies its own
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

/** How the backend splits work between threads (see the header). */
export interface SplitPolicy {
  /**
   * conv2d, all three ops: 'tiled' gathers receptive fields a tile at a time in per-thread scratch (no im2col
   * matrix: Backend.convGathersFields); 'batch' and 'gemm' work through the layer's whole-chunk im2col matrix,
   * forward and input gradient split by samples ('batch') or im2col by samples then the GEMM split ('gemm').
   */
  readonly conv: 'tiled' | 'batch' | 'gemm';
  /** conv filter gradient through the im2col matrix (conv 'batch' or 'gemm'). */
  readonly filter: 'batch' | 'rows';
  /** Bytes of one thread's tile of gathered receptive fields (conv 'tiled'; at least MR rows whatever the patch). */
  readonly tileBytes: number;
  /** Below this many flops a product runs on the calling thread. */
  readonly parallelFlops: number;
  /** Below this many elements an elementwise op runs on the calling thread. */
  readonly parallelElements: number;
}

export const SPLIT_DEFAULTS: SplitPolicy = {
  conv: 'tiled',
  filter: 'batch',
  tileBytes: 160 * 1024,
  parallelFlops: 4e6,
  parallelElements: 1 << 18,
};

/**
 * Splits `total` items (in units of `grain`) into at most `parts` shares: share t is [lo[t], hi[t]). Returns the
 * number of shares (empty ones are left out). Writes into the caller's arrays: an op allocates nothing.
 */
export function splitInto(total: number, parts: number, grain: number, lo: Int32Array, hi: Int32Array): number {
  const units = Math.ceil(total / grain);
  let count = 0;
  for (let t = 0, start = 0; t < parts; t++) {
    const end = Math.min(total, Math.round(((t + 1) * units) / parts) * grain);
    if (end > start) {
      lo[count] = start;
      hi[count] = end;
      count++;
    }
    start = Math.max(start, end);
  }
  return count;
}
