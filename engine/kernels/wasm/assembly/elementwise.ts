// Elementwise kernels over flat f32 arrays (byte addresses), 4 lanes at a time with a scalar tail. Each takes a range
// [i0, i1) of elements (or rows) so the thread pool can split it.

/** y[r, c] += bias[c] for rows [r0, r1). */
export function addBias(y: usize, bias: usize, r0: i32, r1: i32, cols: i32): void {
  for (let r = r0; r < r1; r++) {
    const row = y + (<usize>(r * cols) << 2);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const off = <usize>c << 2;
      v128.store(row + off, f32x4.add(v128.load(row + off), v128.load(bias + off)));
    }
    for (; c < cols; c++) {
      const off = <usize>c << 2;
      store<f32>(row + off, load<f32>(row + off) + load<f32>(bias + off));
    }
  }
}

/** out[c] (+)= Σ_r x[r, c] over rows [0, rows), for columns [c0, c1). */
export function sumRows(x: usize, out: usize, rows: i32, cols: i32, c0: i32, c1: i32, accumulate: bool): void {
  let c = c0;
  for (; c + 4 <= c1; c += 4) {
    let s = f32x4.splat(0);
    let p = x + (<usize>c << 2);
    const step = <usize>cols << 2;
    for (let r = 0; r < rows; r++, p += step) s = f32x4.add(s, v128.load(p));
    const o = out + (<usize>c << 2);
    v128.store(o, accumulate ? f32x4.add(v128.load(o), s) : s);
  }
  for (; c < c1; c++) {
    let s: f32 = 0;
    let p = x + (<usize>c << 2);
    const step = <usize>cols << 2;
    for (let r = 0; r < rows; r++, p += step) s += load<f32>(p);
    const o = out + (<usize>c << 2);
    store<f32>(o, accumulate ? load<f32>(o) + s : s);
  }
}

/** y = max(x, 0); a NaN stays NaN (as ½(v + |v|) in the TypeScript kernel), so a diverging run is still caught. */
export function reluForward(x: usize, y: usize, i0: i32, i1: i32): void {
  const zero = f32x4.splat(0);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const off = <usize>i << 2;
    v128.store(y + off, f32x4.max(v128.load(x + off), zero));
  }
  for (; i < i1; i++) {
    const off = <usize>i << 2;
    const v = load<f32>(x + off);
    store<f32>(y + off, v > 0 || v != v ? v : 0);
  }
}

/** dx = dy · [x > 0]. */
export function reluBackward(x: usize, dy: usize, dx: usize, i0: i32, i1: i32): void {
  const zero = f32x4.splat(0);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const off = <usize>i << 2;
    v128.store(dx + off, v128.and(v128.load(dy + off), f32x4.gt(v128.load(x + off), zero)));
  }
  for (; i < i1; i++) {
    const off = <usize>i << 2;
    store<f32>(dx + off, load<f32>(x + off) > 0 ? load<f32>(dy + off) : 0);
  }
}

/** out = a ⊙ b. */
export function multiply(a: usize, b: usize, out: usize, i0: i32, i1: i32): void {
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const off = <usize>i << 2;
    v128.store(out + off, f32x4.mul(v128.load(a + off), v128.load(b + off)));
  }
  for (; i < i1; i++) {
    const off = <usize>i << 2;
    store<f32>(out + off, load<f32>(a + off) * load<f32>(b + off));
  }
}

/** acc += x. */
export function addInto(acc: usize, x: usize, i0: i32, i1: i32): void {
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const off = <usize>i << 2;
    v128.store(acc + off, f32x4.add(v128.load(acc + off), v128.load(x + off)));
  }
  for (; i < i1; i++) {
    const off = <usize>i << 2;
    store<f32>(acc + off, load<f32>(acc + off) + load<f32>(x + off));
  }
}

/**
 * Σ x² in f64 (the global gradient norm), as the TypeScript loop computes it: squares of f32 values past ~1.8e19
 * overflow f32, and a norm that overflowed where the gradients are finite would stop training for nothing.
 */
export function sumSquares(x: usize, n: i32): f64 {
  let lo = f64x2.splat(0), hi = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    const a = f64x2.promote_low_f32x4(v);
    const b = f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 2, 3));
    lo = f64x2.add(lo, f64x2.mul(a, a));
    hi = f64x2.add(hi, f64x2.mul(b, b));
  }
  const both = f64x2.add(lo, hi);
  let total = f64x2.extract_lane(both, 0) + f64x2.extract_lane(both, 1);
  for (; i < n; i++) {
    const v = <f64>load<f32>(x + (<usize>i << 2));
    total += v * v;
  }
  return total;
}

/** x *= s. */
export function scale(x: usize, n: i32, s: f32): void {
  const sv = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    v128.store(x + off, f32x4.mul(v128.load(x + off), sv));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    store<f32>(x + off, load<f32>(x + off) * s);
  }
}
