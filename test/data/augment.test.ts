import { describe, expect, it } from 'vitest';
import { augmentBatch, shiftAndFlip } from '../../engine/data/augment';
import { Rng } from '../../engine/random/rng';

// A 3×3 grey image:  1 2 3 / 4 5 6 / 7 8 9
const image = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
const run = (dy: number, dx: number, flip: boolean) => {
  const out = new Float32Array(9).fill(-1);
  shiftAndFlip(image, 0, out, 0, [3, 3, 1], dy, dx, flip);
  return Array.from(out);
};

describe('crop and flip', () => {
  it('crops a zero-padded image at an offset (a shift with zeros filling in)', () => {
    expect(run(0, 0, false)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run(1, 0, false)).toEqual([4, 5, 6, 7, 8, 9, 0, 0, 0]);
    expect(run(-1, -1, false)).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]);
  });

  it('mirrors left to right, after the crop', () => {
    expect(run(0, 0, true)).toEqual([3, 2, 1, 6, 5, 4, 9, 8, 7]);
    expect(run(0, 1, true)).toEqual([0, 3, 2, 0, 6, 5, 0, 9, 8]);
  });

  it('moves every channel of a pixel together', () => {
    const rgb = Float32Array.from([1, 2, 3, 4, 5, 6]); // a 1×2 image of two RGB pixels
    const out = new Float32Array(6);
    shiftAndFlip(rgb, 0, out, 0, [1, 2, 3], 0, 0, true);
    expect(Array.from(out)).toEqual([4, 5, 6, 1, 2, 3]);
  });
});

describe('augmentBatch', () => {
  const batch = new Float32Array(50 * 9);
  for (let n = 0; n < 50; n++) batch.set(image, n * 9);
  const all = new Set<string>();
  for (const flip of [false, true]) for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) all.add(run(dy, dx, flip).join());

  it('draws from the seeded Rng: the same seed gives the same batch, each sample a valid crop/flip', () => {
    const a = augmentBatch(batch, 50, [3, 3, 1], { flip: true, crop: 1 }, new Rng(9));
    const b = augmentBatch(batch, 50, [3, 3, 1], { flip: true, crop: 1 }, new Rng(9));
    expect(Array.from(a)).toEqual(Array.from(b));
    const seen = new Set<string>();
    for (let n = 0; n < 50; n++) {
      const sample = Array.from(a.subarray(n * 9, n * 9 + 9)).join();
      expect(all.has(sample)).toBe(true);
      seen.add(sample);
    }
    expect(seen.size).toBeGreaterThan(8); // 18 possible outcomes, 50 draws
    expect(Array.from(batch.subarray(0, 9))).toEqual(Array.from(image)); // input untouched
  });

  it('is the identity without options and refuses vector inputs', () => {
    expect(Array.from(augmentBatch(batch, 50, [3, 3, 1], {}, new Rng(1)))).toEqual(Array.from(batch));
    expect(() => augmentBatch(batch, 50, [9], { flip: true }, new Rng(1))).toThrow('augmentation (flip, crop) needs image inputs [H, W, C], not [9]');
  });
});
