/**
 * The one numeric interface the layers call. Every op works on flat `FloatArray`s with explicit dimensions, NHWC,
 * row-major, and writes into buffers the caller owns (no allocation per call): layers decide *what* to compute,
 * a backend decides *how*. The pure TypeScript backend is engine/kernels/cpu; a WebAssembly SIMD backend can be
 * swapped in behind the same interface without touching a layer.
 *
 * Conventions: `accumulate` false overwrites the output, true adds to it. A "rows × cols" op treats an image batch
 * [N, H, W, C] as N·H·W rows of C channels (that is how batchnorm, softmax and bias work on the last axis).
 */
import type { FloatArray, TensorMemory } from '../tensor/types';

/** Everything a conv2d kernel needs to know about its input, kernel and output (NHWC, weight HWIO). */
export interface ConvGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  /** Number of filters K. */
  readonly outC: number;
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  /** Zero padding before the first row / column (the bottom/right padding follows from outH/outW). */
  readonly padTop: number;
  readonly padLeft: number;
}

/** A pooling window's geometry (channels pool independently). */
export interface PoolGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly outH: number;
  readonly outW: number;
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** A grouped convolution: channels split into `groups` independent convolutions (depthwise: groups = inC). */
export interface GroupedConvGeometry extends ConvGeometry {
  /** Divides inC and outC; the weight is HWIO [kernelH, kernelW, inC/groups, outC], output channel k in group ⌊k/(outC/groups)⌋. */
  readonly groups: number;
}

/**
 * A transposed convolution (PyTorch's ConvTranspose2d, dilation 1): every input pixel (iy, ix) spreads its
 * channels through the kernel onto the output window starting at (iy·S − padTop, ix·S − padLeft);
 * outH = (inH − 1)·S − 2P + F + outputPadding. The weight is [kernelH, kernelW, outC, inC] (tfjs' conv2dTranspose
 * layout), which is exactly the HWIO weight of the convolution it is the adjoint (gradient) of.
 */
export interface TransposedConvGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  /** Number of filters K. */
  readonly outC: number;
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** Upsampling by whole factors: outH = inH·scaleH, outW = inW·scaleW, channels kept. */
export interface UpsampleGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly scaleH: number;
  readonly scaleW: number;
}

export type UpsampleMode = 'nearest' | 'bilinear';

/**
 * conv2d's tensors are named (four or five same-typed arrays in a row type-check in any order); the geometry
 * follows them, as for the grouped convolution.
 */
export interface Conv2dForward {
  readonly x: FloatArray;
  /** HWIO [kernelH, kernelW, inC, outC]. */
  readonly weight: FloatArray;
  readonly bias: FloatArray | null;
  readonly y: FloatArray;
  /**
   * Scratch, left holding x's receptive fields (the filter gradient needs them). Null for a backend whose conv
   * kernels gather the fields themselves (Backend.convGathersFields), which then does not fill it either.
   */
  readonly col: FloatArray | null;
}
export interface Conv2dBackwardInput {
  readonly dy: FloatArray;
  readonly weight: FloatArray;
  readonly dx: FloatArray;
  /** Scratch of the size of the forward's col (null as `col` above). */
  readonly dcol: FloatArray | null;
}
export interface Conv2dBackwardFilter {
  readonly dy: FloatArray;
  /** The forward's input. */
  readonly x: FloatArray;
  /** The forward's (or im2col's) receptive fields of x; null as in Conv2dForward (the fields are then read from x). */
  readonly col: FloatArray | null;
  readonly dweight: FloatArray;
  readonly dbias: FloatArray | null;
}

export type ActivationKind = 'relu' | 'leakyrelu' | 'elu' | 'sigmoid' | 'tanh';

export interface ActivationBackward {
  readonly kind: ActivationKind;
  /** The forward's input and output. */
  readonly x: FloatArray;
  readonly y: FloatArray;
  readonly dy: FloatArray;
  readonly dx: FloatArray;
  readonly n: number;
  /** leakyrelu's slope or elu's scale. */
  readonly alpha: number;
}

/**
 * Batchnorm's arguments are named: a dozen same-typed arrays in a row type-check in any order. Shapes: x, y, xhat,
 * dy, dx are rows × channels; the others have `channels` values.
 */
interface BatchNormDims {
  /** N (vectors) or N·H·W (images). */
  readonly rows: number;
  readonly channels: number;
}
export interface BatchNormTrainForward extends BatchNormDims {
  readonly x: FloatArray;
  readonly gamma: FloatArray;
  readonly beta: FloatArray;
  readonly y: FloatArray;
  /** Out: the normalised input, kept for the backward. */
  readonly xhat: FloatArray;
  /** Out: 1/√(var + ε) per channel, kept for the backward. */
  readonly invStd: FloatArray;
  /** In and out: updated with the batch's statistics. */
  readonly runningMean: FloatArray;
  readonly runningVar: FloatArray;
  readonly epsilon: number;
  readonly momentum: number;
}
export interface BatchNormEvalForward extends BatchNormDims {
  readonly x: FloatArray;
  readonly gamma: FloatArray;
  readonly beta: FloatArray;
  readonly runningMean: FloatArray;
  readonly runningVar: FloatArray;
  readonly y: FloatArray;
  readonly epsilon: number;
}
export interface BatchNormBackward extends BatchNormDims {
  readonly dy: FloatArray;
  readonly xhat: FloatArray;
  readonly gamma: FloatArray;
  readonly invStd: FloatArray;
  readonly dx: FloatArray;
  readonly dgamma: FloatArray;
  readonly dbeta: FloatArray;
}
export interface BatchNormEvalBackward extends BatchNormDims {
  readonly dy: FloatArray;
  readonly x: FloatArray;
  readonly gamma: FloatArray;
  readonly runningMean: FloatArray;
  readonly runningVar: FloatArray;
  readonly dx: FloatArray;
  readonly dgamma: FloatArray;
  readonly dbeta: FloatArray;
  readonly epsilon: number;
}

export interface ClassificationLoss {
  /** Sum (not mean) of −log p(target) over the rows (binary: over the elements). */
  readonly lossSum: number;
  /** Rows whose argmax equals the target (binary: elements on the target's side of 0.5). */
  readonly correct: number;
}

/**
 * Optimizer updates on one tensor, for a backend that has them (engine/optim calls them instead of its own loops).
 * The formulas are those of engine/optim/sgd.ts and adam.ts.
 */
export interface OptimizerKernels {
  /** θ −= η(g + λθ). */
  sgd(theta: FloatArray, grad: FloatArray, n: number, lr: number, decay: number): void;
  /** g = ∇ + λθ; b = μb + g; θ −= η·(nesterov ? g + μb : b). */
  sgdMomentum(theta: FloatArray, grad: FloatArray, buffer: FloatArray, n: number, lr: number, decay: number, mu: number, nesterov: boolean): void;
  /** m, v moments; θ −= stepSize·m/(√v/root + ε) with stepSize = η/(1 − β₁ᵗ), root = √(1 − β₂ᵗ). */
  adam(
    theta: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, n: number,
    stepSize: number, root: number, beta1: number, beta2: number, epsilon: number, decay: number,
  ): void;
  /** Σ x² (for the global gradient norm). */
  sumSquares(x: FloatArray, n: number): number;
  /** x *= s (gradient clipping). */
  scale(x: FloatArray, n: number, s: number): void;
}

export interface Backend {
  readonly name: string;
  /**
   * Where float32 tensors should live for this backend (the WASM heap); the runner allocates layers' tensors and
   * workspaces there. Absent: ordinary arrays.
   */
  readonly memory?: TensorMemory;
  /** Fast optimizer updates; absent: engine/optim's TypeScript loops. */
  readonly optimizer?: OptimizerKernels;
  /**
   * True when this backend's conv2d kernels gather x's receptive fields themselves, a tile at a time in scratch of
   * their own, for float32 tensors: the conv layer then allocates no im2col matrix (`col`, `dcol` are null), runs
   * the whole batch in one call and passes x to the filter gradient. Absent or false (the TypeScript kernels): the
   * layer provides `col`/`dcol` (batch × outH·outW·kernelH·kernelW·inC values, in chunks of samples).
   */
  readonly convGathersFields?: boolean;

  // ── dense / matmul (engine/kernels/cpu/matmul.ts) ──
  /** C[m,n] (+)= A[m,k] · B[k,n]. */
  matmul(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, accumulate: boolean): void;
  /** C[m,n] (+)= A[m,k] · B[n,k]ᵀ. */
  matmulTransB(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, accumulate: boolean): void;
  /** C[m,n] (+)= A[k,m]ᵀ · B[k,n]. */
  matmulTransA(a: FloatArray, b: FloatArray, c: FloatArray, m: number, k: number, n: number, accumulate: boolean): void;
  /** y[r,c] += bias[c] for every row. */
  addBias(y: FloatArray, bias: FloatArray, rows: number, cols: number): void;
  /** out[c] = Σ_r x[r,c] (a bias gradient). */
  sumRows(x: FloatArray, out: FloatArray, rows: number, cols: number): void;

  // ── convolution (engine/kernels/cpu/conv.ts) ──
  /**
   * y = conv(x, w) + bias. `col` is scratch of size batch·outH·outW·kernelH·kernelW·inC, kept for the backward (null
   * only with convGathersFields).
   */
  conv2dForward(a: Conv2dForward, g: ConvGeometry): void;
  /** dx = ∂L/∂x from dy; `dcol` is scratch of the size of `col`. */
  conv2dBackwardInput(a: Conv2dBackwardInput, g: ConvGeometry): void;
  /**
   * dweight (and dbias when given) from dy and the forward's `col` (or x, with convGathersFields); overwrites them,
   * or adds to them when `accumulate`.
   */
  conv2dBackwardFilter(a: Conv2dBackwardFilter, g: ConvGeometry, accumulate: boolean): void;
  /** The receptive fields of x as rows of `col` (what conv2dForward leaves in `col`), to redo it for a backward. */
  im2col(x: FloatArray, col: FloatArray, g: ConvGeometry): void;

  // ── grouped and depthwise convolution (engine/kernels/cpu/groupedConv.ts): direct loops, no im2col ──
  /** y = grouped conv(x, weight) + bias. */
  groupedConv2dForward(a: { x: FloatArray; weight: FloatArray; bias: FloatArray | null; y: FloatArray }, g: GroupedConvGeometry): void;
  /** dx from dy (overwritten). */
  groupedConv2dBackwardInput(a: { dy: FloatArray; weight: FloatArray; dx: FloatArray }, g: GroupedConvGeometry): void;
  /** dweight (and dbias when given) from dy and the forward's x; overwritten, or added to when `accumulate`. */
  groupedConv2dBackwardFilter(
    a: { dy: FloatArray; x: FloatArray; dweight: FloatArray; dbias: FloatArray | null }, g: GroupedConvGeometry, accumulate: boolean,
  ): void;

  // ── transposed convolution (engine/kernels/cpu/convTranspose.ts) ──
  /** y = convTranspose(x, weight) + bias; `col` is scratch of batch·inH·inW·kernelH·kernelW·outC values. */
  conv2dTransposeForward(
    a: { x: FloatArray; weight: FloatArray; bias: FloatArray | null; y: FloatArray; col: FloatArray }, g: TransposedConvGeometry,
  ): void;
  /**
   * From dy: dx (overwritten, when given) and dweight, dbias (when given; overwritten, or added to when
   * `accumulate`). `col` is scratch of the forward's size; x is the forward's input.
   */
  conv2dTransposeBackward(
    a: {
      dy: FloatArray; x: FloatArray; weight: FloatArray; dx: FloatArray | null; dweight: FloatArray; dbias: FloatArray | null;
      col: FloatArray;
    },
    g: TransposedConvGeometry,
    accumulate: boolean,
  ): void;

  // ── upsampling (engine/kernels/cpu/upsample.ts) ──
  /** Nearest: y = x[⌊oy/scale⌋]; bilinear as PyTorch with align_corners=false (half-pixel centres, edge-clamped). */
  upsampleForward(mode: UpsampleMode, x: FloatArray, y: FloatArray, g: UpsampleGeometry): void;
  /** The adjoint: every dy flows back to the inputs it was interpolated from, with the same weights. Overwrites dx. */
  upsampleBackward(mode: UpsampleMode, dy: FloatArray, dx: FloatArray, g: UpsampleGeometry): void;

  // ── pooling (engine/kernels/cpu/pool.ts) ──
  /** Max over each window; padding counts as −∞. `argmax` gets each output's input index (−1: window all padding). */
  maxPoolForward(x: FloatArray, y: FloatArray, argmax: Int32Array, g: PoolGeometry): void;
  /** Routes each dy to the input that won (ties went to the first in the window). Overwrites dx. */
  maxPoolBackward(dy: FloatArray, argmax: Int32Array, dx: FloatArray, g: PoolGeometry): void;
  /** Mean over each window, padding included in the count (PyTorch's count_include_pad). */
  avgPoolForward(x: FloatArray, y: FloatArray, g: PoolGeometry): void;
  avgPoolBackward(dy: FloatArray, dx: FloatArray, g: PoolGeometry): void;
  /** y[n,c] = mean over h,w of x[n,h,w,c]. */
  globalAvgPoolForward(x: FloatArray, y: FloatArray, batch: number, pixels: number, channels: number): void;
  globalAvgPoolBackward(dy: FloatArray, dx: FloatArray, batch: number, pixels: number, channels: number): void;
  /** y[n,c] = max over h,w of x[n,h,w,c]; argmax gets the winning input index (ties to the first pixel). */
  globalMaxPoolForward(x: FloatArray, y: FloatArray, argmax: Int32Array, batch: number, pixels: number, channels: number): void;
  /** dy routed to the winning pixel of each channel, zero elsewhere. Overwrites dx. */
  globalMaxPoolBackward(dy: FloatArray, argmax: Int32Array, dx: FloatArray, batch: number, pixels: number, channels: number): void;

  // ── activations (engine/kernels/cpu/activation.ts) ──
  /** y = f(x) elementwise; `alpha` is leakyrelu's slope or elu's scale. */
  activationForward(kind: ActivationKind, x: FloatArray, y: FloatArray, n: number, alpha: number): void;
  /** dx = dy · f′, from the forward's input x and output y. */
  activationBackward(a: ActivationBackward): void;
  /** y[r,u] = max_j z[r, u·pieces + j]; argmax gets the winning column (ties to the first piece). */
  maxoutForward(z: FloatArray, y: FloatArray, argmax: Int32Array, rows: number, units: number, pieces: number): void;
  /** dz: dy routed to the winning piece, zero elsewhere. */
  maxoutBackward(dy: FloatArray, argmax: Int32Array, dz: FloatArray, rows: number, units: number, pieces: number): void;

  // ── GELU, SiLU, ReLU6 (engine/kernels/cpu/activation.ts) ──
  /** GELU, exact: y = x·Φ(x) = ½x(1 + erf(x/√2)). */
  geluForward(x: FloatArray, y: FloatArray, n: number): void;
  /** dx = dy·(Φ(x) + x·φ(x)). */
  geluBackward(x: FloatArray, dy: FloatArray, dx: FloatArray, n: number): void;
  /** SiLU (swish): y = x·σ(x). */
  siluForward(x: FloatArray, y: FloatArray, n: number): void;
  /** dx = dy·σ(x)·(1 + x·(1 − σ(x))). */
  siluBackward(x: FloatArray, dy: FloatArray, dx: FloatArray, n: number): void;
  /** y = min(max(x, 0), 6). */
  relu6Forward(x: FloatArray, y: FloatArray, n: number): void;
  /** dx = dy where 0 < x < 6, else 0 (PyTorch's hardtanh backward). */
  relu6Backward(x: FloatArray, dy: FloatArray, dx: FloatArray, n: number): void;

  // ── layer normalisation (engine/kernels/cpu/layerNorm.ts) ──
  /**
   * Over each row of `cols` values: xhat = (x − mean)/√(var + ε) (biased var), y = γ·xhat + β. Saves xhat and each
   * row's 1/σ in `invStd` (length rows).
   */
  layerNormForward(
    a: { x: FloatArray; gamma: FloatArray; beta: FloatArray; y: FloatArray; xhat: FloatArray; invStd: FloatArray },
    rows: number, cols: number, epsilon: number,
  ): void;
  /** Backward through each row's statistics; overwrites dx, dgamma, dbeta. */
  layerNormBackward(
    a: { dy: FloatArray; xhat: FloatArray; gamma: FloatArray; invStd: FloatArray; dx: FloatArray; dgamma: FloatArray; dbeta: FloatArray },
    rows: number, cols: number,
  ): void;

  // ── normalization (engine/kernels/cpu/normalization.ts) ──
  /**
   * Batch statistics over the rows: xhat = (x − mean)/√(var + ε) (biased var), y = γ·xhat + β. Updates the running
   * statistics as running = momentum·running + (1 − momentum)·batch, the variance unbiased. Saves xhat and 1/σ.
   */
  batchNormTrainForward(a: BatchNormTrainForward): void;
  /** y = γ·(x − running mean)/√(running var + ε) + β. */
  batchNormEvalForward(a: BatchNormEvalForward): void;
  /** Backward through the batch statistics; overwrites dx, dgamma, dbeta. */
  batchNormBackward(a: BatchNormBackward): void;
  /** Backward of the eval form (an affine map per channel): dx = dy·γ/√(running var + ε); dγ, dβ overwritten. */
  batchNormEvalBackward(a: BatchNormEvalBackward): void;

  // ── softmax (engine/kernels/cpu/softmax.ts) and losses (engine/kernels/cpu/loss.ts) ──
  /** Softmax over each row of `cols` values (max-shifted). */
  softmaxForward(x: FloatArray, y: FloatArray, rows: number, cols: number): void;
  /** dx = y ⊙ (dy − Σ dy⊙y) per row. */
  softmaxBackward(y: FloatArray, dy: FloatArray, dx: FloatArray, rows: number, cols: number): void;
  /**
   * Softmax cross-entropy from logits, log-sum-exp stabilised. Writes `dlogits` = (p − onehot)·scale when given
   * (scale = 1/batch for a mean loss).
   */
  softmaxCrossEntropy(
    logits: FloatArray, targets: Int32Array, dlogits: FloatArray | null, rows: number, cols: number, scale: number,
  ): ClassificationLoss;
  /**
   * Binary cross-entropy of sigmoid(z) against targets t in [0, 1], from the logits z, each element on its own:
   * Σ max(z, 0) − z·t + log(1 + e^−|z|) (never exp of a large positive number). Writes dlogits = (σ(z) − t)·scale
   * when given. `correct` counts elements whose side of 0.5 (z > 0) matches the target's (t ≥ 0.5).
   */
  sigmoidBinaryCrossEntropy(
    logits: FloatArray, targets: FloatArray, dlogits: FloatArray | null, n: number, scale: number,
  ): ClassificationLoss;
  /** Σ (y − t)²; writes dy = 2·(y − t)·scale when given. */
  squaredError(y: FloatArray, targets: FloatArray, dy: FloatArray | null, n: number, scale: number): number;

  // ── elementwise and layout (engine/kernels/cpu/elementwise.ts) ──
  /** out = a ⊙ b (dropout's mask, the mul gate). */
  multiply(a: FloatArray, b: FloatArray, out: FloatArray, n: number): void;
  /** acc += x. */
  addInto(acc: FloatArray, x: FloatArray, n: number): void;
  /** out[r, offset .. offset+width) = x[r, 0..width): one input of a channel concat. */
  copyColumns(x: FloatArray, out: FloatArray, rows: number, width: number, outCols: number, offset: number): void;
  /** out[r, 0..width) = x[r, offset .. offset+width): the concat's backward for one input. */
  sliceColumns(x: FloatArray, out: FloatArray, rows: number, width: number, inCols: number, offset: number): void;
}
