/**
 * What the trainer needs from a model: the subset of `Model` (engine/model/model.ts) it calls. Kept as a Pick so the
 * training loop can be tested with small hand-written models, and so any model that has these members trains.
 */
import type { Model, StepResult } from '../model/model';

export type StepOutcome = StepResult;

export type TrainableModel = Pick<Model, 'dtype' | 'inputShape' | 'outputShape' | 'params' | 'forward' | 'trainStep' | 'evaluate' | 'firstNonFinite'>;
