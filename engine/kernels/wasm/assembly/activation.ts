// Sigmoid, tanh, ELU and leaky ReLU over a range [i0, i1) of a flat array, the formulas of
// engine/kernels/cpu/activation.ts. The forwards that need an exponential call AssemblyScript's float32 musl ports
// (Mathf.exp/expm1/tanh: within an ulp or two) one lane at a time; the rest is 4 lanes at a time. NaN behaves as in
// the TypeScript kernels (it propagates forward; leaky ReLU's backward gives 0 at a NaN input, as x > 0 and x ≤ 0
// are both false there).

export function sigmoidForward(x: usize, y: usize, i0: i32, i1: i32): void {
  for (let i = i0; i < i1; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, 1 / (1 + Mathf.exp(-load<f32>(x + o))));
  }
}

export function tanhForward(x: usize, y: usize, i0: i32, i1: i32): void {
  for (let i = i0; i < i1; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, Mathf.tanh(load<f32>(x + o)));
  }
}

/** y = x for x > 0, α(eˣ − 1) otherwise. */
export function eluForward(x: usize, y: usize, alpha: f32, i0: i32, i1: i32): void {
  for (let i = i0; i < i1; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(y + o, v > 0 ? v : alpha * Mathf.expm1(v));
  }
}

/** y = x for x > 0, αx otherwise. */
export function leakyReluForward(x: usize, y: usize, alpha: f32, i0: i32, i1: i32): void {
  const a = f32x4.splat(alpha), zero = f32x4.splat(0);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    v128.store(y + o, v128.bitselect(v, f32x4.mul(v, a), f32x4.gt(v, zero)));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(y + o, v > 0 ? v : v * alpha);
  }
}

/** dx = dy·s(1 − s) from the forward's output s. */
export function sigmoidBackward(y: usize, dy: usize, dx: usize, i0: i32, i1: i32): void {
  const one = f32x4.splat(1);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const s = v128.load(y + o);
    v128.store(dx + o, f32x4.mul(f32x4.mul(v128.load(dy + o), s), f32x4.sub(one, s)));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const s = load<f32>(y + o);
    store<f32>(dx + o, load<f32>(dy + o) * s * (1 - s));
  }
}

/** dx = dy·(1 − t²) from the forward's output t. */
export function tanhBackward(y: usize, dy: usize, dx: usize, i0: i32, i1: i32): void {
  const one = f32x4.splat(1);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const t = v128.load(y + o);
    v128.store(dx + o, f32x4.mul(v128.load(dy + o), f32x4.sub(one, f32x4.mul(t, t))));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const t = load<f32>(y + o);
    store<f32>(dx + o, load<f32>(dy + o) * (1 - t * t));
  }
}

/** dx = dy for x > 0, dy·(y + α) otherwise (α·eˣ = y + α). */
export function eluBackward(x: usize, y: usize, dy: usize, dx: usize, alpha: f32, i0: i32, i1: i32): void {
  const a = f32x4.splat(alpha), zero = f32x4.splat(0);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const g = v128.load(dy + o);
    const neg = f32x4.mul(g, f32x4.add(v128.load(y + o), a));
    v128.store(dx + o, v128.bitselect(g, neg, f32x4.gt(v128.load(x + o), zero)));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const g = load<f32>(dy + o);
    store<f32>(dx + o, load<f32>(x + o) > 0 ? g : g * (load<f32>(y + o) + alpha));
  }
}

/** dx = dy·([x > 0] + α·[x ≤ 0]). */
export function leakyReluBackward(x: usize, dy: usize, dx: usize, alpha: f32, i0: i32, i1: i32): void {
  const a = f32x4.splat(alpha), zero = f32x4.splat(0);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o), g = v128.load(dy + o);
    const pos = v128.and(g, f32x4.gt(v, zero));
    const neg = v128.and(f32x4.mul(g, a), f32x4.le(v, zero));
    v128.store(dx + o, v128.or(pos, neg));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o), g = load<f32>(dy + o);
    store<f32>(dx + o, v > 0 ? g : v <= 0 ? g * alpha : 0);
  }
}
