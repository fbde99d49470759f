/**
 * The face every block shows the graph runner (convnetjs style), so the runner never switches on layer types:
 * `forward` maps the inputs' values to the output's, `backward` maps ∂L/∂output to ∂L/∂input for each input —
 * upstream × local, never a Jacobian — and overwrites the gradients of the layer's own parameters on the way.
 */
import type { Backend } from '../kernels/backend';
import type { ParamTensor } from '../model/params';
import type { Rng } from '../random/rng';
import type { NodeAnalysis, Shape } from '../shape/types';
import type { DType, FloatArray } from '../tensor/types';
import { allocate } from '../tensor/types';

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

/** Weight initialisation: He (Kaiming) normal before ReLU-family activations, Glorot (Xavier) uniform otherwise. */
export type InitScheme = 'he' | 'xavier';

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
 * Buffers reused from one batch to the next: `get` returns a view of exactly `length` elements over storage that
 * only grows, so a smaller last batch neither reallocates nor changes any gradient's shape.
 */
export class Workspace {
  private readonly floats = new Map<string, { store: FloatArray; view: FloatArray }>();
  private readonly ints = new Map<string, { store: Int32Array; view: Int32Array }>();

  constructor(private readonly dtype: DType) {}

  get(key: string, length: number): FloatArray {
    let slot = this.floats.get(key);
    if (!slot || slot.store.length < length) {
      const store = allocate(this.dtype, length);
      slot = { store, view: store };
      this.floats.set(key, slot);
    }
    if (slot.view.length !== length) slot.view = slot.store.subarray(0, length);
    return slot.view;
  }

  getInt(key: string, length: number): Int32Array {
    let slot = this.ints.get(key);
    if (!slot || slot.store.length < length) {
      const store = new Int32Array(length);
      slot = { store, view: store };
      this.ints.set(key, slot);
    }
    if (slot.view.length !== length) slot.view = slot.store.subarray(0, length);
    return slot.view;
  }
}

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
