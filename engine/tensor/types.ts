/**
 * Numeric storage shared by kernels, layers, optimizers and checkpoints.
 * Training runs in float32; gradient checks run the same code in float64 (hence the union).
 * Layout is always NHWC for images (batch, height, width, channels), row-major.
 */
export type FloatArray = Float32Array | Float64Array;
export type DType = 'float32' | 'float64';

export function allocate(dtype: DType, length: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
