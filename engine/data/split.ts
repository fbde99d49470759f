/**
 * Train/test splitting and sample gathering. Classification data are split per class (stratified), so the test split
 * has the same class mix as the whole set; the largest-remainder rule makes the per-class counts add up exactly.
 */
import type { Rng } from '../random/rng';
import type { DataSplit } from './types';

/** Splits `total` over buckets in proportion to `weights`, in whole numbers summing to `total` (Hamilton's method). */
export function largestRemainder(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  // Ties go to the lower index, so the result never depends on sort stability.
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) counts[order[k % order.length].i]++;
  return counts;
}

export interface IndexSplit {
  readonly train: number[];
  readonly test: number[];
}

/** Groups sample indices by class, each group in file order. */
export function indicesByClass(labels: ArrayLike<number>, numClasses: number): number[][] {
  const groups: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < labels.length; i++) groups[labels[i]].push(i);
  return groups;
}

/**
 * Stratified split: each class gives its share of round(count · testFraction) test samples, chosen at random with
 * `rng` (every class keeps at least one training sample). Both lists come back shuffled, so classes are interleaved.
 */
export function stratifiedSplit(labels: ArrayLike<number>, numClasses: number, testFraction: number, rng: Rng): IndexSplit {
  const groups = indicesByClass(labels, numClasses);
  const quotas = largestRemainder(groups.map((g) => g.length), Math.round(labels.length * testFraction));
  const train: number[] = [];
  const test: number[] = [];
  groups.forEach((group, c) => {
    const shuffled = group.slice();
    rng.shuffle(shuffled);
    const k = Math.min(quotas[c], Math.max(0, group.length - 1));
    test.push(...shuffled.slice(0, k));
    train.push(...shuffled.slice(k));
  });
  rng.shuffle(train);
  rng.shuffle(test);
  return { train, test };
}

/** Plain random split (regression): the first round(count · testFraction) of a shuffle go to the test split. */
export function randomSplit(count: number, testFraction: number, rng: Rng): IndexSplit {
  const order = Array.from({ length: count }, (_, i) => i);
  rng.shuffle(order);
  const k = Math.min(Math.round(count * testFraction), Math.max(0, count - 1));
  return { test: order.slice(0, k), train: order.slice(k) };
}

/** Copies the chosen samples (rows of `sampleSize` inputs and `targetSize` targets) into a new split. */
export function gather(
  x: Float32Array,
  y: Int32Array | Float32Array,
  sampleSize: number,
  targetSize: number,
  indices: readonly number[],
): DataSplit {
  const gx = new Float32Array(indices.length * sampleSize);
  const gy = y instanceof Int32Array ? new Int32Array(indices.length * targetSize) : new Float32Array(indices.length * targetSize);
  indices.forEach((src, dst) => {
    gx.set(x.subarray(src * sampleSize, (src + 1) * sampleSize), dst * sampleSize);
    gy.set(y.subarray(src * targetSize, (src + 1) * targetSize), dst * targetSize);
  });
  return { count: indices.length, x: gx, y: gy };
}

/**
 * The first `limit` samples of a split; the split itself when it is no larger. Copies, so that the arrays own their
 * buffers (a trainer may transfer `x.buffer` to a worker).
 */
export function limitSplit(split: DataSplit, limit: number | undefined, sampleSize: number, targetSize: number): DataSplit {
  if (limit === undefined || limit >= split.count) return split;
  return {
    count: limit,
    x: split.x.slice(0, limit * sampleSize),
    y: split.y.slice(0, limit * targetSize),
  };
}
