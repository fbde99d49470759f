/**
 * Loss kernels. Softmax cross-entropy works from logits with log-sum-exp (−log p_t = log Σ e^{z − max} − (z_t − max)),
 * so it stays finite where softmax underflows, and its gradient is the famous p − onehot(t): the softmax Jacobian
 * and the log's derivative cancel, so neither is formed.
 */
import type { FloatArray } from '../../tensor/types';
import type { ClassificationLoss } from '../backend';

export function softmaxCrossEntropy(
  logits: FloatArray, targets: Int32Array, dlogits: FloatArray | null, rows: number, cols: number, scale: number,
): ClassificationLoss {
  let lossSum = 0;
  let correct = 0;
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let max = -Infinity;
    let argmax = 0;
    for (let c = 0; c < cols; c++) {
      if (logits[base + c] > max) {
        max = logits[base + c];
        argmax = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += Math.exp(logits[base + c] - max);
    const t = targets[r];
    lossSum += Math.log(sum) - (logits[base + t] - max);
    if (argmax === t) correct++;
    if (dlogits) {
      const inv = scale / sum;
      for (let c = 0; c < cols; c++) dlogits[base + c] = Math.exp(logits[base + c] - max) * inv;
      dlogits[base + t] -= scale;
    }
  }
  return { lossSum, correct };
}

/** Σ (y − t)²; dy = 2(y − t)·scale. */
export function squaredError(y: FloatArray, targets: FloatArray, dy: FloatArray | null, n: number, scale: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i] - targets[i];
    sum += d * d;
    if (dy) dy[i] = 2 * d * scale;
  }
  return sum;
}
