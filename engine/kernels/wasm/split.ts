/**
 * How the WASM backend splits an op between threads (ThreadPool; every core by default), and why. The policy is
 * SplitPolicy below, and `npm run bench:threads -- --layers` times each W3 conv layer (at the batch chunk the layer
 * runs) with 1 thread and with 2 threads under both policies, interleaved:
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

/** [start, end) of share t when `total` items (in units of `grain`) split into `parts`. */
export function split(total: number, parts: number, grain: number): number[][] {
  const units = Math.ceil(total / grain);
  const out: number[][] = [];
  for (let t = 0, start = 0; t < parts; t++) {
    const end = Math.min(total, Math.round(((t + 1) * units) / parts) * grain);
    if (end > start) out.push([start, end]);
    start = Math.max(start, end);
  }
  return out;
}
