// GELU (exact, x·Φ(x)), SiLU and ReLU6 over a range [i0, i1) of a flat array, the formulas of
// engine/kernels/cpu/activation.ts. The TypeScript GELU evaluates erf to double accuracy by series and continued
// fraction; here Φ comes from erfc by the Chebyshev-fitted form of Numerical Recipes' erfcc (relative error below
// 1.2e-7 everywhere, both tails included), evaluated in f64: one exponential per element instead of ~40 terms.

const SQRT1_2: f64 = 0.7071067811865476;
const INV_SQRT_2PI: f64 = 0.3989422804014327;

/** erfc(z), relative error < 1.2e-7 (Numerical Recipes, 2nd ed., §6.2). */
@inline function erfc(z: f64): f64 {
  const a = Math.abs(z);
  const t = 1 / (1 + 0.5 * a);
  const r = t * Math.exp(-a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? r : 2 - r;
}

/** Φ(v) = ½·erfc(−v/√2). */
@inline function normalCdf(v: f64): f64 {
  return 0.5 * erfc(-v * SQRT1_2);
}

export function geluForward(x: usize, y: usize, i0: i32, i1: i32): void {
  for (let i = i0; i < i1; i++) {
    const o = <usize>i << 2;
    const v = <f64>load<f32>(x + o);
    store<f32>(y + o, <f32>(v * normalCdf(v)));
  }
}

/** dx = dy·(Φ(x) + x·φ(x)). */
export function geluBackward(x: usize, dy: usize, dx: usize, i0: i32, i1: i32): void {
  for (let i = i0; i < i1; i++) {
    const o = <usize>i << 2;
    const v = <f64>load<f32>(x + o);
    const d = normalCdf(v) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v);
    store<f32>(dx + o, <f32>(<f64>load<f32>(dy + o) * d));
  }
}

/** σ(v) without overflow: e^(−v) only for v ≥ 0, e^v for v < 0. */
@inline function sigmoid(v: f32): f32 {
  if (v >= 0) return 1 / (1 + Mathf.exp(-v));
  const e = Mathf.exp(v);
  return e / (1 + e);
}

export function siluForward(x: usize, y: usize, i0: i32, i1: i32): void {
  for (let i = i0; i < i1; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(y + o, v * sigmoid(v));
  }
}

/** dx = dy·σ(x)·(1 + x·(1 − σ(x))). */
export function siluBackward(x: usize, dy: usize, dx: usize, i0: i32, i1: i32): void {
  for (let i = i0; i < i1; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    const s = sigmoid(v);
    store<f32>(dx + o, load<f32>(dy + o) * s * (1 + v * (1 - s)));
  }
}

/** y = min(max(x, 0), 6); NaN stays NaN as in the TypeScript kernel (v < 0 and v > 6 both false). */
export function relu6Forward(x: usize, y: usize, i0: i32, i1: i32): void {
  const zero = f32x4.splat(0), six = f32x4.splat(6);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    const lowered = v128.bitselect(zero, v, f32x4.lt(v, zero));
    v128.store(y + o, v128.bitselect(six, lowered, f32x4.gt(v, six)));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(y + o, v < 0 ? 0 : v > 6 ? 6 : v);
  }
}

/** dx = dy where 0 < x < 6, else 0. */
export function relu6Backward(x: usize, dy: usize, dx: usize, i0: i32, i1: i32): void {
  const zero = f32x4.splat(0), six = f32x4.splat(6);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    const inside = v128.and(f32x4.gt(v, zero), f32x4.lt(v, six));
    v128.store(dx + o, v128.and(v128.load(dy + o), inside));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(dx + o, v > 0 && v < 6 ? load<f32>(dy + o) : 0);
  }
}
