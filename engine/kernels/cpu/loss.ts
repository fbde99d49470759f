/**
 * Loss kernels. Softmax cross-entropy works from logits with log-sum-exp (−log p_t = log Σ e^{z − max} − (z_t − max)),
 * so it stays finite where softmax underflows, and its gradient is the famous p − onehot(t): the softmax Jacobian
 * and the log's derivative cancel, so neither is formed.
 */
import type { FloatArray } from '../../tensor/types';
import type { ClassificationLoss } from '../backend';

/**
 * Binary cross-entropy of p = σ(z) from the logit z, per element: −t·log p − (1 − t)·log(1 − p)
 *   = max(z, 0) − z·t + log(1 + e^(−|z|))   (log σ(z) = −log(1 + e^(−z)); the form never takes e of a positive number)
 * and its gradient σ(z) − t: as with softmax, the sigmoid's derivative σ(1 − σ) cancels the log's 1/(σ(1 − σ)),
 * so fusing the two is both cheaper and exact where σ saturates. Targets may be soft (any value in [0, 1]).
 */
export function sigmoidBinaryCrossEntropy(
  logits: FloatArray, targets: FloatArray, dlogits: FloatArray | null, n: number, scale: number,
): ClassificationLoss {
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const z = logits[i];
    const t = targets[i];
    const e = Math.exp(-Math.abs(z));
    lossSum += Math.max(z, 0) - z * t + Math.log1p(e);
    if (z > 0 === t >= 0.5) correct++;
    if (dlogits) {
      const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      dlogits[i] = (p - t) * scale;
    }
  }
  return { lossSum, correct };
}

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
