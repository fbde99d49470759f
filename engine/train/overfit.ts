/**
 * "Can it overfit a tiny subset?": the second classic sanity check. A network and recipe that work must be able to
 * memorise a few dozen training samples; when the loss does not reach ~0 on them, something is broken (a learning
 * rate that is too small, dead ReLUs, a layer that cuts the signal, targets that do not fit the output) and training
 * on the whole set would only hide it.
 *
 * The run: the first `samples` training samples (the loaders deliver them shuffled, so every class shows), as one
 * batch, the file's optimizer and learning rate held constant (no schedule or warm-up, no weight decay, no
 * augmentation: nothing that fights memorising), up to `steps` updates. It passes when, in inference mode, the mean
 * loss on the subset is at most OVERFIT_LOSS and every sample is classified right.
 */
import type { Model } from '../model/model';
import type { Optimizer } from '../optim/types';
import { BatchBuffers } from './batches';
import type { TrainingLoss } from './config';
import type { TrainingControl } from './control';
import type { TrainingData } from './trainer';

/** e^−0.05 ≈ 0.95: on average the true class gets ≥ 95% of the probability (cross-entropy). */
export const OVERFIT_LOSS = 0.05;
export const DEFAULT_OVERFIT = { samples: 32, steps: 300 } as const;

export interface OverfitRequest {
  readonly samples: number;
  readonly steps: number;
}

export interface OverfitResult {
  readonly samples: number;
  /** Updates made (fewer than maxSteps when it passed early). */
  readonly steps: number;
  readonly maxSteps: number;
  readonly threshold: number;
  readonly learningRate: number;
  readonly optimizer: string;
  /** The training loss of each update (the curve). */
  readonly losses: readonly number[];
  /** Inference-mode loss on the subset with the initial weights and at the end. */
  readonly initialLoss: number;
  readonly finalLoss: number;
  /** Share of the subset classified right at the end; null for regression. */
  readonly accuracy: number | null;
  readonly passed: boolean;
  /** One line: the verdict with its numbers, and what to look at when it failed. */
  readonly explanation: string;
}

export interface OverfitOptions {
  readonly model: Model;
  readonly optimizer: Optimizer;
  readonly data: TrainingData;
  readonly loss: TrainingLoss;
  readonly learningRate: number;
  readonly optimizerName: string;
  readonly request: OverfitRequest;
  readonly control: TrainingControl;
  /** After every update: its 1-based number and the batch's loss. */
  readonly onStep?: (step: number, loss: number) => void;
}

/** Null when cancelled. */
export async function overfitSubset(o: OverfitOptions): Promise<OverfitResult | null> {
  const { model, data, loss } = o;
  const samples = Math.min(o.request.samples, data.train.count);
  const sampleSize = data.train.x.length / Math.max(1, data.train.count);
  const classification = data.task === 'classification';
  const buffers = new BatchBuffers(model.dtype, samples, sampleSize, classification ? 0 : data.numClasses);
  const order = Uint32Array.from({ length: samples }, (_, i) => i);
  const batch = buffers.fill(data.train, order, 0);
  // The batch's buffers are reused by nothing else: the same samples every update.
  const measure = () => {
    const r = model.evaluate(batch.x, samples, batch.targets, loss);
    return { loss: r.loss, accuracy: classification ? r.correct / samples : loss === 'binary-cross-entropy' ? r.correct / samples : null };
  };
  const initial = measure();
  const losses: number[] = [];
  let end = initial;
  let passed = false;
  for (let step = 1; step <= o.request.steps; step++) {
    if (!(await o.control.checkpoint(() => undefined))) return null;
    const r = model.trainStep(batch.x, samples, batch.targets, loss);
    if (!Number.isFinite(r.loss)) {
      losses.push(r.loss);
      end = { loss: r.loss, accuracy: null };
      break;
    }
    o.optimizer.step(model.params, o.learningRate);
    losses.push(r.loss);
    o.onStep?.(step, r.loss);
    // Checked in inference mode (dropout off) when the training loss says it may be there.
    if (r.loss <= OVERFIT_LOSS || step === o.request.steps || step % 25 === 0) {
      end = measure();
      passed = end.loss <= OVERFIT_LOSS && (end.accuracy === null || end.accuracy === 1);
      if (passed) break;
    }
  }
  const steps = losses.length;
  const result = { samples, steps, maxSteps: o.request.steps, threshold: OVERFIT_LOSS, learningRate: o.learningRate, optimizer: o.optimizerName };
  return {
    ...result,
    losses,
    initialLoss: initial.loss,
    finalLoss: end.loss,
    accuracy: end.accuracy,
    passed,
    explanation: explain(passed, initial.loss, end.loss, end.accuracy, steps, samples, o),
  };
}

function explain(passed: boolean, initial: number, final: number, accuracy: number | null, steps: number, samples: number, o: OverfitOptions): string {
  const acc = accuracy === null ? '' : `, ${Math.round(accuracy * samples)}/${samples} right`;
  const numbers = `loss ${initial.toFixed(4)} → ${Number.isFinite(final) ? final.toFixed(4) : String(final)} in ${steps} update${steps === 1 ? '' : 's'}${acc}`;
  if (passed) return `passed: it memorises ${samples} samples (${numbers}; threshold ${OVERFIT_LOSS})`;
  const head = `FAILED: it cannot memorise ${samples} samples (${numbers}; the loss must reach ≤ ${OVERFIT_LOSS} with every sample right)`;
  if (!Number.isFinite(final)) return `${head}: the loss became non-finite — lower the learning rate (${o.learningRate}) or add clipNorm`;
  if (final > 0.9 * initial) {
    return `${head}: the loss barely moved — the learning rate (${o.optimizerName}, ${o.learningRate}) may be far too small, or no gradient reaches the weights (dead ReLUs, a constant output, vanishing gradients)`;
  }
  return `${head}: it learns, but not enough — try a larger learning rate or more capacity, and look for a layer that loses information (a tiny layer, dropout, pooling too early)`;
}
