/**
 * Numeric storage shared by kernels, layers, optimizers and checkpoints.
 * Training runs in float32; gradient checks run the same code in float64 (hence the union).
 * Layout is always NHWC for images (batch, height, width, channels), row-major.
 */
export type FloatArray = Float32Array | Float64Array;
export type DType = 'float32' | 'float64';

/**
 * Where float32 tensors are allocated when a backend has its own memory (the WASM backend's heap, so its kernels
 * read tensors in place instead of copying them in and out on every call).
 */
export interface TensorMemory {
  float32(length: number): Float32Array;
  int32(length: number): Int32Array;
}

let current: TensorMemory | null = null;

/**
 * Runs `build` with float32 and int32 allocations (`allocate`, `allocateInt32`) served by `memory` (ordinary JS
 * arrays when null). The runner wraps model building and every step in it; scopes nest.
 */
export function withTensorMemory<T>(memory: TensorMemory | null | undefined, build: () => T): T {
  const outer = current;
  current = memory ?? null;
  try {
    return build();
  } finally {
    current = outer;
  }
}

export function allocate(dtype: DType, length: number): FloatArray {
  if (dtype === 'float64') return new Float64Array(length);
  return current ? current.float32(length) : new Float32Array(length);
}

export function allocateInt32(length: number): Int32Array {
  return current ? current.int32(length) : new Int32Array(length);
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
