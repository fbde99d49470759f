import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/random/rng';
import { gather, largestRemainder, limitSplit, randomSplit, stratifiedSplit } from '../../engine/data/split';

describe('largestRemainder', () => {
  it('shares a total in whole numbers that add up (the MNIST test quotas)', () => {
    const perClass = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
    expect(largestRemainder(perClass, 2000)).toEqual([200, 225, 198, 206, 196, 173, 203, 214, 189, 196]);
    expect(largestRemainder([1, 1, 1], 2)).toEqual([1, 1, 0]); // ties go to the lower index
    expect(largestRemainder([0, 0], 5)).toEqual([0, 0]);
  });
});

describe('splits', () => {
  const labels = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);

  it('stratifies: each class gives its share, every sample lands in exactly one split', () => {
    const { train, test } = stratifiedSplit(labels, 3, 0.2, new Rng(1));
    expect(test.length).toBe(4);
    expect(train.length).toBe(16);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const testCounts = [0, 0, 0];
    test.forEach((i) => testCounts[labels[i]]++);
    expect(testCounts).toEqual([1, 2, 1]);
  });

  it('is reproducible from the seed and keeps one training sample of a one-sample class', () => {
    expect(stratifiedSplit(labels, 3, 0.2, new Rng(4))).toEqual(stratifiedSplit(labels, 3, 0.2, new Rng(4)));
    const { train, test } = stratifiedSplit(Int32Array.from([0, 1, 1]), 2, 0.5, new Rng(0));
    expect(train).toContain(0);
    expect(test).toHaveLength(1);
  });

  it('splits regression data at random and gathers rows', () => {
    const { train, test } = randomSplit(10, 0.3, new Rng(2));
    expect([train.length, test.length]).toEqual([7, 3]);
    const x = Float32Array.from([0, 1, 10, 11, 20, 21]);
    const y = Float32Array.from([5, 6, 7]);
    const split = gather(x, y, 2, 1, [2, 0]);
    expect(Array.from(split.x)).toEqual([20, 21, 0, 1]);
    expect(Array.from(split.y)).toEqual([7, 5]);
    const limited = limitSplit(split, 1, 2, 1);
    expect([limited.count, Array.from(limited.x), Array.from(limited.y)]).toEqual([1, [20, 21], [7]]);
  });
});
