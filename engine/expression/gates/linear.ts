/**
 * The linear-algebra gates: dot (two vectors → a scalar) and matvec (W·x). Their local gradient is the other
 * operand, as for mul — what changes is how upstream × local is formed (see gate.ts on `local`).
 */
import type { GateDefinition } from '../gate';
import { describeShape, scalar, tensor } from '../tensor';

const TWO = { min: 2, max: 2 };

export const dot: GateDefinition = {
  type: 'dot',
  symbol: '·',
  doc: 'a · b = Σᵢ aᵢbᵢ (two vectors of one length → a scalar)',
  arity: TWO,
  rule: '∂(a·b)/∂aᵢ = bᵢ, ∂(a·b)/∂bᵢ = aᵢ',
  pattern: 'the dot gate swaps and scales, as mul does: each vector gets the upstream gradient times the other vector',
  shape([a, b]) {
    if (a.length === 1 && b.length === 1 && a[0] === b[0]) return [];
    return { problem: 'dot needs two vectors of the same length' };
  },
  forward: ([a, b]) => scalar(a.data.reduce((s, v, i) => s + v * b.data[i], 0)),
  backward([a, b], _out, up) {
    const g = up.data[0];
    return [
      { local: b, downstream: tensor(a.shape, b.data.map((v) => g * v)) },
      { local: a, downstream: tensor(b.shape, a.data.map((v) => g * v)) },
    ];
  },
};

export const matvec: GateDefinition = {
  type: 'matvec',
  symbol: 'W·x',
  doc: 'W · x: a matrix (first input) times a vector (second) → a vector with one entry per row',
  arity: TWO,
  inputNames: ['W', 'x'],
  rule: '∂(W·x)ᵢ/∂Wᵢⱼ = xⱼ, ∂(W·x)ᵢ/∂xⱼ = Wᵢⱼ',
  pattern: 'the matvec gate swaps and scales, like mul: W gets upstream·xᵀ (an outer product, W\'s shape), x gets Wᵀ·upstream',
  shape([w, x]) {
    if (w.length === 2 && x.length === 1 && w[1] === x[0]) return [w[0]];
    if (w.length !== 2) return { problem: `matvec needs a matrix first (got ${describeShape(w)})` };
    if (x.length !== 1) return { problem: `matvec needs a vector second (got ${describeShape(x)})` };
    return { problem: `W has ${w[1]} columns, so x needs ${w[1]} entries` };
  },
  forward([w, x]) {
    const [rows, cols] = w.shape as readonly [number, number];
    const y = new Float64Array(rows);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) y[i] += w.data[i * cols + j] * x.data[j];
    return tensor([rows], y);
  },
  backward([w, x], _out, up) {
    const [rows, cols] = w.shape as readonly [number, number];
    const dw = new Float64Array(rows * cols);
    const dx = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        dw[i * cols + j] = up.data[i] * x.data[j];
        dx[j] += w.data[i * cols + j] * up.data[i];
      }
    }
    return [
      { local: x, downstream: tensor(w.shape, dw) },
      { local: w, downstream: tensor(x.shape, dx) },
    ];
  },
};
