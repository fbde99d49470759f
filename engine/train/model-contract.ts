/**
 * What the trainer needs from a model: the subset of `Model` (engine/model/model.ts) it calls. Declared here so the
 * training loop can be tested with small hand-written models, and so any model that has these members trains.
 */
import type { ParamTensor } from '../model/params';
import type { Shape } from '../shape/types';
import type { DType, FloatArray } from '../tensor/types';
import type { TrainingLoss } from './config';

export interface StepOutcome {
  /** Mean loss over the batch. */
  readonly loss: number;
  /** Correctly classified samples in the batch (0 for regression). */
  readonly correct: number;
  /** The network's output for the batch, batch × size(outputShape). */
  readonly output: FloatArray;
}

export interface TrainableModel {
  readonly dtype: DType;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly params: readonly ParamTensor[];
  forward(x: FloatArray, batch: number, mode: 'train' | 'eval'): FloatArray;
  /** Forward in train mode and backward; overwrites every gradient. */
  trainStep(x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: TrainingLoss): StepOutcome;
  evaluate(x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: TrainingLoss): StepOutcome;
  /** The first node, in topological order, whose output or gradient holds a NaN or an infinity after the last step. */
  firstNonFinite(): { node: string; where: 'output' | 'gradient' } | null;
}
