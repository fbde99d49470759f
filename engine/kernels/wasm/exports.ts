/** The kernels module's exports (engine/kernels/wasm/assembly/index.ts): addresses are byte offsets, bools 0/1. */
export interface KernelExports {
  heapBase(): number;
  /** Rows of C per GEMM micro-tile of this build (assembly/gemm.ts MR): row splits come in multiples of it. */
  gemmRowBlock(): number;
  gemmRange(
    a: number, ar: number, ac: number, b: number, br: number, bc: number, c: number, ldc: number, k: number,
    accumulate: number, i0: number, i1: number, j0: number, j1: number, pack: number,
  ): void;
  convForwardRange(x: number, w: number, bias: number, y: number, col: number, g: number, s0: number, s1: number, pack: number): void;
  convBackwardInputRange(dy: number, w: number, dx: number, dcol: number, g: number, s0: number, s1: number, pack: number): void;
  convFilterRange(
    col: number, dy: number, dw: number, db: number, patch: number, K: number, r0: number, r1: number, accumulate: number, pack: number,
  ): void;
  /**
   * Tiled conv (assembly/convTiled.ts), `tile` output rows at a time in `scratch` (tile × patch floats): the forward
   * and the filter gradient over output rows [r0, r1), the input gradient over samples [s0, s1).
   */
  convForwardTiled(
    x: number, w: number, bias: number, y: number, g: number, r0: number, r1: number, scratch: number, tile: number, pack: number,
  ): void;
  /** wt = Wᵀ ([K, patch] row-major) for convBackwardInputTiled. */
  transposeWeight(w: number, wt: number, patch: number, K: number): void;
  convBackwardInputTiled(dy: number, wt: number, dx: number, g: number, s0: number, s1: number, scratch: number, tile: number, pack: number): void;
  convFilterTiled(
    x: number, dy: number, dw: number, db: number, g: number, r0: number, r1: number, accumulate: number,
    scratch: number, tile: number, pack: number,
  ): void;
  im2colRange(x: number, col: number, g: number, s0: number, s1: number): void;
  col2imRange(dcol: number, dx: number, g: number, s0: number, s1: number): void;
  addBias(y: number, bias: number, r0: number, r1: number, cols: number): void;
  sumRows(x: number, out: number, rows: number, cols: number, c0: number, c1: number, accumulate: number): void;
  reluForward(x: number, y: number, i0: number, i1: number): void;
  reluBackward(x: number, dy: number, dx: number, i0: number, i1: number): void;
  multiply(a: number, b: number, out: number, i0: number, i1: number): void;
  addInto(acc: number, x: number, i0: number, i1: number): void;
  sumSquares(x: number, n: number): number;
  scale(x: number, n: number, s: number): void;
  maxPoolForward(x: number, y: number, argmax: number, g: number, s0: number, s1: number): void;
  maxPoolBackward(dy: number, argmax: number, dx: number, g: number, s0: number, s1: number): void;
  avgPoolForward(x: number, y: number, g: number, s0: number, s1: number): void;
  avgPoolBackward(dy: number, dx: number, g: number, s0: number, s1: number): void;
  globalAvgPoolForward(x: number, y: number, pixels: number, channels: number, s0: number, s1: number): void;
  globalAvgPoolBackward(dy: number, dx: number, pixels: number, channels: number, s0: number, s1: number): void;
  /** Batchnorm kernels work on channels [c0, c1); `acc` is BN_ACC_DOUBLES × channels doubles of scratch. */
  batchNormTrainForward(
    x: number, gamma: number, beta: number, y: number, xhat: number, invStd: number, runMean: number, runVar: number,
    rows: number, channels: number, epsilon: number, momentum: number, acc: number, c0: number, c1: number,
  ): void;
  batchNormEvalForward(
    x: number, gamma: number, beta: number, runMean: number, runVar: number, y: number, rows: number, channels: number,
    epsilon: number, acc: number, c0: number, c1: number,
  ): void;
  batchNormBackward(
    dy: number, xhat: number, gamma: number, invStd: number, dx: number, dgamma: number, dbeta: number, rows: number,
    channels: number, acc: number, c0: number, c1: number,
  ): void;
  batchNormEvalBackward(
    dy: number, x: number, gamma: number, runMean: number, runVar: number, dx: number, dgamma: number, dbeta: number,
    rows: number, channels: number, epsilon: number, acc: number, c0: number, c1: number,
  ): void;
  /** Depthwise convolution (groups = inC = outC), samples [s0, s1); the geometry struct is the conv one. */
  depthwiseForward(x: number, w: number, bias: number, y: number, g: number, s0: number, s1: number): void;
  depthwiseBackwardInput(dy: number, w: number, dx: number, g: number, s0: number, s1: number): void;
  depthwiseBackwardFilter(dy: number, x: number, dw: number, db: number, g: number, s0: number, s1: number, accumulate: number): void;
  sigmoidForward(x: number, y: number, i0: number, i1: number): void;
  tanhForward(x: number, y: number, i0: number, i1: number): void;
  eluForward(x: number, y: number, alpha: number, i0: number, i1: number): void;
  leakyReluForward(x: number, y: number, alpha: number, i0: number, i1: number): void;
  sigmoidBackward(y: number, dy: number, dx: number, i0: number, i1: number): void;
  tanhBackward(y: number, dy: number, dx: number, i0: number, i1: number): void;
  eluBackward(x: number, y: number, dy: number, dx: number, alpha: number, i0: number, i1: number): void;
  leakyReluBackward(x: number, dy: number, dx: number, alpha: number, i0: number, i1: number): void;
  softmaxCrossEntropy(logits: number, targets: number, dlogits: number, rows: number, cols: number, scale: number, out: number): void;
  sigmoidBinaryCrossEntropy(logits: number, targets: number, dlogits: number, n: number, scale: number, out: number): void;
  squaredError(y: number, targets: number, dy: number, n: number, scale: number, out: number): void;
  softmaxForward(x: number, y: number, cols: number, r0: number, r1: number): void;
  softmaxBackward(y: number, dy: number, dx: number, cols: number, r0: number, r1: number): void;
  layerNormForward(
    x: number, gamma: number, beta: number, y: number, xhat: number, invStd: number, cols: number, epsilon: number, r0: number, r1: number,
  ): void;
  /** Rows [r0, r1): dx, and dγ, dβ of those rows only, overwritten (a thread's partial). */
  layerNormBackward(
    dy: number, xhat: number, gamma: number, invStd: number, dx: number, dgamma: number, dbeta: number, cols: number, r0: number, r1: number,
  ): void;
  geluForward(x: number, y: number, i0: number, i1: number): void;
  geluBackward(x: number, dy: number, dx: number, i0: number, i1: number): void;
  siluForward(x: number, y: number, i0: number, i1: number): void;
  siluBackward(x: number, dy: number, dx: number, i0: number, i1: number): void;
  relu6Forward(x: number, y: number, i0: number, i1: number): void;
  relu6Backward(x: number, dy: number, dx: number, i0: number, i1: number): void;
  maxoutForward(z: number, y: number, argmax: number, units: number, pieces: number, r0: number, r1: number): void;
  maxoutBackward(dy: number, argmax: number, dz: number, units: number, pieces: number, r0: number, r1: number): void;
  globalMaxPoolForward(x: number, y: number, argmax: number, pixels: number, channels: number, s0: number, s1: number): void;
  globalMaxPoolBackward(dy: number, argmax: number, dx: number, pixels: number, channels: number, s0: number, s1: number): void;
  copyColumns(x: number, out: number, width: number, outCols: number, offset: number, r0: number, r1: number): void;
  sliceColumns(x: number, out: number, width: number, inCols: number, offset: number, r0: number, r1: number): void;
  /** mode 0 nearest, 1 bilinear; samples [s0, s1). */
  upsampleForward(mode: number, x: number, y: number, inH: number, inW: number, C: number, scaleH: number, scaleW: number, s0: number, s1: number): void;
  upsampleBackward(mode: number, dy: number, dx: number, inH: number, inW: number, C: number, scaleH: number, scaleW: number, s0: number, s1: number): void;
  sgd(theta: number, grad: number, n: number, lr: number, decay: number): void;
  sgdMomentum(theta: number, grad: number, buffer: number, n: number, lr: number, decay: number, mu: number, nesterov: number): void;
  adam(
    theta: number, grad: number, m: number, v: number, n: number,
    stepSize: number, root: number, beta1: number, beta2: number, epsilon: number, decay: number,
  ): void;
}

/** The kernels worker threads can run a share of, by index (ThreadPool.run's `fn`). */
export const POOLED = [
  'gemmRange', 'convForwardRange', 'convBackwardInputRange', 'im2colRange', 'col2imRange', 'sumRows',
  'reluForward', 'reluBackward', 'maxPoolForward', 'maxPoolBackward', 'addInto', 'convFilterRange', 'sgd', 'addBias',
  'avgPoolForward', 'avgPoolBackward', 'globalAvgPoolForward', 'globalAvgPoolBackward',
  'convForwardTiled', 'convBackwardInputTiled', 'convFilterTiled',
  'batchNormTrainForward', 'batchNormEvalForward', 'batchNormBackward', 'batchNormEvalBackward',
  'depthwiseForward', 'depthwiseBackwardInput', 'depthwiseBackwardFilter',
  'sigmoidForward', 'tanhForward', 'eluForward', 'leakyReluForward', 'sigmoidBackward', 'tanhBackward', 'eluBackward', 'leakyReluBackward',
  'softmaxForward', 'softmaxBackward', 'layerNormForward', 'layerNormBackward',
  'geluForward', 'geluBackward', 'siluForward', 'siluBackward', 'relu6Forward', 'relu6Backward',
  'maxoutForward', 'maxoutBackward', 'globalMaxPoolForward', 'globalMaxPoolBackward',
  'copyColumns', 'sliceColumns', 'upsampleForward', 'upsampleBackward', 'multiply',
] as const satisfies readonly (keyof KernelExports)[];

export type PooledKernel = (typeof POOLED)[number];

/** Every export the backend calls: a .wasm built from older sources lacks some (select.ts then says so). */
export const KERNEL_NAMES: readonly (keyof KernelExports)[] = [
  ...POOLED, 'heapBase', 'gemmRowBlock', 'transposeWeight', 'sumSquares', 'scale', 'softmaxCrossEntropy', 'sigmoidBinaryCrossEntropy', 'squaredError', 'sgdMomentum', 'adam',
];

/** Doubles of batchnorm scratch per channel (engine/kernels/wasm/assembly/norm.ts). */
export const BN_ACC_DOUBLES = 3;

/**
 * Bytes of one thread's GEMM packing buffer: a KC × NC panel of B plus a KC × MR block of A (assembly/layout.ts; MR
 * is 5 in the relaxed build, 4 in the plain one: room for 5).
 */
export const PACK_BYTES = (256 * 256 + 256 * 5) * 4;
export const NR = 8;
