import { describe, expect, it } from 'vitest';
import { convertChannels } from '../../engine/data/channels';
import { resizeImage } from '../../engine/data/resize';

const values = (a: Float32Array) => Array.from(a, (v) => Math.round(v * 1e6) / 1e6);

describe('resizeImage', () => {
  it('enlarges bilinearly with pixel centres aligned (Pillow’s values)', () => {
    expect(values(resizeImage(Float32Array.from([0, 1]), 1, 2, 1, 1, 4))).toEqual([0, 0.25, 0.75, 1]);
  });

  it('shrinks with the widened triangle filter: [0 1 2 3] → [1.25/1.75, 1 + 0.75/1.75]', () => {
    const out = resizeImage(Float32Array.from([0, 1, 2, 3]), 1, 4, 1, 1, 2);
    expect(out[0]).toBeCloseTo(1.25 / 1.75, 6);
    expect(out[1]).toBeCloseTo(3 - 1.25 / 1.75, 6);
  });

  it('averages a 2×2 image into one pixel, per channel, and keeps a flat colour flat', () => {
    const rgb = Float32Array.from([0, 1, 0.2, 1, 1, 0.4, 0, 0, 0.6, 1, 0, 0.8]);
    expect(values(resizeImage(rgb, 2, 2, 3, 1, 1))).toEqual([0.5, 0.5, 0.5]);
    const flat = resizeImage(new Float32Array(7 * 5).fill(0.3), 7, 5, 1, 3, 11);
    expect(flat.every((v) => Math.abs(v - 0.3) < 1e-6)).toBe(true);
  });
});

describe('convertChannels', () => {
  it('repeats grey into RGB, takes BT.601 luma from RGB, drops alpha, scales bytes', () => {
    expect(Array.from(convertChannels([0.5], 1, 1, 3))).toEqual([0.5, 0.5, 0.5]);
    expect(convertChannels([1, 0, 0], 1, 3, 1)[0]).toBeCloseTo(0.299, 6);
    expect(convertChannels([0, 0, 255, 128], 1, 4, 1, 1 / 255)[0]).toBeCloseTo(0.114, 6);
    expect(Array.from(convertChannels([255, 0, 51, 0], 1, 4, 3, 1 / 255))).toEqual([1, 0, Math.fround(0.2)]);
  });
});
