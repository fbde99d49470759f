/** Backward's bookkeeping: fan-out sums, a node feeding one gate twice, a broadcast scalar, and the step records. */
import { describe, expect, it } from 'vitest';
import { describeStep } from '../../engine/expression/explain';
import { expr, node, run } from './helpers';

describe('fan-out', () => {
  // f = x·y + x with x = 3, y = −2: ∂f/∂x = y + 1 = −1 arrives in two parts, 1 (from the add) and −2 (from the mul).
  const r = run(expr([['x', 'var', 3], ['y', 'var', -2], ['p', 'mul'], ['f', 'add']], [['x', 'p'], ['y', 'p'], ['p', 'f'], ['x', 'f']]));
  it('sums the gradients from every consumer', () => {
    expect(r.value).toBe(-3);
    expect(node(r, 'x').grad).toBe(-1);
    expect(node(r, 'y').grad).toBe(3);
  });
  it('records each contribution and the running total at the input', () => {
    expect(r.byId.get('x')!.contributions.map((c) => [c.from, c.grad.data[0]])).toEqual([['f', 1], ['p', -2]]);
    const mulStep = r.steps.find((s) => s.node === 'p')!;
    const intoX = mulStep.inputs[0];
    expect([intoX.previous!.data[0], intoX.downstream.data[0], intoX.total.data[0]]).toEqual([1, -2, -1]);
    expect(r.steps.find((s) => s.node === 'f')!.inputs[1].previous).toBeNull();
    expect(describeStep(mulStep, 1, (id) => r.byId.get(id)!.inputs).map((l) => l.trim())).toContain('x fans out, so gradients add: 1 + -2 = -1');
  });
});

describe('inputs', () => {
  it('mul(x, x) by two edges is x², with gradient 2x', () => {
    const r = run(expr([['x', 'var', 3], ['f', 'mul']], [['x', 'f'], ['x', 'f']]));
    expect([r.value, node(r, 'x').grad]).toEqual([9, 6]);
  });
  it('a scalar broadcast against a vector gets the sum of what every element sends back', () => {
    // f = sum(s · v) = s·Σv: ∂f/∂s = Σv = 6, ∂f/∂v = [s, s, s].
    const r = run(expr([['s', 'var', 2], ['v', 'var', [1, 2, 3]], ['m', 'mul'], ['f', 'sum']], [['s', 'm'], ['v', 'm'], ['m', 'f']]));
    expect(node(r, 's').grad).toBe(6);
    expect(node(r, 'v').grad).toEqual([2, 2, 2]);
    expect(node(r, 'm').grad).toEqual([1, 1, 1]);
    const step = r.steps.find((s) => s.node === 'm')!;
    expect(Array.from(step.inputs[0].local.data)).toEqual([1, 2, 3]); // ∂(s·vᵢ)/∂s = vᵢ, in the output's shape
  });
  it('a const gets a gradient too; f may be a leaf itself', () => {
    const r = run(expr([['c', 'const', [[1, 2], [3, 4]]], ['f', 'l2sq']], [['c', 'f']]));
    expect(node(r, 'c').grad).toEqual([[2, 4], [6, 8]]);
    const leaf = run(expr([['x', 'var', 5]], []));
    expect([leaf.value, node(leaf, 'x').grad, leaf.steps]).toEqual([5, 1, []]);
  });
});
