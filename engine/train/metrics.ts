/** Evaluation of a model on a split: mean loss, accuracy and (for classification) a confusion matrix. */
import type { DataSplit } from '../data/types';
import type { TrainingLoss } from './config';
import { BatchBuffers } from './batches';
import type { TrainableModel } from './model-contract';

export interface SplitMetrics {
  readonly count: number;
  readonly loss: number;
  /** Share of correct predictions (binary cross-entropy: of output values on the target's side of 0.5); `null` for mse. */
  readonly accuracy: number | null;
}

/** Whether a run has an accuracy to show: classification, or binary cross-entropy (per-element, e.g. pixel accuracy). */
export function reportsAccuracy(task: 'classification' | 'regression', loss: TrainingLoss): boolean {
  return task === 'classification' || loss === 'binary-cross-entropy';
}

export interface EvaluationResult extends SplitMetrics {
  /** confusion[actual][predicted] sample counts; `null` for regression. */
  readonly confusion: number[][] | null;
}

export interface EvaluationTask {
  readonly task: 'classification' | 'regression';
  /** Classes (classification) or values per target (regression). */
  readonly numClasses: number;
  readonly sampleSize: number;
  readonly loss: TrainingLoss;
  readonly batchSize: number;
}

export function evaluateSplit(model: TrainableModel, split: DataSplit, task: EvaluationTask): EvaluationResult {
  const classification = task.task === 'classification';
  const confusion = classification ? Array.from({ length: task.numClasses }, () => new Array<number>(task.numClasses).fill(0)) : null;
  const buffers = new BatchBuffers(model.dtype, task.batchSize, task.sampleSize, classification ? 0 : task.numClasses);
  const order = Array.from({ length: split.count }, (_, i) => i);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < split.count; start += task.batchSize) {
    const batch = buffers.fill(split, order, start);
    const result = model.evaluate(batch.x, batch.size, batch.targets, task.loss);
    lossSum += result.loss * batch.size;
    correct += result.correct;
    if (confusion) {
      const labels = batch.targets as Int32Array;
      const width = result.output.length / batch.size;
      for (let b = 0; b < batch.size; b++) confusion[labels[b]][argmax(result.output, b * width, width)]++;
    }
  }
  const count = split.count;
  return {
    count,
    loss: count > 0 ? lossSum / count : NaN,
    accuracy: reportsAccuracy(task.task, task.loss) && count > 0 ? correct / count : null,
    confusion,
  };
}

export function argmax(values: ArrayLike<number>, offset: number, length: number): number {
  let best = 0;
  for (let i = 1; i < length; i++) if (values[offset + i] > values[offset + best]) best = i;
  return best;
}
