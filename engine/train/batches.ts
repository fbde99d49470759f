/**
 * Mini-batch assembly: copies the samples of one batch (by index, in a shuffled order) into reusable buffers of the
 * model's dtype, so that an epoch allocates nothing.
 */
import type { DataSplit } from '../data/types';
import { allocate, type DType, type FloatArray } from '../tensor/types';

export interface Batch {
  readonly size: number;
  readonly x: FloatArray;
  /** Class indices (classification) or size × targetSize values (regression). */
  readonly targets: Int32Array | FloatArray;
}

export class BatchBuffers {
  private readonly x: FloatArray;
  private readonly labels: Int32Array;
  private readonly values: FloatArray;

  /** `targetSize` 0 means class labels; otherwise values per regression target. */
  constructor(
    dtype: DType,
    readonly batchSize: number,
    readonly sampleSize: number,
    readonly targetSize: number,
  ) {
    this.x = allocate(dtype, batchSize * sampleSize);
    this.labels = new Int32Array(targetSize === 0 ? batchSize : 0);
    this.values = allocate(dtype, batchSize * targetSize);
  }

  /** The batch of `order[start … start + batchSize)` (shorter at the end of the split). */
  fill(split: DataSplit, order: ArrayLike<number>, start: number): Batch {
    const size = Math.min(this.batchSize, order.length - start);
    const n = this.sampleSize;
    for (let b = 0; b < size; b++) {
      const i = order[start + b];
      this.x.set(split.x.subarray(i * n, (i + 1) * n), b * n);
    }
    const x = size === this.batchSize ? this.x : this.x.subarray(0, size * n);
    if (this.targetSize === 0) {
      const y = split.y as Int32Array;
      for (let b = 0; b < size; b++) this.labels[b] = y[order[start + b]];
      return { size, x, targets: size === this.batchSize ? this.labels : this.labels.subarray(0, size) };
    }
    const t = this.targetSize;
    const y = split.y;
    for (let b = 0; b < size; b++) {
      const i = order[start + b];
      for (let k = 0; k < t; k++) this.values[b * t + k] = y[i * t + k];
    }
    return { size, x, targets: size === this.batchSize ? this.values : this.values.subarray(0, size * t) };
  }
}
