// Convolution without a whole-batch im2col matrix ("tiled"): each thread takes a range of output rows (pixels,
// numbered across the batch) and walks them a tile of `tile` rows at a time, gathering (or scattering) only that
// tile's receptive fields in its own scratch of tile × patch floats. The JS side sizes the tile so the scratch stays in L2 (see
// SplitPolicy.tileBytes in engine/kernels/wasm/backend.ts), so the gathered rows are read back by the GEMM from cache
// instead of making a round trip through memory, which two cores share. Tiles may straddle samples. The forward and
// the filter gradient take any range of rows [r0, r1); the input gradient takes whole samples [s0, s1), so the
// scatter-add of a thread never touches another thread's part of dx.
import { col2imRows, geo, G_INC, G_INH, G_INW, G_KH, G_KW, G_OUTC, G_OUTH, G_OUTW, im2colRows } from './conv';
import { addBias, sumRows } from './elementwise';
import { gemmRange } from './gemm';

/** Rows [r0, r1) of y = im2col(x)·W (+ bias), one tile of rows at a time. */
export function convForwardTiled(
  x: usize, w: usize, bias: usize, y: usize, g: usize, r0: i32, r1: i32, scratch: usize, tile: i32, pack: usize,
): void {
  const patch = geo(g, G_KH) * geo(g, G_KW) * geo(g, G_INC);
  const K = geo(g, G_OUTC);
  const end = r1;
  for (let r = r0; r < end; r += tile) {
    const rows = min(tile, end - r);
    im2colRows(x, scratch, g, r, r + rows);
    gemmRange(scratch, patch, 1, w, K, 1, y + (<usize>(r * K) << 2), K, patch, false, 0, rows, 0, K, pack);
    if (bias != 0) addBias(y, bias, r, r + rows, K);
  }
}

/**
 * wt[k·patch + p] = w[p·K + k]: Wᵀ as a row-major [K, patch] matrix, written once per input-gradient call so that
 * every tile's GEMM packs it with vector loads (Wᵀ read in place is a column-strided operand, packed a float at a
 * time, once per tile). Measured 2026-12-01 08:19 UTC, load 11 (so CPU time of the 1-thread process, not wall time;
 * medians of 5 alternating processes, µs per sample at batch 32), input gradient of W3's layers 2, 3, 4: Wᵀ in place
 * 759, 281, 578 → transposed once 578, 250, 514.
 */
export function transposeWeight(w: usize, wt: usize, patch: i32, K: i32): void {
  for (let p = 0; p < patch; p++) {
    const row = w + (<usize>(p * K) << 2);
    for (let k = 0; k < K; k++) store<f32>(wt + (<usize>(k * patch + p) << 2), load<f32>(row + (<usize>k << 2)));
  }
}

/** dx of samples [s0, s1) (overwritten) = col2im(dy·Wᵀ), one tile of rows at a time; `wt` is Wᵀ (transposeWeight). */
export function convBackwardInputTiled(
  dy: usize, wt: usize, dx: usize, g: usize, s0: i32, s1: i32, scratch: usize, tile: i32, pack: usize,
): void {
  const pixels = geo(g, G_OUTH) * geo(g, G_OUTW);
  const patch = geo(g, G_KH) * geo(g, G_KW) * geo(g, G_INC);
  const K = geo(g, G_OUTC);
  const imageStride = geo(g, G_INH) * geo(g, G_INW) * geo(g, G_INC);
  memory.fill(dx + (<usize>(s0 * imageStride) << 2), 0, <usize>((s1 - s0) * imageStride) << 2);
  const end = s1 * pixels;
  for (let r = s0 * pixels; r < end; r += tile) {
    const rows = min(tile, end - r);
    gemmRange(dy + (<usize>(r * K) << 2), K, 1, wt, patch, 1, scratch, patch, K, false, 0, rows, 0, patch, pack);
    col2imRows(scratch, dx, g, r, r + rows);
  }
}

/**
 * dW (+)= im2col(x)ᵀ·dy and db (+)= Σ dy over rows [r0, r1) only (a share of the batch's pixels), one tile of rows
 * at a time: the first tile overwrites dW unless `accumulate`, the others add. A thread that is not the first
 * writes into its own partial dW/db, which the caller adds up in a fixed order.
 */
export function convFilterTiled(
  x: usize, dy: usize, dw: usize, db: usize, g: usize, r0: i32, r1: i32, accumulate: bool, scratch: usize, tile: i32, pack: usize,
): void {
  const patch = geo(g, G_KH) * geo(g, G_KW) * geo(g, G_INC);
  const K = geo(g, G_OUTC);
  const begin = r0, end = r1;
  for (let r = begin; r < end; r += tile) {
    const rows = min(tile, end - r);
    im2colRows(x, scratch, g, r, r + rows);
    gemmRange(scratch, 1, patch, dy + (<usize>(r * K) << 2), K, 1, dw, K, rows, accumulate || r > begin, 0, patch, 0, K, pack);
  }
  if (db != 0) sumRows(dy + (<usize>(begin * K) << 2), db, end - begin, K, 0, K, accumulate);
}
