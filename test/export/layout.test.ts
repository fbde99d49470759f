import { describe, expect, it } from 'vitest';
import {
  chwToHwcIndex,
  convWeightFromOihw,
  convWeightToOihw,
  denseWeightFromOutIn,
  denseWeightToOutIn,
  featuresFromChw,
  featuresToChw,
} from '../../engine/export/layout';

const seq = (n: number) => Float32Array.from({ length: n }, (_, i) => i + 1);

describe('layout conversions between wiregrad (NHWC) and NCHW engines', () => {
  it('maps a 2×3×2 image: chw position 1 is (c 0, h 0, w 1), hwc position 2', () => {
    expect(Array.from(chwToHwcIndex([2, 3, 2]))).toEqual([0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]);
  });

  it('moves conv weight element (y 1, x 2, c 0, k 3) of HWIO [2, 3, 2, 4] to OIHW [3, 0, 1, 2]', () => {
    const hwio = seq(2 * 3 * 2 * 4);
    const oihw = convWeightToOihw(hwio, [2, 3, 2, 4]);
    expect(oihw[((3 * 2 + 0) * 2 + 1) * 3 + 2]).toBe(hwio[((1 * 3 + 2) * 2 + 0) * 4 + 3]);
    expect(Array.from(convWeightFromOihw(oihw, [4, 2, 2, 3]))).toEqual(Array.from(hwio));
  });

  it('a dense layer on an image computes the same outputs from an NCHW flatten with the reordered weight', () => {
    const [H, W, C, units] = [2, 3, 2, 5];
    const n = H * W * C;
    const weight = Float32Array.from({ length: n * units }, (_, i) => Math.sin(i));
    const nhwc = Float32Array.from({ length: n }, (_, i) => Math.cos(3 * i));
    const nchw = new Float32Array(n);
    for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) nchw[(c * H + h) * W + w] = nhwc[(h * W + w) * C + c];
    const outIn = denseWeightToOutIn(weight, n, units, [H, W, C]);
    for (let o = 0; o < units; o++) {
      let wiregrad = 0;
      let torch = 0;
      for (let i = 0; i < n; i++) {
        wiregrad += nhwc[i] * weight[i * units + o];
        torch += nchw[i] * outIn[o * n + i];
      }
      expect(torch).toBeCloseTo(wiregrad, 5);
    }
    expect(Array.from(denseWeightFromOutIn(outIn, n, units, [H, W, C]))).toEqual(Array.from(weight));
  });

  it('a vector input only transposes: row i of [n_in, n_out] is column i of [n_out, n_in]', () => {
    const w = seq(6);
    expect(Array.from(denseWeightToOutIn(w, 2, 3, null))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(denseWeightFromOutIn(denseWeightToOutIn(w, 2, 3, null), 2, 3, null))).toEqual(Array.from(w));
  });

  it('per-feature vectors of a flattened image reorder and come back', () => {
    const v = seq(12);
    expect(Array.from(featuresToChw(v, [2, 3, 2]))).toEqual([1, 3, 5, 7, 9, 11, 2, 4, 6, 8, 10, 12]);
    expect(Array.from(featuresFromChw(featuresToChw(v, [2, 3, 2]), [2, 3, 2]))).toEqual(Array.from(v));
  });

  it('refuses an image whose size is not the layer input', () => {
    expect(() => denseWeightToOutIn(seq(10), 5, 2, [2, 2, 1])).toThrow(/4 values cannot be the 5 inputs/);
  });
});
