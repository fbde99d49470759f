/** The elementwise gates of several inputs: add, sub, mul, div, max, min (a scalar broadcasts). */
import { formatNumber } from '../format';
import { elementwise } from './elementwise';

const TWO = { min: 2, max: 2 };

export const add = elementwise({
  type: 'add',
  symbol: '+',
  doc: 'a + b + …: the sum of two or more inputs',
  arity: { min: 2, max: Infinity },
  rule: '∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1',
  pattern: 'the add gate distributes: every input gets the upstream gradient unchanged (local gradient 1)',
  forward: (xs) => xs.reduce((s, x) => s + x, 0),
  local: (xs) => xs.map(() => 1),
});

export const sub = elementwise({
  type: 'sub',
  symbol: '−',
  doc: 'a − b (first input minus second)',
  arity: TWO,
  inputNames: ['a', 'b'],
  rule: '∂(a − b)/∂a = 1, ∂(a − b)/∂b = −1',
  pattern: 'the sub gate distributes with a sign: a gets the upstream gradient, b its negative',
  forward: ([a, b]) => a - b,
  local: () => [1, -1],
});

export const mul = elementwise({
  type: 'mul',
  symbol: '×',
  doc: 'a · b',
  arity: TWO,
  rule: '∂(a·b)/∂a = b, ∂(a·b)/∂b = a',
  pattern: "the mul gate swaps and scales: each input gets the upstream gradient times the other input's value",
  forward: ([a, b]) => a * b,
  local: ([a, b]) => [b, a],
});

export const div = elementwise({
  type: 'div',
  symbol: '÷',
  doc: 'a / b (first input over second)',
  arity: TWO,
  inputNames: ['a', 'b'],
  rule: '∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²',
  forward: ([a, b]) => a / b,
  local: ([a, b]) => [1 / b, -a / (b * b)],
  domain: ([a, b]) => (b === 0 ? { code: 'division-by-zero', input: 1, message: `${formatNumber(a)} / 0: division by zero` } : null),
});

export const max = elementwise({
  type: 'max',
  symbol: 'max',
  doc: 'the larger of a and b (a tie counts as a)',
  arity: TWO,
  rule: '∂max(a, b)/∂a = 1 if a ≥ b else 0, and the other way for b',
  pattern: 'the max gate routes: the larger input gets the whole upstream gradient, the other 0 (a tie goes to the first)',
  forward: ([a, b]) => (a >= b ? a : b),
  local: ([a, b]) => (a >= b ? [1, 0] : [0, 1]),
});

export const min = elementwise({
  type: 'min',
  symbol: 'min',
  doc: 'the smaller of a and b (a tie counts as a)',
  arity: TWO,
  rule: '∂min(a, b)/∂a = 1 if a ≤ b else 0, and the other way for b',
  pattern: 'the min gate routes: the smaller input gets the whole upstream gradient, the other 0 (a tie goes to the first)',
  forward: ([a, b]) => (a <= b ? a : b),
  local: ([a, b]) => (a <= b ? [1, 0] : [0, 1]),
});
