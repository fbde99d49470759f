// Row-wise ops over rows × cols matrices, rows [r0, r1) per call (threads split the rows): softmax and layer
// normalisation, the formulas of engine/kernels/cpu/softmax.ts and layerNorm.ts. Sums are accumulated in f64 as the
// TypeScript kernels do (their numbers are doubles), the exponentials in f64 too; the elementwise passes are 4 lanes
// at a time.

@inline function at(base: usize, i: i32): usize {
  return base + (<usize>i << 2);
}

/** y = softmax(x) per row, shifted by the row's max. */
export function softmaxForward(x: usize, y: usize, cols: i32, r0: i32, r1: i32): void {
  for (let r = r0; r < r1; r++) {
    const xr = at(x, r * cols), yr = at(y, r * cols);
    let mx: f32 = -Infinity;
    for (let c = 0; c < cols; c++) mx = max(mx, load<f32>(at(xr, c)));
    let sum: f64 = 0;
    for (let c = 0; c < cols; c++) {
      const e = <f32>Math.exp(<f64>load<f32>(at(xr, c)) - <f64>mx);
      store<f32>(at(yr, c), e);
      sum += <f64>e;
    }
    const inv = f32x4.splat(<f32>(1 / sum));
    let c = 0;
    for (; c + 4 <= cols; c += 4) v128.store(at(yr, c), f32x4.mul(v128.load(at(yr, c)), inv));
    const s = <f32>(1 / sum);
    for (; c < cols; c++) store<f32>(at(yr, c), load<f32>(at(yr, c)) * s);
  }
}

/** dx = y ⊙ (dy − ⟨dy, y⟩) per row. */
export function softmaxBackward(y: usize, dy: usize, dx: usize, cols: i32, r0: i32, r1: i32): void {
  for (let r = r0; r < r1; r++) {
    const yr = at(y, r * cols), gr = at(dy, r * cols), dr = at(dx, r * cols);
    let dot: f64 = 0;
    for (let c = 0; c < cols; c++) dot += <f64>load<f32>(at(gr, c)) * <f64>load<f32>(at(yr, c));
    const d = f32x4.splat(<f32>dot);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      v128.store(at(dr, c), f32x4.mul(v128.load(at(yr, c)), f32x4.sub(v128.load(at(gr, c)), d)));
    }
    for (; c < cols; c++) store<f32>(at(dr, c), load<f32>(at(yr, c)) * (load<f32>(at(gr, c)) - <f32>dot));
  }
}

/** xhat = (x − μ)/√(σ² + ε) per row (biased σ²), y = γ·xhat + β; invStd[r] = 1/√(σ² + ε). */
export function layerNormForward(
  x: usize, gamma: usize, beta: usize, y: usize, xhat: usize, invStd: usize, cols: i32, epsilon: f64, r0: i32, r1: i32,
): void {
  for (let r = r0; r < r1; r++) {
    const xr = at(x, r * cols), yr = at(y, r * cols), hr = at(xhat, r * cols);
    let mean: f64 = 0;
    for (let c = 0; c < cols; c++) mean += <f64>load<f32>(at(xr, c));
    mean /= <f64>cols;
    let variance: f64 = 0;
    for (let c = 0; c < cols; c++) {
      const d = <f64>load<f32>(at(xr, c)) - mean;
      variance += d * d;
    }
    const inv = 1 / Math.sqrt(variance / <f64>cols + epsilon);
    store<f32>(at(invStd, r), <f32>inv);
    const m4 = f32x4.splat(<f32>mean), i4 = f32x4.splat(<f32>inv);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const h = f32x4.mul(f32x4.sub(v128.load(at(xr, c)), m4), i4);
      v128.store(at(hr, c), h);
      v128.store(at(yr, c), f32x4.add(f32x4.mul(v128.load(at(gamma, c)), h), v128.load(at(beta, c))));
    }
    for (; c < cols; c++) {
      const h = <f32>((<f64>load<f32>(at(xr, c)) - mean) * inv);
      store<f32>(at(hr, c), h);
      store<f32>(at(yr, c), load<f32>(at(gamma, c)) * h + load<f32>(at(beta, c)));
    }
  }
}

/**
 * Rows [r0, r1) of the layer norm backward: dx for those rows, and dγ = Σ dy·xhat, dβ = Σ dy over those rows only,
 * written (not added) to dgamma/dbeta: a thread other than the first writes into its own partial, added up after.
 */
export function layerNormBackward(
  dy: usize, xhat: usize, gamma: usize, invStd: usize, dx: usize, dgamma: usize, dbeta: usize, cols: i32, r0: i32, r1: i32,
): void {
  memory.fill(dgamma, 0, <usize>cols << 2);
  memory.fill(dbeta, 0, <usize>cols << 2);
  for (let r = r0; r < r1; r++) {
    const gr = at(dy, r * cols), hr = at(xhat, r * cols), dr = at(dx, r * cols);
    let sum: f64 = 0, dot: f64 = 0;
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const g = v128.load(at(gr, c)), h = v128.load(at(hr, c));
      v128.store(at(dbeta, c), f32x4.add(v128.load(at(dbeta, c)), g));
      v128.store(at(dgamma, c), f32x4.add(v128.load(at(dgamma, c)), f32x4.mul(g, h)));
    }
    for (; c < cols; c++) {
      const g = load<f32>(at(gr, c)), h = load<f32>(at(hr, c));
      store<f32>(at(dbeta, c), load<f32>(at(dbeta, c)) + g);
      store<f32>(at(dgamma, c), load<f32>(at(dgamma, c)) + g * h);
    }
    for (c = 0; c < cols; c++) {
      const d = <f64>load<f32>(at(gr, c)) * <f64>load<f32>(at(gamma, c));
      sum += d;
      dot += d * <f64>load<f32>(at(hr, c));
    }
    const k = <f64>load<f32>(at(invStd, r)) / <f64>cols;
    const n = <f64>cols;
    for (c = 0; c < cols; c++) {
      const v = k * (n * <f64>load<f32>(at(gr, c)) * <f64>load<f32>(at(gamma, c)) - sum - <f64>load<f32>(at(hr, c)) * dot);
      store<f32>(at(dr, c), <f32>v);
    }
  }
}
