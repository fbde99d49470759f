/**
 * The lecture's numbers, exactly as the slides give them (CS231n, "Backpropagation"): (x + y)·z, the 2-D sigmoid
 * neuron built from gates and with a σ gate, the max example, and the vectorized ‖W·x‖².
 */
import { describe, expect, it } from 'vitest';
import { flat, loadExpression, node, run } from './helpers';

describe('(x + y)·z with x = −2, y = 5, z = −4', () => {
  const r = run(loadExpression('backprop-xyz.nn.json'));
  it('f = −12, q = 3', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toBe(-12);
    expect(node(r, 'q').value).toBe(3);
  });
  it('∂f/∂x = −4, ∂f/∂y = −4, ∂f/∂z = 3, ∂f/∂q = −4 (exact in float64)', () => {
    expect(node(r, 'x').grad).toBe(-4);
    expect(node(r, 'y').grad).toBe(-4);
    expect(node(r, 'z').grad).toBe(3);
    expect(node(r, 'q').grad).toBe(-4);
    expect(node(r, 'f').grad).toBe(1);
  });
  it('backward visits f then q, each input getting upstream × local', () => {
    expect(r.steps.map((s) => s.node)).toEqual(['f', 'q']);
    const [mul, add] = r.steps;
    expect(mul.inputs.map((s) => [s.input, s.local.data[0], s.downstream.data[0]])).toEqual([['q', -4, -4], ['z', 3, 3]]);
    expect(add.upstream.data[0]).toBe(-4);
    expect(add.inputs.map((s) => [s.input, s.local.data[0], s.downstream.data[0]])).toEqual([['x', 1, -4], ['y', 1, -4]]);
  });
});

describe('the sigmoid neuron f = 1/(1 + e^−(w0x0 + w1x1 + w2)), w = [2, −3, −3], x = [−1, −2]', () => {
  const dsigma = (1 - 1 / (1 + Math.exp(-1))) / (1 + Math.exp(-1)); // σ'(1) = 0.19661…
  for (const file of ['backprop-sigmoid-neuron.nn.json', 'backprop-sigmoid-gate.nn.json']) {
    it(`${file}: f ≈ 0.73, ∂f/∂w ≈ [−0.20, −0.39, 0.20], ∂f/∂x ≈ [0.39, −0.59]`, () => {
      const r = run(loadExpression(file));
      expect(r.diagnostics).toEqual([]);
      expect(r.value!).toBeCloseTo(0.73, 2);
      expect(r.value!).toBeCloseTo(1 / (1 + Math.exp(-1)), 14);
      const dw = ['w0', 'w1', 'w2'].map((id) => node(r, id).grad as number);
      const dx = ['x0', 'x1'].map((id) => node(r, id).grad as number);
      expect(dw.map((g) => Number(g.toFixed(2)))).toEqual([-0.2, -0.39, 0.2]);
      expect(dx.map((g) => Number(g.toFixed(2)))).toEqual([0.39, -0.59]);
      // And to float64 precision against σ'(1)·(the other factor).
      [-1, -2, 1].forEach((x, i) => expect(dw[i]).toBeCloseTo(dsigma * x, 14));
      [2, -3].forEach((w, i) => expect(dx[i]).toBeCloseTo(dsigma * w, 14));
    });
  }
  it('the σ gate gives the same gradient as the four gates it replaces: local (1 − σ)σ = 0.20 at the sum', () => {
    const gates = run(loadExpression('backprop-sigmoid-neuron.nn.json'));
    const sigma = run(loadExpression('backprop-sigmoid-gate.nn.json'));
    expect(sigma.steps[0].inputs[0].local.data[0]).toBeCloseTo(dsigma, 15);
    expect(node(gates, 's').grad as number).toBeCloseTo(node(sigma, 's').grad as number, 15);
    // The gates version: 1/x gives −1/1.37² = −0.53, +1 passes it, exp scales by e^−1 = 0.37, −x flips the sign.
    expect(Number((node(gates, 'd').grad as number).toFixed(2))).toBe(-0.53);
    expect(Number((node(gates, 'n').grad as number).toFixed(2))).toBe(-0.2);
  });
});

describe('2·(x·y + max(z, w)) with x = 3, y = −4, z = 2, w = −1', () => {
  const r = run(loadExpression('backprop-max.nn.json'));
  it('f = −20; mul swaps (∂x = 2·y = −8, ∂y = 2·x = 6), max routes (∂z = 2, ∂w = 0)', () => {
    expect(r.value).toBe(-20);
    expect(['x', 'y', 'z', 'w'].map((id) => node(r, id).grad)).toEqual([-8, 6, 2, 0]);
  });
});

describe('‖W·x‖² with W = [[0.1, 0.5], [−0.3, 0.8]], x = [0.2, 0.4]', () => {
  const r = run(loadExpression('backprop-matvec-l2.nn.json'));
  it('q = [0.22, 0.26], f = 0.116', () => {
    expect(r.diagnostics).toEqual([]);
    flat(node(r, 'q').value).forEach((v, i) => expect(v).toBeCloseTo([0.22, 0.26][i], 15));
    expect(r.value!).toBeCloseTo(0.116, 15);
  });
  it('∇_W f = [[0.088, 0.176], [0.104, 0.208]] and ∇_x f = [−0.112, 0.636], each shaped like its variable', () => {
    const dW = node(r, 'W').grad as number[][];
    const dx = node(r, 'x').grad as number[];
    expect(dW.map((row) => row.length)).toEqual([2, 2]);
    expect(dx).toHaveLength(2);
    flat(dW).forEach((v, i) => expect(v).toBeCloseTo([0.088, 0.176, 0.104, 0.208][i], 15));
    dx.forEach((v, i) => expect(v).toBeCloseTo([-0.112, 0.636][i], 15));
    flat(node(r, 'q').grad).forEach((v, i) => expect(v).toBeCloseTo([0.44, 0.52][i], 15));
  });
  it("matvec's local is the other operand: x for W (W's gradient is upstream ⊗ x), W for x (x's is Wᵀ·upstream)", () => {
    const step = r.steps.find((s) => s.node === 'q')!;
    expect(Array.from(step.inputs[0].local.data)).toEqual([0.2, 0.4]);
    expect(Array.from(step.inputs[1].local.data)).toEqual([0.1, 0.5, -0.3, 0.8]);
  });
});
