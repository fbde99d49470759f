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

/** dx of samples [s0, s1) (overwritten) = col2im(dy·Wᵀ), one tile of rows at a time. */
export function convBackwardInputTiled(
  dy: usize, w: usize, dx: usize, g: usize, s0: i32, s1: i32, scratch: usize, tile: i32, pack: usize,
): void {
  const pixels = geo(g, G_OUTH) * geo(g, G_OUTW);
  const patch = geo(g, G_KH) * geo(g, G_KW) * geo(g, G_INC);
  const K = geo(g, G_OUTC);
  const imageStride = geo(g, G_INH) * geo(g, G_INW) * geo(g, G_INC);
  memory.fill(dx + (<usize>(s0 * imageStride) << 2), 0, <usize>((s1 - s0) * imageStride) << 2);
  const end = s1 * pixels;
  for (let r = s0 * pixels; r < end; r += tile) {
    const rows = min(tile, end - r);
    gemmRange(dy + (<usize>(r * K) << 2), K, 1, w, 1, K, scratch, patch, K, false, 0, rows, 0, patch, pack);
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
