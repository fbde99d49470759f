/**
 * Tensor layouts between wiregrad and the NCHW engines (PyTorch, ONNX): the one place both exports and the ONNX import
 * convert weights, so the two directions cannot disagree.
 *
 * wiregrad keeps images NHWC and stores (engine/shape/types.ts ParamTensorSpec):
 *   conv kernel      HWIO [F_h, F_w, C_in, K]       PyTorch/ONNX: OIHW [K, C_in, F_h, F_w]
 *   dense weight     [n_in, n_out] (x·W)            PyTorch Linear / ONNX Gemm transB=1: [n_out, n_in] (x·Wᵀ)
 *   maxout weight    [n_in, units·pieces], column u·pieces + j is piece j of unit u: the same columns become the rows
 *                    of a Linear(n_in, units·pieces) whose output is viewed as [N, units, pieces] and maxed over pieces
 *   batchnorm        γ, β, running mean, running variance per channel: the same vectors in both (the order of a
 *                    vector's features aside, below)
 * A dense (or maxout) layer reading an image sees its H·W·C values in wiregrad's flatten order, channels innermost
 * (h·W·C + w·C + c), while an NCHW engine flattens channels outermost (c·H·W + h·W + w). The exports reorder the
 * weight's input rows instead of transposing the activation at run time: same function, no extra op.
 */
import type { FloatArray } from '../tensor/types';

/** An image's [height, width, channels], as wiregrad's shapes read. */
export type Hwc = readonly [number, number, number];

/**
 * `perm[chw] = hwc`: for each position of the channels-first flattening, the position of the same value in wiregrad's
 * channels-last flattening.
 */
export function chwToHwcIndex([H, W, C]: Hwc): Int32Array {
  const perm = new Int32Array(H * W * C);
  let i = 0;
  for (let c = 0; c < C; c++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++) perm[i++] = (h * W + w) * C + c;
    }
  }
  return perm;
}

/** HWIO [F_h, F_w, C_in, K] → OIHW [K, C_in, F_h, F_w]. */
export function convWeightToOihw(hwio: FloatArray, [Fh, Fw, Cin, K]: readonly number[]): Float32Array {
  const out = new Float32Array(hwio.length);
  for (let y = 0; y < Fh; y++) {
    for (let x = 0; x < Fw; x++) {
      for (let c = 0; c < Cin; c++) {
        const src = ((y * Fw + x) * Cin + c) * K;
        for (let k = 0; k < K; k++) out[((k * Cin + c) * Fh + y) * Fw + x] = hwio[src + k];
      }
    }
  }
  return out;
}

/** OIHW [K, C_in, F_h, F_w] → HWIO [F_h, F_w, C_in, K] (the inverse of convWeightToOihw). */
export function convWeightFromOihw(oihw: FloatArray, [K, Cin, Fh, Fw]: readonly number[]): Float32Array {
  const out = new Float32Array(oihw.length);
  for (let k = 0; k < K; k++) {
    for (let c = 0; c < Cin; c++) {
      for (let y = 0; y < Fh; y++) {
        for (let x = 0; x < Fw; x++) out[((y * Fw + x) * Cin + c) * K + k] = oihw[((k * Cin + c) * Fh + y) * Fw + x];
      }
    }
  }
  return out;
}

/**
 * A dense or maxout weight [n_in, n_out] → [n_out, n_in] as PyTorch's Linear and ONNX's Gemm (transB = 1) hold it.
 * `image` is the shape the layer's input had before flattening (null for a vector input): the input rows are then
 * reordered from channels-last to channels-first, matching a Flatten of the NCHW activation.
 */
export function denseWeightToOutIn(weight: FloatArray, nIn: number, nOut: number, image: Hwc | null): Float32Array {
  const perm = image ? chwToHwcIndex(image) : null;
  checkRows(perm, nIn);
  const out = new Float32Array(nIn * nOut);
  for (let i = 0; i < nIn; i++) {
    const src = (perm ? perm[i] : i) * nOut;
    for (let o = 0; o < nOut; o++) out[o * nIn + i] = weight[src + o];
  }
  return out;
}

/** [n_out, n_in] with channels-first input rows (when `image`) → wiregrad's [n_in, n_out] (inverse of denseWeightToOutIn). */
export function denseWeightFromOutIn(weight: FloatArray, nIn: number, nOut: number, image: Hwc | null): Float32Array {
  const perm = image ? chwToHwcIndex(image) : null;
  checkRows(perm, nIn);
  const out = new Float32Array(nIn * nOut);
  for (let i = 0; i < nIn; i++) {
    const dst = (perm ? perm[i] : i) * nOut;
    for (let o = 0; o < nOut; o++) out[dst + o] = weight[o * nIn + i];
  }
  return out;
}

/** A per-feature vector (e.g. batchnorm's γ over a flattened image) reordered from channels-last to channels-first. */
export function featuresToChw(values: FloatArray, image: Hwc): Float32Array {
  const perm = chwToHwcIndex(image);
  checkRows(perm, values.length);
  const out = new Float32Array(values.length);
  for (let i = 0; i < perm.length; i++) out[i] = values[perm[i]];
  return out;
}

/** The inverse of featuresToChw. */
export function featuresFromChw(values: FloatArray, image: Hwc): Float32Array {
  const perm = chwToHwcIndex(image);
  checkRows(perm, values.length);
  const out = new Float32Array(values.length);
  for (let i = 0; i < perm.length; i++) out[perm[i]] = values[i];
  return out;
}

function checkRows(perm: Int32Array | null, n: number): void {
  if (perm && perm.length !== n) throw new Error(`layout: an image of ${perm.length} values cannot be the ${n} inputs of this layer`);
}

/**
 * Keras' batchnorm momentum m (running ← m·running + (1 − m)·batch, wiregrad's convention) as PyTorch's p (running ←
 * (1 − p)·running + p·batch): p = 1 − m, rounded to 12 significant digits so 0.99 gives 0.01, not 0.010000000000000009.
 * Both update the running variance with the unbiased batch variance and normalise with the biased one.
 */
export function torchMomentum(kerasMomentum: number): number {
  return Number((1 - kerasMomentum).toPrecision(12));
}
