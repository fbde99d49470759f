/**
 * Per-channel standardisation, x' = (x − mean) / std, with the statistics of the TRAINING split only (the test split
 * must not leak into them). "Channel" is the last axis: colour channels for [H, W, C] images, each feature for [N]
 * vectors. The statistics are plain JSON, so a checkpoint saves them and prediction reapplies them.
 */
import type { Shape } from '../shape/types';
import { DataError } from './errors';
import { shapeAsWritten } from '../shape/format';
import type { DataSplit, Dataset } from './types';

export interface Normalization {
  /** One mean per channel (the last axis of the input shape). */
  readonly mean: number[];
  /** One population standard deviation per channel (1 where a channel is constant, so it is only centred). */
  readonly std: number[];
}

/** A channel whose deviation is below this is treated as constant: dividing by ~0 would blow up the noise. */
const MIN_STD = 1e-6;

export function computeNormalization(split: DataSplit, inputShape: Shape): Normalization {
  const channels = inputShape[inputShape.length - 1];
  if (split.count === 0 || split.x.length % channels !== 0) {
    throw new DataError(`cannot compute normalisation: ${split.count} samples of ${split.x.length} values do not fit the input ${shapeAsWritten(inputShape)}`);
  }
  const sum = new Float64Array(channels);
  const sumSq = new Float64Array(channels);
  const x = split.x;
  for (let i = 0; i < x.length; i++) sum[i % channels] += x[i];
  const n = x.length / channels;
  const mean = Array.from(sum, (s) => s / n);
  // Two passes (mean first, then squared deviations): exact where E[x²] − E[x]² would cancel catastrophically.
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - mean[i % channels];
    sumSq[i % channels] += d * d;
  }
  const std = Array.from(sumSq, (s) => {
    const sd = Math.sqrt(s / n);
    return sd < MIN_STD ? 1 : sd;
  });
  return { mean, std };
}

/** Returns a standardised copy of `x` (samples in the layout the statistics were computed for). */
export function applyNormalization(x: Float32Array, stats: Normalization): Float32Array {
  const channels = stats.mean.length;
  if (channels === 0 || stats.std.length !== channels || x.length % channels !== 0) {
    throw new DataError(`normalisation statistics for ${channels} channels do not fit ${x.length} input values`);
  }
  const out = new Float32Array(x.length);
  const inv = stats.std.map((s) => 1 / s);
  for (let i = 0; i < x.length; i++) {
    const c = i % channels;
    out[i] = (x[i] - stats.mean[c]) * inv[c];
  }
  return out;
}

/** Computes the statistics on the training split and applies them to both splits. */
export function normalizeDataset(dataset: Dataset): { dataset: Dataset; normalization: Normalization } {
  const normalization = computeNormalization(dataset.train, dataset.inputShape);
  const apply = (split: DataSplit): DataSplit => ({ ...split, x: applyNormalization(split.x, normalization) });
  return { dataset: { ...dataset, train: apply(dataset.train), test: apply(dataset.test) }, normalization };
}
