/**
 * The training loop, used in-process by tests and inside the worker: seeded mini-batches reshuffled every epoch,
 * one optimizer update per batch, validation after every epoch, a final test evaluation with a confusion matrix.
 * Between steps it honours cancel and pause (TrainingControl). A non-finite loss or gradient stops the run before the
 * update is applied, so the model keeps the last good weights, and the message names the first node that went bad.
 *
 * Reproducibility: epoch e's order comes from an Rng seeded by (seed, e) and the augmentation of update s from
 * (seed, s), so a resumed run replays the same batches (dropout masks come from the model's own generator).
 */
import type { DataSplit } from '../data/types';
import { clipGradientsByGlobalNorm, globalGradientNorm } from '../optim/clip';
import { learningRateAt } from '../optim/schedule';
import type { Optimizer } from '../optim/types';
import { Rng } from '../random/rng';
import type { Shape } from '../shape/types';
import type { FloatArray } from '../tensor/types';
import { BatchBuffers } from './batches';
import { GradientFlowMeter, samplingInterval, type GradientFlowEpoch } from './gradientFlow';
import type { TrainingConfig, TrainingLoss } from './config';
import { TrainingControl } from './control';
import { evaluateSplit, reportsAccuracy, type EvaluationResult, type SplitMetrics } from './metrics';
import type { TrainableModel } from './model-contract';

/** The data as the loop consumes it: normalised, with the validation split already carved out. */
export interface TrainingData {
  readonly task: 'classification' | 'regression';
  /** Classes (classification) or values per target (regression). */
  readonly numClasses: number;
  readonly inputShape: Shape;
  readonly train: DataSplit;
  readonly validation: DataSplit | null;
  readonly test: DataSplit;
}

/** Where a run is: the next update to make. */
export interface TrainingPosition {
  readonly epoch: number;
  readonly stepInEpoch: number;
  readonly globalStep: number;
}

export interface ProgressEvent {
  readonly epoch: number;
  readonly epochs: number;
  /** Updates done in this epoch. */
  readonly step: number;
  readonly stepsPerEpoch: number;
  readonly globalStep: number;
  readonly totalSteps: number;
  /** Running mean of the loss over this epoch so far. */
  readonly loss: number;
  /** Running accuracy over this epoch so far (`null` for regression). */
  readonly accuracy: number | null;
  readonly learningRate: number;
  readonly samplesPerSecond: number;
  /** Estimated seconds to the end of training (not counting evaluations). */
  readonly etaSeconds: number;
}

export interface EpochMetrics {
  readonly epoch: number;
  readonly train: SplitMetrics;
  readonly validation: SplitMetrics | null;
  readonly learningRate: number;
  readonly seconds: number;
  readonly samplesPerSecond: number;
}

export interface NonFiniteReport {
  readonly step: number;
  readonly node: string | null;
  readonly where: 'output' | 'gradient' | 'loss';
}

export type TrainingOutcome =
  | { readonly status: 'finished'; readonly history: readonly EpochMetrics[]; readonly position: TrainingPosition; readonly test: EvaluationResult }
  | { readonly status: 'cancelled'; readonly history: readonly EpochMetrics[]; readonly position: TrainingPosition }
  | {
      readonly status: 'failed';
      readonly history: readonly EpochMetrics[];
      readonly position: TrainingPosition;
      readonly message: string;
      readonly nonFinite: NonFiniteReport;
    };

export interface TrainerOptions {
  readonly model: TrainableModel;
  readonly data: TrainingData;
  /** The resolved configuration; `loss` must be decided (from the data set's task) by now. */
  readonly config: TrainingConfig & { readonly loss: TrainingLoss };
  readonly optimizer: Optimizer;
  /** Resume from here (default: the beginning). */
  readonly start?: TrainingPosition;
  /** Epochs finished before `start`, so the returned history is complete. */
  readonly history?: readonly EpochMetrics[];
  readonly control?: TrainingControl;
  /** Per-batch augmentation, applied in place to the batch's inputs (random flips and crops). */
  readonly augment?: (x: FloatArray, batch: number, rng: Rng) => void;
  /** Minimum milliseconds between progress events. */
  readonly progressIntervalMs?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Awaited after every epoch with the position to resume from (the place to save a checkpoint). */
  readonly onEpochEnd?: (metrics: EpochMetrics, next: TrainingPosition) => void | Promise<void>;
  /**
   * Measure gradient flow (engine/train/gradientFlow.ts) over the graph's nodes, in topological order; `onEpoch`
   * gets each epoch's averages just before `onEpochEnd`. `every`: sample every n-th update (default ~20 per epoch).
   */
  readonly gradientFlow?: { readonly nodes: readonly string[]; readonly every?: number; readonly onEpoch: (flow: GradientFlowEpoch) => void };
  readonly onPaused?: (at: TrainingPosition) => void;
  readonly onResumed?: () => void;
}

export async function train(options: TrainerOptions): Promise<TrainingOutcome> {
  const { model, data, config, optimizer } = options;
  const control = options.control ?? new TrainingControl();
  const classification = data.task === 'classification';
  const withAccuracy = reportsAccuracy(data.task, config.loss);
  const sampleSize = data.train.x.length / Math.max(1, data.train.count);
  const batchSize = Math.min(config.batchSize, Math.max(1, data.train.count));
  const buffers = new BatchBuffers(model.dtype, batchSize, sampleSize, classification ? 0 : data.numClasses);
  const stepsPerEpoch = Math.ceil(data.train.count / batchSize);
  const totalSteps = stepsPerEpoch * config.epochs;
  const history = [...(options.history ?? [])];
  const frozen = model.params.filter((p) => !p.trainable);
  const frozenSnapshot = frozen.map((p) => p.value.slice());
  const interval = options.progressIntervalMs ?? 250;
  const evaluationTask = { task: data.task, numClasses: data.numClasses, sampleSize, loss: config.loss, batchSize };
  let position: TrainingPosition = options.start ?? { epoch: 0, stepInEpoch: 0, globalStep: 0 };
  const flow = options.gradientFlow;
  const meter = flow ? new GradientFlowMeter(flow.nodes, model.params, flow.every ?? samplingInterval(stepsPerEpoch), optimizer.kernels) : null;
  let lastProgress = -Infinity;
  // Throughput over the whole run so far, excluding pauses and evaluations, for samples/s and the ETA.
  let activeMs = 0;
  let activeSamples = 0;

  for (let epoch = position.epoch; epoch < config.epochs; epoch++) {
    const order = epochOrder(data.train.count, config.seed, epoch);
    const epochStartMs = performance.now();
    let epochActiveMs = 0;
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    let learningRate = config.learningRate;
    for (let step = epoch === position.epoch ? position.stepInEpoch : 0; step < stepsPerEpoch; step++) {
      if (!(await control.checkpoint(() => options.onPaused?.(position), options.onResumed))) {
        return { status: 'cancelled', history, position };
      }
      const t0 = performance.now();
      const batch = buffers.fill(data.train, order, step * batchSize);
      options.augment?.(batch.x, batch.size, stepRng(config.seed, position.globalStep));
      for (let i = 0; i < frozen.length; i++) frozenSnapshot[i].set(frozen[i].value);
      const sampled = meter?.isSampled(position.globalStep) ? meter : null;
      const result = model.trainStep(batch.x, batch.size, batch.targets, config.loss, sampled?.outputSquares);
      const norm = globalGradientNorm(model.params, optimizer.kernels);
      if (!Number.isFinite(result.loss) || !Number.isFinite(norm)) {
        // Running statistics were updated by the bad forward pass: put them back with the weights untouched.
        for (let i = 0; i < frozen.length; i++) frozen[i].value.set(frozenSnapshot[i]);
        return { status: 'failed', history, position, ...nonFiniteFailure(model, result.loss, position, epoch, step) };
      }
      sampled?.beforeUpdate();
      if (config.clipNorm !== null) clipGradientsByGlobalNorm(model.params, config.clipNorm, norm, optimizer.kernels);
      learningRate = learningRateAt(config.learningRate, config.schedule, { step: position.globalStep, epoch, totalSteps });
      optimizer.step(model.params, learningRate);
      sampled?.afterUpdate();
      position = next(position, stepsPerEpoch);
      lossSum += result.loss * batch.size;
      correct += result.correct;
      seen += batch.size;
      const elapsed = performance.now() - t0;
      epochActiveMs += elapsed;
      activeMs += elapsed;
      activeSamples += batch.size;
      const now = performance.now();
      if (options.onProgress && (now - lastProgress >= interval || step === stepsPerEpoch - 1)) {
        lastProgress = now;
        const rate = activeSamples / Math.max(activeMs / 1000, 1e-9);
        const remainingSamples = (totalSteps - position.globalStep) * batchSize;
        options.onProgress({
          epoch,
          epochs: config.epochs,
          step: step + 1,
          stepsPerEpoch,
          globalStep: position.globalStep,
          totalSteps,
          loss: lossSum / seen,
          accuracy: withAccuracy ? correct / seen : null,
          learningRate,
          samplesPerSecond: rate,
          etaSeconds: remainingSamples / rate,
        });
      }
    }
    const validation = data.validation && data.validation.count > 0 ? evaluateSplit(model, data.validation, evaluationTask) : null;
    const metrics: EpochMetrics = {
      epoch,
      train: { count: seen, loss: seen > 0 ? lossSum / seen : NaN, accuracy: withAccuracy && seen > 0 ? correct / seen : null },
      validation: validation && { count: validation.count, loss: validation.loss, accuracy: validation.accuracy },
      learningRate,
      seconds: (performance.now() - epochStartMs) / 1000,
      samplesPerSecond: seen / Math.max(epochActiveMs / 1000, 1e-9),
    };
    history.push(metrics);
    const flowOfEpoch = meter?.endEpoch(epoch);
    if (flowOfEpoch) flow!.onEpoch(flowOfEpoch);
    await options.onEpochEnd?.(metrics, position);
  }
  const test = evaluateSplit(model, data.test, evaluationTask);
  return { status: 'finished', history, position, test };
}

function next(at: TrainingPosition, stepsPerEpoch: number): TrainingPosition {
  const stepInEpoch = at.stepInEpoch + 1;
  return stepInEpoch === stepsPerEpoch
    ? { epoch: at.epoch + 1, stepInEpoch: 0, globalStep: at.globalStep + 1 }
    : { epoch: at.epoch, stepInEpoch, globalStep: at.globalStep + 1 };
}

/** The sample order of one epoch: a permutation that depends only on the seed and the epoch number. */
export function epochOrder(count: number, seed: number, epoch: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  new Rng(mix(seed, epoch, 0x5eed)).shuffle(order);
  return order;
}

function stepRng(seed: number, globalStep: number): Rng {
  return new Rng(mix(seed, globalStep, 0xa7a7));
}

function mix(seed: number, n: number, salt: number): number {
  return (Math.imul(seed ^ salt, 0x9e3779b1) + Math.imul(n + 1, 0x85ebca6b)) >>> 0;
}

function nonFiniteFailure(
  model: TrainableModel,
  loss: number,
  at: TrainingPosition,
  epoch: number,
  step: number,
): { message: string; nonFinite: NonFiniteReport } {
  const first = model.firstNonFinite();
  const stepNumber = at.globalStep + 1;
  const where = `at update ${stepNumber} (epoch ${epoch + 1}, batch ${step + 1})`;
  const lossText = Number.isFinite(loss) ? `the loss was ${loss} but a gradient was not finite` : `the loss became ${loss}`;
  const culprit = first
    ? `; the first non-finite value is in the ${first.where} of node '${first.node}'`
    : '';
  const advice = ' (the weights are those before this update; try a lower learning rate, clipNorm, or batchnorm)';
  return {
    message: `training stopped ${where}: ${lossText}${culprit}${advice}`,
    nonFinite: { step: stepNumber, node: first?.node ?? null, where: first?.where ?? 'loss' },
  };
}
