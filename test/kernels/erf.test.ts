/** erf/erfc/Φ against published values (Abramowitz & Stegun table 7.1, Wolfram Alpha to 16 digits). */
import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf } from '../../engine/kernels/cpu/erf';

describe('erf to float64 accuracy', () => {
  it.each([
    [0, 0], [0.01, 0.011283415555849618], [0.5, 0.5204998778130465], [1, 0.8427007929497149], [-1.5, -0.9661051464753108],
    [2, 0.9953222650189527], [2.5, 0.999593047982555], [3, 0.9999779095030014],
  ])('erf(%f) = %f', (x, expected) => {
    expect(Math.abs(erf(x) - expected)).toBeLessThan(4e-16);
  });

  it.each([[3, 2.209049699858544e-5], [5, 1.5374597944280349e-12], [10, 2.088487583762545e-45], [-2, 1.9953222650189528]])(
    'erfc(%f) = %f to 1e-14 relative (the tail keeps its digits)',
    (x, expected) => {
      expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-14);
    },
  );

  it('the series (below 2.5) and the continued fraction (from 2.5) meet without a step', () => {
    const slope = (2 / Math.sqrt(Math.PI)) * Math.exp(-6.25);
    expect(Math.abs(erf(2.5) - erf(2.5 - 1e-9) - slope * 1e-9)).toBeLessThan(1e-15);
  });

  it('Φ(−8) = 6.22096057427178e-16 (1 + erf would round to 0) and Φ(1.96) = 0.9750021048517795', () => {
    expect(Math.abs(normalCdf(-8) - 6.22096057427178e-16) / 6.22096057427178e-16).toBeLessThan(1e-13);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
  });
});
