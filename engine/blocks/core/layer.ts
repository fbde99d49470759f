/**
 * The numeric half of a block (engine/blocks/<family>/<type>.layer.ts). A Layer is the face every block shows the
 * graph runner (convnetjs style), so the runner never switches on layer types: `forward` maps the inputs' values
 * to the output's, `backward` maps ∂L/∂output to ∂L/∂input for each input — upstream × local, never a Jacobian —
 * and overwrites the gradients of the layer's own parameters on the way. A BlockLayer is what a block registers:
 * how to build its layer, the kernel scratch memory it needs, and the tiny case its gradient check runs on.
 */
import type { JsonValue } from '../../graph/types';
import type { Backend } from '../../kernels/backend';
import type { ParamTensor } from '../../model/params';
import type { Rng } from '../../random/rng';
import type { NodeAnalysis, Shape } from '../../shape/types';
import type { DType, FloatArray } from '../../tensor/types';

export type Mode = 'train' | 'eval';

export interface Layer {
  readonly id: string;
  readonly type: string;
  readonly outputShape: Shape;
  /** The layer's tensors (trainable and not), in the order the analysis lists them. */
  readonly params: readonly ParamTensor[];
  /**
   * Computes the output for `batch` samples (each input batch × size(inputShape), NHWC). The returned buffer
   * belongs to the layer and stays valid until its next forward.
   */
  forward(inputs: readonly FloatArray[], batch: number, mode: Mode): FloatArray;
  /**
   * From ∂L/∂output (batch × size(outputShape)) of the last forward, overwrites the parameters' gradients and
   * returns ∂L/∂input for each input, or null for inputs that need no gradient (see LayerContext.inputNeedsGrad).
   */
  backward(dOutput: FloatArray): readonly (FloatArray | null)[];
  /** Restarts the layer's random stream (dropout), so a gradient check sees the same mask on every forward. */
  reseed?(seed: number): void;
}

/**
 * Weight initialisation: He (Kaiming) normal before ReLU-family activations, Glorot (Xavier) uniform otherwise;
 * 'none' leaves zeros for a caller that sets every weight itself.
 */
export type InitScheme = 'he' | 'xavier' | 'none';

/** What a workspace estimate needs to know of the kernels that will run: the backend's traits and the model's dtype. */
export interface KernelTraits extends Pick<Backend, 'convGathersFields'> {
  readonly dtype?: DType;
}

/** Everything a layer factory gets: the node's analysis and the model's numeric choices. */
export interface LayerContext {
  readonly node: NodeAnalysis;
  readonly dtype: DType;
  readonly backend: Backend;
  /** Seeded stream for this layer's initial weights. */
  readonly initRng: Rng;
  /** Seeded stream for this layer's noise (dropout masks). */
  readonly noiseRng: Rng;
  readonly init: InitScheme;
  /** Per input: whether the runner wants its gradient (false for the graph's input, whose gradient nobody reads). */
  readonly inputNeedsGrad: readonly boolean[];
  /** Largest im2col matrix (values) a conv layer may allocate; it processes the batch in chunks below it. */
  readonly colLimit?: number;
}

/** A node whose layer cannot be built (a missing attribute or parameter tensor). */
export class LayerBuildError extends Error {}

/**
 * The graph a block's gradient check runs on (test/blocks/completeness.test.ts runs it for every registered block):
 * the graph input of shape `input`, then — for blocks with several inputs — one projection per input (a 1×1 conv
 * with as many filters as the input has channels, or a dense layer as wide as the vector), then the block with
 * `attrs`. A block without inputs (the graph input itself) is followed by a dense layer so there is something to
 * train. Keep it tiny: the check runs two losses per checked element.
 */
export interface GradCheckCase {
  readonly input: Shape;
  readonly attrs?: Readonly<Record<string, JsonValue>>;
  /** Inputs the block receives (default 1). */
  readonly inputs?: number;
}

/** Everything about a block's numbers that the runner, the memory estimate and the gradient check need. */
export interface BlockLayer {
  create(ctx: LayerContext): Layer;
  /**
   * Scratch values (elements of the model's dtype) the layer's kernels need for a batch, beyond its output, its
   * gradients and its parameters (those the memory estimate counts from the analysis), with the kernels described
   * by `kernels` (absent: the TypeScript kernels on float32). Most layers need none.
   */
  workspaceValues(node: NodeAnalysis, batch: number, kernels?: KernelTraits): number;
  readonly gradCheck: GradCheckCase;
}

/** For layers whose kernels need no scratch beyond their own output and gradient buffers. */
export const noWorkspace = (): number => 0;

/** Reads a resolved attribute the layer cannot work without. */
export function attr<T>(node: NodeAnalysis, name: string, check: (v: unknown) => v is T): T {
  const v = node.attrs[name];
  if (!check(v)) throw new LayerBuildError(`node '${node.id}' (${node.type}): attribute '${name}' is missing or invalid (${JSON.stringify(v)})`);
  return v;
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isPair = (v: unknown): v is readonly [number, number] =>
  Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x));
export const isPads = (v: unknown): v is readonly [number, number, number, number] =>
  Array.isArray(v) && v.length === 4 && v.every((x) => Number.isInteger(x));

/** The node's single input shape and its output shape, both required to build. */
export function shapesOf(node: NodeAnalysis): { input: Shape; output: Shape } {
  if (!node.outputShape || node.inputShapes.length === 0) {
    throw new LayerBuildError(`node '${node.id}' (${node.type}): its shape could not be computed`);
  }
  return { input: node.inputShapes[0], output: node.outputShape };
}

/**
 * A layer that moves no number: its output is its (single) input and the gradient passes straight through
 * (the graph's input, flatten).
 */
export function passThrough(ctx: LayerContext): Layer {
  const { node } = ctx;
  if (!node.outputShape) throw new LayerBuildError(`node '${node.id}' (${node.type}): its shape could not be computed`);
  return {
    id: node.id,
    type: node.type,
    outputShape: node.outputShape,
    params: [],
    forward: (inputs: readonly FloatArray[], _batch: number, _mode: Mode) => inputs[0],
    backward: (dy: FloatArray) => ctx.inputNeedsGrad.map((need) => (need ? dy : null)),
  };
}
