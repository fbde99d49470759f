/**
 * The training losses, as the mean over the batch:
 *   cross-entropy         L = (1/B) Σ_b −log softmax(z_b)[t_b]   from logits z (stable: log-sum-exp), ∂L/∂z = (p − onehot)/B
 *   mse                   L = (1/(B·K)) Σ (y − t)²                (PyTorch's MSELoss 'mean'), ∂L/∂y = 2(y − t)/(B·K)
 *   binary-cross-entropy  L = (1/(B·K)) Σ −t·log σ(z) − (1 − t)·log(1 − σ(z))  from logits z, per element (a pixel of
 *                         a mask, an independent label): PyTorch's BCEWithLogitsLoss 'mean', ∂L/∂z = (σ(z) − t)/(B·K)
 * `correct` counts argmax hits for classification and is 0 for regression; for binary cross-entropy it is the
 * number of samples' worth of elements on the right side of 0.5 (right elements / K), so correct / B is the
 * per-element (pixel) accuracy.
 */
import type { Backend } from '../kernels/backend';
import type { FloatArray } from '../tensor/types';

export type LossKind = 'cross-entropy' | 'mse' | 'binary-cross-entropy';

export interface LossValue {
  readonly loss: number;
  readonly correct: number;
}

/** Targets that do not fit the batch or the output (a caller's bug or a data set that does not match the graph). */
export class TargetError extends Error {}

export function crossEntropyLoss(
  backend: Backend, logits: FloatArray, targets: Int32Array | FloatArray, dlogits: FloatArray | null, batch: number, classes: number,
): LossValue {
  if (!(targets instanceof Int32Array)) throw new TargetError('cross-entropy needs class indices (an Int32Array) as targets');
  if (targets.length < batch) throw new TargetError(`cross-entropy: ${targets.length} targets for a batch of ${batch}`);
  for (let b = 0; b < batch; b++) {
    const t = targets[b];
    if (t < 0 || t >= classes) {
      throw new TargetError(`cross-entropy: target ${t} of sample ${b} is not a class of the ${classes}-way output (0..${classes - 1})`);
    }
  }
  const { lossSum, correct } = backend.softmaxCrossEntropy(logits, targets, dlogits, batch, classes, 1 / batch);
  return { loss: lossSum / batch, correct };
}

export function meanSquaredErrorLoss(
  backend: Backend, y: FloatArray, targets: Int32Array | FloatArray, dy: FloatArray | null, batch: number, size: number,
): LossValue {
  if (targets instanceof Int32Array) throw new TargetError('mse needs float targets (a Float32Array or Float64Array)');
  const n = batch * size;
  if (targets.length < n) throw new TargetError(`mse: ${targets.length} target values for ${batch} samples of ${size} outputs`);
  const sum = backend.squaredError(y, targets, dy, n, 1 / n);
  return { loss: sum / n, correct: 0 };
}

export function binaryCrossEntropyLoss(
  backend: Backend, logits: FloatArray, targets: Int32Array | FloatArray, dlogits: FloatArray | null, batch: number, size: number,
): LossValue {
  if (targets instanceof Int32Array) throw new TargetError('binary-cross-entropy needs float targets in [0, 1] (a Float32Array or Float64Array)');
  const n = batch * size;
  if (targets.length < n) throw new TargetError(`binary-cross-entropy: ${targets.length} target values for ${batch} samples of ${size} outputs`);
  for (let i = 0; i < n; i++) {
    const t = targets[i];
    if (!(t >= 0 && t <= 1)) {
      throw new TargetError(`binary-cross-entropy: target ${t} (value ${i % size} of sample ${Math.floor(i / size)}) is not a probability in [0, 1]`);
    }
  }
  const { lossSum, correct } = backend.sigmoidBinaryCrossEntropy(logits, targets, dlogits, n, 1 / n);
  return { loss: lossSum / n, correct: correct / size };
}
