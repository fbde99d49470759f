/** The elementwise gates of one input. Each line pair is f(x) and its local gradient f'(x) (y = f(x) where cheaper). */
import { formatNumber } from '../format';
import { unary } from './elementwise';

export const neg = unary({
  type: 'neg',
  symbol: '−x',
  doc: '−x',
  rule: '∂(−x)/∂x = −1',
  pattern: 'the neg gate flips the sign of the gradient',
  forward: (x) => -x,
  local: () => -1,
});

export const inv = unary({
  type: 'inv',
  symbol: '1/x',
  doc: '1/x',
  rule: '∂(1/x)/∂x = −1/x²',
  forward: (x) => 1 / x,
  local: (x) => -1 / (x * x),
  domain: (x) => (x === 0 ? { code: 'division-by-zero', message: '1/0: division by zero' } : null),
});

export const exp = unary({
  type: 'exp',
  symbol: 'exp',
  doc: 'eˣ',
  rule: '∂eˣ/∂x = eˣ (its own output)',
  forward: (x) => Math.exp(x),
  local: (_x, y) => y,
});

export const log = unary({
  type: 'log',
  symbol: 'log',
  doc: 'ln x (natural logarithm; x > 0)',
  rule: '∂ln x/∂x = 1/x',
  forward: (x) => Math.log(x),
  local: (x) => 1 / x,
  domain: (x) =>
    x < 0
      ? { code: 'log-domain', message: `log of a negative number (${formatNumber(x)}) is undefined; log needs x > 0` }
      : x === 0
        ? { code: 'log-domain', message: 'log of 0 is −∞ (and its gradient 1/x infinite); log needs x > 0' }
        : null,
});

export const square = unary({
  type: 'square',
  symbol: 'x²',
  doc: 'x²',
  rule: '∂x²/∂x = 2x',
  forward: (x) => x * x,
  local: (x) => 2 * x,
});

export const sqrt = unary({
  type: 'sqrt',
  symbol: '√',
  doc: '√x (x ≥ 0; the gradient needs x > 0)',
  rule: '∂√x/∂x = 1/(2√x)',
  forward: (x) => Math.sqrt(x),
  local: (_x, y) => 1 / (2 * y),
  domain: (x) =>
    x < 0
      ? { code: 'sqrt-domain', message: `sqrt of a negative number (${formatNumber(x)}) is undefined; sqrt needs x ≥ 0` }
      : x === 0
        ? { code: 'sqrt-domain', message: 'sqrt at 0 has an infinite gradient 1/(2√x); backprop needs x > 0' }
        : null,
});

export const sigmoid = unary({
  type: 'sigmoid',
  symbol: 'σ',
  doc: 'σ(x) = 1/(1 + e⁻ˣ)',
  rule: '∂σ(x)/∂x = (1 − σ(x))·σ(x)',
  pattern: 'a gate can be any function whose local gradient you know: σ replaces −x, exp, +1 and 1/x with one local gradient (1 − σ)σ',
  // e⁻ˣ overflows to ∞ for x < −709, where 1/(1 + ∞) = 0 is the right limit.
  forward: (x) => 1 / (1 + Math.exp(-x)),
  local: (_x, y) => (1 - y) * y,
});

export const tanh = unary({
  type: 'tanh',
  symbol: 'tanh',
  doc: 'tanh x',
  rule: '∂tanh x/∂x = 1 − tanh²x',
  forward: (x) => Math.tanh(x),
  local: (_x, y) => 1 - y * y,
});

export const relu = unary({
  type: 'relu',
  symbol: 'relu',
  doc: 'max(0, x)',
  rule: '∂max(0, x)/∂x = 1 if x > 0 else 0',
  pattern: 'the relu gate routes: the gradient passes where x > 0 and stops where x ≤ 0',
  forward: (x) => (x > 0 ? x : 0),
  local: (x) => (x > 0 ? 1 : 0),
});
