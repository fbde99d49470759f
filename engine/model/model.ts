/**
 * The trainable model of a graph: what the trainer, the gradient check and the CLI call. `buildModel` turns a
 * graph and its analysis into layers (engine/layers) run by the graph runner (engine/model/runner.ts).
 */
import type { Graph } from '../graph/types';
import type { Backend } from '../kernels/backend';
import type { LossKind } from '../loss/loss';
import type { GraphAnalysis, Shape } from '../shape/types';
import type { DType, FloatArray } from '../tensor/types';
import type { ParamTensor } from './params';
import { GraphRunner } from './runner';

export type { LossKind } from '../loss/loss';

export interface ModelOptions {
  /** Default 'float32'; gradient checks use 'float64'. */
  dtype?: DType;
  /** Seeds the initial weights and the dropout masks; default 0. Same seed ⇒ same weights and loss curve. */
  seed?: number;
  /** The kernels (default: the TypeScript reference backend); training asks engine/kernels/select.ts. */
  backend?: Backend;
  /** Leave the weights at zero: the caller sets them all (an export's float64 twin of trained weights). */
  skipWeightInit?: boolean;
  /**
   * Multiplies the initial weights of the last node with weights (the layer producing the logits); default 1.
   * The graph's `training.outputInitScale`: every builder of a fresh model from a graph passes it.
   */
  outputInitScale?: number;
}

export { ModelBuildError } from './errors';

export interface StepResult {
  loss: number;
  /** Classification: argmax hits in the batch; mse: 0; binary cross-entropy: elements right / elements per sample. */
  correct: number;
  /** The output node's values for the batch (a copy). */
  output: FloatArray;
}

/**
 * Filled by a trainStep given one (the trainer passes it on the few steps it samples for gradient flow): for every
 * node whose output gradient the backward computed, node id → Σ (∂L/∂output)² over the batch, taken when all of the
 * node's consumers have added their share. A final softmax (sigmoid) fused with its loss has no entry: its ∂L/∂p is
 * never formed; the node before it gets the gradient of the logits.
 */
export type OutputGradientSquares = Map<string, number>;

export interface Model {
  readonly dtype: DType;
  /** The input node's shape. */
  readonly inputShape: Shape;
  /** The output node's shape (the graph's single sink). */
  readonly outputShape: Shape;
  readonly outputId: string;
  /** Every trainable and non-trainable tensor, in topological node order. */
  readonly params: readonly ParamTensor[];
  /** Runs a batch (x: batch × size(inputShape), NHWC); returns the output node's values (batch × size(outputShape)). */
  forward(x: FloatArray, batch: number, mode: 'train' | 'eval'): FloatArray;
  /**
   * forward(train) + loss (mean over the batch) + backward; overwrites every trainable grad. Targets: class indices
   * (Int32Array) for cross-entropy, batch × size(outputShape) values for mse and binary cross-entropy (in [0, 1]).
   */
  trainStep(x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: LossKind, outputGradients?: OutputGradientSquares): StepResult;
  /** Loss + correct count without touching grads (evaluation). */
  evaluate(x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: LossKind): StepResult;
  /** A node's output from the last forward (for activation maps), or null. */
  activation(nodeId: string): FloatArray | null;
  /**
   * The first node (in topological order) whose output, or (in reverse order) whose input gradient, was non-finite
   * in the last forward/backward; null when all finite. It scans on demand: call it when the loss is non-finite.
   */
  firstNonFinite(): { node: string; where: 'output' | 'gradient' } | null;
}

/** Throws ModelBuildError (message names the node) when the analysis has errors or a node cannot be built. */
export function buildModel(graph: Graph, analysis: GraphAnalysis, options: ModelOptions = {}): Model {
  return new GraphRunner(graph, analysis, options);
}
