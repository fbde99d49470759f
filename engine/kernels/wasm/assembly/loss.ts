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
