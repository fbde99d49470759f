import { describe, expect, it } from 'vitest';
import { applyNormalization, computeNormalization, normalizeDataset } from '../../engine/data/normalize';
import type { Dataset } from '../../engine/data/types';

describe('normalisation', () => {
  // Two [1, 2, 2] images: channel 0 holds 1, 3, 5, 7 (mean 4, variance 5); channel 1 holds 10..40 (mean 25, variance 125).
  const train = { count: 2, x: Float32Array.from([1, 10, 3, 20, 5, 30, 7, 40]), y: Int32Array.from([0, 1]) };

  it('computes per-channel mean and population standard deviation', () => {
    const stats = computeNormalization(train, [1, 2, 2]);
    expect(stats.mean).toEqual([4, 25]);
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(5), 12);
    expect(stats.std[1]).toBeCloseTo(Math.sqrt(125), 12);
  });

  it('standardises with those statistics and leaves a constant channel centred only', () => {
    const stats = computeNormalization(train, [1, 2, 2]);
    const out = applyNormalization(train.x, stats);
    expect(out[0]).toBeCloseTo(-3 / Math.sqrt(5), 6);
    expect(out[7]).toBeCloseTo(15 / Math.sqrt(125), 6);
    const constant = computeNormalization({ count: 2, x: Float32Array.from([2, 2]), y: Int32Array.from([0, 0]) }, [1]);
    expect(constant).toEqual({ mean: [2], std: [1] });
    expect(() => applyNormalization(Float32Array.from([1, 2, 3]), computeNormalization(train, [1, 2, 2]))).toThrow(/2 channels do not fit 3/);
  });

  it('takes the statistics from the training split only and applies them to both splits', () => {
    const dataset: Dataset = {
      name: 't', spec: 't', inputShape: [1, 2, 2], task: 'classification', numClasses: 2, classNames: ['a', 'b'],
      train,
      test: { count: 1, x: Float32Array.from([4, 25, 4 + Math.sqrt(5), 25]), y: Int32Array.from([1]) },
    };
    const { dataset: normalised, normalization } = normalizeDataset(dataset);
    expect(normalization.mean).toEqual([4, 25]);
    expect(Array.from(normalised.test.x, (v) => Math.round(v * 1e5) / 1e5)).toEqual([0, 0, 1, 0]);
    expect(dataset.train.x[0]).toBe(1); // the input is not modified
    expect(JSON.parse(JSON.stringify(normalization))).toEqual(normalization); // checkpoint-safe
  });
});
