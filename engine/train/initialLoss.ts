/**
 * The first sanity check of a run: the loss with the initial weights against chance. A classifier that knows
 * nothing should say 1/C to every class, and its cross-entropy is then ln C (2.303 for 10 classes). Far above, the
 * logits start large and the network starts confidently wrong: it spends its first updates undoing its own
 * initialisation. The usual cause is the scale the activations reach at the output, and the fix is to start the
 * output layer's weights smaller (`training.outputInitScale`): its bias starts at 0, so its logits are linear in
 * its weights, and the loss the fix gives is computed exactly here from the same logits scaled.
 */
import type { Model } from '../model/model';
import type { TrainingData } from './trainer';

/** Within 10% of ln C is "at chance" (a ReLU network with He init lands within a few %). */
export const CHANCE_TOLERANCE = 0.1;
/** The logit rms the fix aims at: the loss is then within ~0.005 of ln C (ln C + rms²/2 for small logits). */
const TARGET_LOGIT_RMS = 0.1;
/** Samples of the training split the check runs (one forward pass, no gradients). */
const SAMPLES = 256;

export interface InitialLossCheck {
  /** Mean cross-entropy of the initial weights on the first `samples` training samples (inference mode). */
  readonly loss: number;
  readonly samples: number;
  readonly classes: number;
  /** ln C: the loss of the uniform guess. */
  readonly chance: number;
  readonly verdict: 'chance' | 'high' | 'low';
  /** Root mean square of the logits (the input of the final softmax, or the output). */
  readonly logitRms: number;
  /** The node whose output is the logits. */
  readonly logitsNode: string;
  /** One or two sentences: the numbers, the cause when high, and the fix. */
  readonly explanation: string;
  /** Set training.outputInitScale to `outputInitScale`; the initial loss becomes `loss` (computed, not estimated). */
  readonly fix: { readonly outputInitScale: number; readonly loss: number } | null;
}

export interface InitialLossGraph {
  /** The node producing the logits. */
  readonly logitsNode: string;
  /** Whether `logitsNode` is the last node with weights (then scaling its weights scales the logits exactly). */
  readonly logitsAreLastWeights: boolean;
  /** The graph has ReLU-family layers (He init) and max pooling: where the scale comes from, for the explanation. */
  readonly hasRelu: boolean;
  readonly hasMaxPool: boolean;
  /** The training's current outputInitScale. */
  readonly outputInitScale: number;
}

/** Null when the check does not apply (not a classification, or no samples). */
export function checkInitialLoss(model: Model, data: TrainingData, graph: InitialLossGraph): InitialLossCheck | null {
  if (data.task !== 'classification' || data.train.count === 0 || data.numClasses < 2) return null;
  const samples = Math.min(SAMPLES, data.train.count);
  const size = data.train.x.length / data.train.count;
  const targets = (data.train.y as Int32Array).subarray(0, samples);
  const { loss } = model.evaluate(data.train.x.subarray(0, samples * size), samples, targets, 'cross-entropy');
  const logits = model.activation(graph.logitsNode);
  if (!logits) return null;
  const classes = data.numClasses;
  const chance = Math.log(classes);
  let squares = 0;
  for (let i = 0; i < logits.length; i++) squares += logits[i] * logits[i];
  const logitRms = Math.sqrt(squares / logits.length);
  const verdict = loss > chance * (1 + CHANCE_TOLERANCE) ? 'high' : loss < chance * (1 - CHANCE_TOLERANCE) ? 'low' : 'chance';
  const head = `initial loss ${loss.toFixed(3)} on ${samples} training samples; chance is ln(${classes}) = ${chance.toFixed(3)}`;
  if (verdict === 'chance') return { loss, samples, classes, chance, verdict, logitRms, logitsNode: graph.logitsNode, explanation: `${head}: as expected`, fix: null };
  if (verdict === 'low') {
    return {
      loss, samples, classes, chance, verdict, logitRms, logitsNode: graph.logitsNode, fix: null,
      explanation: `${head}: below chance before any training — the first guess happens to favour the common classes`,
    };
  }
  const factor = TARGET_LOGIT_RMS / logitRms;
  const scale = roundDown1(graph.outputInitScale * factor);
  const fix = graph.logitsAreLastWeights && factor < 1 && scale > 0
    ? { outputInitScale: scale, loss: scaledLoss(logits, targets, classes, scale / graph.outputInitScale) }
    : null;
  const why = [
    ...(graph.hasRelu ? ['He init keeps it at every ReLU layer'] : []),
    ...(graph.hasMaxPool ? ['max pooling raises it (a max of several values exceeds their rms)'] : []),
  ];
  const cause =
    `: the logits start with rms ${logitRms.toFixed(2)} where a uniform first guess needs ≈ 0, so the network starts confidently wrong ` +
    `(the activations' scale builds up through the layers${why.length ? `: ${why.join(', ')}` : ''})`;
  const remedy = fix
    ? `; fix: training.outputInitScale ${fix.outputInitScale} scales the initial weights of '${graph.logitsNode}' → initial loss ${fix.loss.toFixed(3)}`
    : `; start '${graph.logitsNode}' smaller (training.outputInitScale) or add batchnorm before it`;
  return { loss, samples, classes, chance, verdict, logitRms, logitsNode: graph.logitsNode, explanation: head + cause + remedy, fix };
}

/** 0.0229 → 0.02, 0.7 → 0.7: one significant digit, rounded down so the logits land at or below the target. */
function roundDown1(x: number): number {
  if (!(x > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(x));
  return Math.min(1, Number((Math.floor(x / p) * p).toPrecision(1)));
}

/** Mean cross-entropy of the logits times `k` (logsumexp with the max subtracted). */
function scaledLoss(logits: ArrayLike<number>, targets: Int32Array, classes: number, k: number): number {
  let sum = 0;
  for (let n = 0; n < targets.length; n++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, k * logits[n * classes + c]);
    let z = 0;
    for (let c = 0; c < classes; c++) z += Math.exp(k * logits[n * classes + c] - max);
    sum += max + Math.log(z) - k * logits[n * classes + targets[n]];
  }
  return sum / targets.length;
}
