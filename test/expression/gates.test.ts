/**
 * Every gate's local gradient against a centred difference, in float64: for random inputs (away from kinks and
 * poles) and a random upstream gradient u, what the gate hands input k must equal ∂(Σ u ⊙ out)/∂input_k, computed as
 * (L(v + h) − L(v − h)) / 2h one element at a time. Shapes: all scalars, vectors, matrices, and a scalar broadcast
 * against a vector or a matrix in either position.
 */
import { describe, expect, it } from 'vitest';
import type { GateDefinition } from '../../engine/expression/gate';
import { GATES, gateFor } from '../../engine/expression/gates';
import { sizeOf, tensor, type Shape, type Tensor } from '../../engine/expression/tensor';
import { Rng } from '../../engine/random/rng';

const rng = new Rng(11);
const uniform = (lo: number, hi: number) => lo + (hi - lo) * rng.uniform();
const signed = (lo: number, hi: number) => (rng.uniform() < 0.5 ? -1 : 1) * uniform(lo, hi);

/** Input values each gate is smooth at: positive for log/sqrt, non-zero for 1/x, apart for max/min, off 0 for relu. */
function sample(type: string, shapes: readonly Shape[]): Tensor[] {
  const fill = (shape: Shape, draw: () => number) => tensor(shape, Array.from({ length: sizeOf(shape) }, draw));
  switch (type) {
    case 'log':
    case 'sqrt':
      return shapes.map((s) => fill(s, () => uniform(0.5, 3)));
    case 'inv':
      return shapes.map((s) => fill(s, () => signed(0.5, 3)));
    case 'div':
      return [fill(shapes[0], () => uniform(-3, 3)), fill(shapes[1], () => signed(0.5, 3))];
    case 'relu':
      return shapes.map((s) => fill(s, () => signed(0.1, 3)));
    case 'max':
    case 'min': {
      // b anywhere; a at least 0.1 above or below b at every element it meets (a scalar b meets them all).
      const b = fill(shapes[1], () => uniform(-3, 3));
      const a = fill(shapes[0], () => 0);
      const n = Math.max(a.data.length, b.data.length);
      const above = rng.uniform() < 0.5;
      if (a.data.length === 1) a.data[0] = above ? Math.max(...b.data) + uniform(0.1, 1) : Math.min(...b.data) - uniform(0.1, 1);
      else for (let i = 0; i < n; i++) a.data[i] = b.data[b.data.length === 1 ? 0 : i] + signed(0.1, 2);
      return [a, b];
    }
    default:
      return shapes.map((s) => fill(s, () => uniform(-2, 2)));
  }
}

/** The shapes each gate is tried with. */
function shapeCases(gate: GateDefinition): Shape[][] {
  if (gate.type === 'dot') return [[[1], [1]], [[4], [4]]];
  if (gate.type === 'matvec') return [[[2, 3], [3]], [[1, 1], [1]], [[3, 2], [2]]];
  if (gate.type === 'sum' || gate.type === 'l2sq') return [[[]], [[3]], [[2, 3]]];
  if (gate.arity.max === 1) return [[[]], [[3]], [[2, 3]]];
  const base: Shape[][] = [[[], []], [[3], [3]], [[2, 3], [2, 3]], [[], [3]], [[3], []], [[2, 3], []], [[], [2, 3]]];
  return gate.arity.max > 2 ? [...base, [[3], [], [3]], [[], [], []], [[2, 2], [2, 2], [], [2, 2]]] : base;
}

/** L = Σ u ⊙ gate(inputs): its gradient with respect to the inputs is exactly what backward hands them for upstream u. */
function loss(gate: GateDefinition, inputs: readonly Tensor[], u: Tensor): number {
  const out = gate.forward(inputs);
  return out.data.reduce((s, v, i) => s + u.data[i] * v, 0);
}

function centred(gate: GateDefinition, inputs: readonly Tensor[], u: Tensor, k: number, j: number): number {
  const h = 1e-6 * Math.max(1, Math.abs(inputs[k].data[j]));
  const nudged = (d: number) => inputs.map((t, i) => (i === k ? tensor(t.shape, t.data.map((v, e) => (e === j ? v + d : v))) : t));
  return (loss(gate, nudged(h), u) - loss(gate, nudged(-h), u)) / (2 * h);
}

describe.each(GATES.map((g) => [g.type, g] as const))('%s', (_type, gate) => {
  it('hands every input upstream × local = the centred difference of Σ upstream ⊙ out, shaped like the input', () => {
    for (const shapes of shapeCases(gate)) {
      for (let trial = 0; trial < 4; trial++) {
        const inputs = sample(gate.type, shapes);
        const shape = gate.shape(shapes);
        if ('problem' in shape) throw new Error(`${gate.type}: ${shape.problem}`);
        const out = gate.forward(inputs);
        expect(out.shape).toEqual(shape);
        const u = tensor(out.shape, Array.from(out.data, () => uniform(-2, 2)));
        const handed = gate.backward(inputs, out, u);
        expect(handed).toHaveLength(inputs.length);
        handed.forEach(({ downstream }, k) => {
          expect(downstream.shape, `${gate.type} input ${k} of ${JSON.stringify(shapes)}`).toEqual(inputs[k].shape);
          downstream.data.forEach((g, j) => {
            const n = centred(gate, inputs, u, k, j);
            expect(Math.abs(g - n) / Math.max(1, Math.abs(n)), `${gate.type} ∂/∂input${k}[${j}] of ${JSON.stringify(shapes)}: ${g} vs ${n}`).toBeLessThan(1e-7);
          });
        });
      }
    }
  });
});

describe('local gradients, as recorded for the Step panel and grad --json', () => {
  it('elementwise gates: local[k][i] = ∂out[i]/∂input_k[i], in the output shape', () => {
    for (const type of ['add', 'sub', 'mul', 'div', 'max', 'min', 'neg', 'inv', 'exp', 'log', 'square', 'sqrt', 'sigmoid', 'tanh', 'relu']) {
      const gate = gateFor(type)!;
      const shapes: Shape[] = gate.arity.max === 1 ? [[3]] : [[3], [3]];
      const inputs = sample(type, shapes);
      const out = gate.forward(inputs);
      const ones = tensor(out.shape, [0, 0, 0]);
      gate.backward(inputs, out, ones).forEach(({ local }, k) => {
        expect(local.shape).toEqual([3]);
        for (let i = 0; i < 3; i++) {
          const e = tensor([3], [0, 0, 0]);
          e.data[i] = 1; // u = e_i picks out ∂out[i]/∂input_k[i]
          expect(local.data[i], `${type} local[${k}][${i}]`).toBeCloseTo(centred(gate, inputs, e, k, i), 8);
        }
      });
    }
  });

  it('max and min send a tie to the first input; relu passes nothing at 0', () => {
    const tie = [tensor([], [2]), tensor([], [2])];
    for (const type of ['max', 'min']) {
      const g = gateFor(type)!;
      const out = g.forward(tie);
      expect(g.backward(tie, out, tensor([], [5])).map((s) => s.downstream.data[0])).toEqual([5, 0]);
    }
    const relu = gateFor('relu')!;
    const zero = [tensor([], [0])];
    expect(relu.backward(zero, relu.forward(zero), tensor([], [3]))[0].downstream.data[0]).toBe(0);
  });

  it('sum, l2sq and dot record local in the input shape: 1s, 2x, the other vector', () => {
    const x = tensor([2, 2], [1, -2, 3, 0.5]);
    expect(Array.from(gateFor('sum')!.backward([x], tensor([], [1.5]), tensor([], [2]))[0].local.data)).toEqual([1, 1, 1, 1]);
    expect(Array.from(gateFor('l2sq')!.backward([x], tensor([], [14.25]), tensor([], [2]))[0].local.data)).toEqual([2, -4, 6, 1]);
    const a = tensor([3], [1, 2, 3]);
    const b = tensor([3], [-1, 0.5, 4]);
    const [la, lb] = gateFor('dot')!.backward([a, b], tensor([], [12]), tensor([], [-2]));
    expect(Array.from(la.local.data)).toEqual([-1, 0.5, 4]);
    expect(Array.from(lb.downstream.data)).toEqual([-2, -4, -6]);
  });

  it('sigmoid stays finite far out on both sides (e⁻ˣ overflows to ∞ for x < −709; 1/(1 + ∞) = 0 is the limit)', () => {
    const g = gateFor('sigmoid')!;
    const x = [tensor([2], [-800, 800])];
    const y = g.forward(x);
    expect(Array.from(y.data)).toEqual([0, 1]);
    expect(Array.from(g.backward(x, y, tensor([2], [1, 1]))[0].downstream.data)).toEqual([0, 0]);
  });
});
