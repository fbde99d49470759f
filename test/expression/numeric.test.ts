/** "Check numerically": analytic gradients beside centred differences, with relative errors. */
import { describe, expect, it } from 'vitest';
import { evaluatePrepared } from '../../engine/expression/evaluate';
import { checkNumerically, relativeError } from '../../engine/expression/numeric';
import { prepareExpression } from '../../engine/expression/structure';
import { expr, loadExpression } from './helpers';

const check = (file: string) => {
  const prepared = prepareExpression(loadExpression(file));
  return checkNumerically(prepared, evaluatePrepared(prepared));
};

describe('checkNumerically', () => {
  it('agrees to about 1e-9 on every lab example, one entry per element of every var and const', () => {
    for (const file of ['backprop-xyz.nn.json', 'backprop-sigmoid-neuron.nn.json', 'backprop-sigmoid-gate.nn.json', 'backprop-max.nn.json', 'backprop-matvec-l2.nn.json']) {
      for (const leaf of check(file)) expect(leaf.worst, `${file} ${leaf.id}`).toBeLessThan(1e-8);
    }
    const mv = check('backprop-matvec-l2.nn.json');
    expect(mv.map((l) => [l.id, l.elements.length])).toEqual([['W', 4], ['x', 2]]);
    expect(mv[0].elements[0].analytic).toBeCloseTo(0.088, 15);
    expect(mv[0].elements[0].numeric).toBeCloseTo(0.088, 9);
  });

  it('disagrees at a kink, where the two one-sided slopes differ (relu at 0: analytic 0, numeric 0.5)', () => {
    const prepared = prepareExpression(expr([['x', 'var', 0], ['f', 'relu']], [['x', 'f']]));
    const [leaf] = checkNumerically(prepared, evaluatePrepared(prepared));
    expect(leaf.elements[0].analytic).toBe(0);
    expect(leaf.elements[0].numeric).toBeCloseTo(0.5, 12);
    expect(leaf.worst).toBe(1);
  });

  it('relative error: |a − n| / max(|a|, |n|), 0 when both are round-off small', () => {
    expect(relativeError(2, 1)).toBe(0.5);
    expect(relativeError(1e-14, -1e-13)).toBe(0);
    expect(relativeError(1, NaN)).toBe(Infinity);
  });
});
