/**
 * Rng.fillNormal and Rng.fillSymmetricUniform (the weight initialisers' tight loops) give the very numbers the
 * element-by-element calls give, and leave the generator where the calls would (state and the spare normal), so the
 * initial weights — and every golden file and loss curve built on them — are unchanged.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/random/rng';

const LENGTHS = [0, 1, 2, 3, 10, 1001];

describe('Rng fills', () => {
  it.each(LENGTHS)('fillNormal of %i values equals normal() × scale one by one, then continues identically', (n) => {
    for (const spare of [false, true]) {
      const one = new Rng(12345);
      const many = new Rng(12345);
      if (spare) expect(many.normal()).toBe(one.normal()); // leaves a spare value in both
      const expected = new Float64Array(n);
      for (let i = 0; i < n; i++) expected[i] = one.normal() * 0.37;
      const got = new Float64Array(n);
      many.fillNormal(got, 0.37);
      expect(Array.from(got)).toEqual(Array.from(expected));
      expect([many.normal(), many.normal(), many.nextUint32()]).toEqual([one.normal(), one.normal(), one.nextUint32()]);
    }
  });

  it('fillNormal into float32 rounds the same products', () => {
    const one = new Rng(7);
    const expected = new Float32Array(999);
    for (let i = 0; i < expected.length; i++) expected[i] = one.normal() * Math.sqrt(2 / 27);
    const got = new Float32Array(999);
    new Rng(7).fillNormal(got, Math.sqrt(2 / 27));
    expect(Array.from(got)).toEqual(Array.from(expected));
  });

  it.each(LENGTHS)('fillSymmetricUniform of %i values equals (2·uniform() − 1) × limit one by one', (n) => {
    const one = new Rng(99);
    const many = new Rng(99);
    const expected = new Float32Array(n);
    for (let i = 0; i < n; i++) expected[i] = (2 * one.uniform() - 1) * 0.21;
    const got = new Float32Array(n);
    many.fillSymmetricUniform(got, 0.21);
    expect(Array.from(got)).toEqual(Array.from(expected));
    expect(many.nextUint32()).toBe(one.nextUint32());
  });
});
