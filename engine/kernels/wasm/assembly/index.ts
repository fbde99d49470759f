// The WASM SIMD kernels' exports. Every address is a byte offset into the one shared memory (imported, so the JS
// side and every worker thread see the same tensors); every "Range" function does one thread's share of an op.
// Built twice by scripts/build-wasm.mjs: with relaxed SIMD (FMA in the GEMM) and without.
import { gemmRange, MR } from './gemm';
import { col2imRange, geo, G_INC, G_KH, G_KW, G_OUTC, G_OUTH, G_OUTW, im2colRange } from './conv';
import { addBias, sumRows } from './elementwise';

export { gemmRange } from './gemm';
export { im2colRange, col2imRange } from './conv';
export { convForwardTiled, convBackwardInputTiled, convFilterTiled, transposeWeight } from './convTiled';
export { addBias, sumRows, reluForward, reluBackward, multiply, addInto, sumSquares, scale } from './elementwise';
export { maxPoolForward, maxPoolBackward, avgPoolForward, avgPoolBackward, globalAvgPoolForward, globalAvgPoolBackward } from './pool';
export { batchNormTrainForward, batchNormEvalForward, batchNormBackward, batchNormEvalBackward } from './norm';
export { depthwiseForward, depthwiseBackwardInput, depthwiseBackwardFilter } from './depthwise';
export {
  sigmoidForward, tanhForward, eluForward, leakyReluForward, sigmoidBackward, tanhBackward, eluBackward, leakyReluBackward,
} from './activation';
export { softmaxCrossEntropy, sigmoidBinaryCrossEntropy, squaredError } from './loss';
export { sgd, sgdMomentum, adam } from './optim';
export { softmaxForward, softmaxBackward, layerNormForward, layerNormBackward } from './rows';
export { geluForward, geluBackward, siluForward, siluBackward, relu6Forward, relu6Backward } from './smooth';
export { maxoutForward, maxoutBackward, globalMaxPoolForward, globalMaxPoolBackward } from './route';
export { copyColumns, sliceColumns, upsampleForward, upsampleBackward } from './layoutOps';

/** Rows of C per GEMM micro-tile (5 in the relaxed build, 4 in the plain one): the JS side splits rows in these blocks. */
export function gemmRowBlock(): i32 {
  return MR;
}

/** First byte after the module's static data: the JS allocator starts here. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * Samples [s0, s1) of a conv forward: im2col into their rows of `col`, then y = col·W (+ bias) for those rows. Each
 * thread's rows are its own, so no barrier sits between the gather and the product.
 */
export function convForwardRange(x: usize, w: usize, bias: usize, y: usize, col: usize, g: usize, s0: i32, s1: i32, pack: usize): void {
  const pixels = geo(g, G_OUTH) * geo(g, G_OUTW);
  const patch = geo(g, G_KH) * geo(g, G_KW) * geo(g, G_INC);
  const K = geo(g, G_OUTC);
  im2colRange(x, col, g, s0, s1);
  gemmRange(col, patch, 1, w, K, 1, y, K, patch, false, s0 * pixels, s1 * pixels, 0, K, pack);
  if (bias != 0) addBias(y, bias, s0 * pixels, s1 * pixels, K);
}

/** Samples [s0, s1) of a conv input gradient: dcol = dy·Wᵀ for their rows, then col2im into their part of dx. */
export function convBackwardInputRange(dy: usize, w: usize, dx: usize, dcol: usize, g: usize, s0: i32, s1: i32, pack: usize): void {
  const pixels = geo(g, G_OUTH) * geo(g, G_OUTW);
  const patch = geo(g, G_KH) * geo(g, G_KW) * geo(g, G_INC);
  const K = geo(g, G_OUTC);
  gemmRange(dy, K, 1, w, 1, K, dcol, patch, K, false, s0 * pixels, s1 * pixels, 0, patch, pack);
  col2imRange(dcol, dx, g, s0, s1);
}

/**
 * Rows [r0, r1) of a conv filter gradient: dW (+)= colᵀ·dy and db (+)= Σ dy over those rows only (a share of the
 * batch). A thread that is not the first writes into its own partial dW/db, which the caller then adds up.
 */
export function convFilterRange(
  col: usize, dy: usize, dw: usize, db: usize, patch: i32, K: i32, r0: i32, r1: i32, accumulate: bool, pack: usize,
): void {
  const a = col + (<usize>(r0 * patch) << 2);
  const b = dy + (<usize>(r0 * K) << 2);
  gemmRange(a, 1, patch, b, K, 1, dw, K, r1 - r0, accumulate, 0, patch, 0, K, pack);
  if (db != 0) sumRows(b, db, r1 - r0, K, 0, K, accumulate);
}
