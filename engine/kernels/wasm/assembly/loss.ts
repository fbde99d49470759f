// Softmax cross-entropy from logits (log-sum-exp, f64 like the TypeScript kernel): writes the loss sum (f64) and the
// argmax hits (i32) to `out`, and dlogits = (p − onehot)·scale when dlogits ≠ 0.
export function softmaxCrossEntropy(logits: usize, targets: usize, dlogits: usize, rows: i32, cols: i32, scale: f64, out: usize): void {
  let lossSum: f64 = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const row = logits + (<usize>(r * cols) << 2);
    let mx: f64 = -Infinity;
    let arg = 0;
    for (let c = 0; c < cols; c++) {
      const v = <f64>load<f32>(row + (<usize>c << 2));
      if (v > mx) { mx = v; arg = c; }
    }
    let sum: f64 = 0;
    for (let c = 0; c < cols; c++) sum += Math.exp(<f64>load<f32>(row + (<usize>c << 2)) - mx);
    const t = load<i32>(targets + (<usize>r << 2));
    lossSum += Math.log(sum) - (<f64>load<f32>(row + (<usize>t << 2)) - mx);
    if (arg == t) correct++;
    if (dlogits != 0) {
      const inv = scale / sum;
      const drow = dlogits + (<usize>(r * cols) << 2);
      for (let c = 0; c < cols; c++) {
        store<f32>(drow + (<usize>c << 2), <f32>(Math.exp(<f64>load<f32>(row + (<usize>c << 2)) - mx) * inv));
      }
      const dt = drow + (<usize>t << 2);
      store<f32>(dt, <f32>(<f64>load<f32>(dt) - scale));
    }
  }
  store<f64>(out, lossSum);
  store<i32>(out, correct, 8);
}

// Binary cross-entropy of σ(z) from logits, per element (f64 sums, as engine/kernels/cpu/loss.ts): writes the loss
// sum (f64) and the elements on the target's side of 0.5 (i32) to `out`, and dlogits = (σ(z) − t)·scale when ≠ 0.
export function sigmoidBinaryCrossEntropy(logits: usize, targets: usize, dlogits: usize, n: i32, scale: f64, out: usize): void {
  let lossSum: f64 = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const z = <f64>load<f32>(logits + o), t = <f64>load<f32>(targets + o);
    const e = Math.exp(-Math.abs(z));
    lossSum += Math.max(z, 0) - z * t + Math.log1p(e);
    if ((z > 0) == (t >= 0.5)) correct++;
    if (dlogits != 0) {
      const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      store<f32>(dlogits + o, <f32>((p - t) * scale));
    }
  }
  store<f64>(out, lossSum);
  store<i32>(out, correct, 8);
}

// Σ (y − t)² (f64) to `out`; dy = 2(y − t)·scale when dy ≠ 0.
export function squaredError(y: usize, targets: usize, dy: usize, n: i32, scale: f64, out: usize): void {
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const d = <f64>load<f32>(y + o) - <f64>load<f32>(targets + o);
    sum += d * d;
    if (dy != 0) store<f32>(dy + o, <f32>(2 * d * scale));
  }
  store<f64>(out, sum);
}
