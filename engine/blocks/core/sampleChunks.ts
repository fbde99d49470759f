/**
 * Conv layers lower a batch to one scratch matrix (im2col, or the transposed conv's column matrix) whose size grows
 * with the batch; they run it in chunks of samples whose matrix stays under a limit (at least one sample). This is
 * the chunking both conv layers share: how many samples a chunk holds, the loop over chunks, and a chunk's rows of
 * a batch-major array (the array itself when one chunk holds the whole batch, so nothing is sliced per step).
 */
import type { FloatArray } from '../../tensor/types';

export interface SampleChunks<G> {
  /** Samples per chunk. */
  readonly size: number;
  /** The batch the next `forEach` and `rows` cover (set by the layer's forward). */
  batch: number;
  /** Calls `run` for each chunk of samples [s0, s0 + n), with the geometry of n samples. */
  forEach(run: (s0: number, n: number, geometry: G) => void): void;
  /** Rows [s0, s0 + n) of a batch-major array of `perSample` values a sample. */
  rows(a: FloatArray, perSample: number, s0: number, n: number): FloatArray;
}

export function sampleChunks<G>(colPerSample: number, colLimit: number, geometry: (samples: number) => G): SampleChunks<G> {
  const size = Math.max(1, Math.floor(colLimit / colPerSample));
  return {
    size,
    batch: 0,
    forEach(run) {
      for (let s0 = 0; s0 < this.batch; s0 += size) {
        const n = Math.min(size, this.batch - s0);
        run(s0, n, geometry(n));
      }
    },
    rows(a, perSample, s0, n) {
      return n === this.batch ? a : a.subarray(s0 * perSample, (s0 + n) * perSample);
    },
  };
}
