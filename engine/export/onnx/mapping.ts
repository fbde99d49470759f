/**
 * What one block's ONNX mapping sees and returns. A mapping turns one analysed node into ONNX ops through the context
 * and says how its output is laid out, so the next block knows whether a vector's features are in wiregrad's order.
 */
import type { FloatArray } from '../../tensor/types';
import type { NodeAnalysis, Shape } from '../../shape/types';
import type { Hwc } from '../layout';
import type { AttrValue } from './proto';

/**
 * How a value is laid out in the ONNX graph:
 *   image     [N, C, H, W] (NCHW) for wiregrad's [H, W, C]
 *   vector    [N, n], features in wiregrad's order
 *   chw-flat  [N, H·W·C], the channels-first flattening of `image`: the same numbers as wiregrad's vector in another
 *             order. Dense layers absorb the order into their weights; anything that needs wiregrad's order asks the
 *             context for `vector(…)`, which transposes once.
 */
export type OnnxLayout = { readonly kind: 'image' } | { readonly kind: 'vector' } | { readonly kind: 'chw-flat'; readonly image: Hwc };

export interface OnnxValue {
  readonly name: string;
  /** wiregrad's shape of the value (no batch). */
  readonly shape: Shape;
  readonly layout: OnnxLayout;
}

export interface ParamData {
  readonly shape: readonly number[];
  readonly data: FloatArray;
}

export interface OnnxExportContext {
  /** The analysed node: `attrs` hold resolved values (pairs, padding [top, bottom, left, right]). */
  readonly node: NodeAnalysis;
  readonly inputs: readonly OnnxValue[];
  /** The node's parameter tensor `${node}.${name}` in wiregrad's layout. */
  param(name: string): ParamData;
  hasParam(name: string): boolean;
  /** Adds a float initializer `${node}.${name}`; returns its name. */
  initializer(name: string, dims: readonly number[], data: ArrayLike<number>): string;
  /** Adds an int64 initializer (a shape for Reshape…) `${node}.${name}`; returns its name. */
  int64s(name: string, values: readonly number[]): string;
  /**
   * Emits one op and returns its output's name. Without `part` the op is the node's own: it is named by the node id and
   * so is its output; helper ops pass a `part` and are named `${id}/${part}`.
   */
  op(opType: string, inputs: readonly string[], attrs?: Readonly<Record<string, AttrValue>>, part?: string): string;
  /** The value as a [N, n] matrix in wiregrad's feature order (transposing a chw-flat value once). */
  vector(value: OnnxValue): string;
  /**
   * The value as a [N, n] matrix for a dense-like layer, and the image whose channels-first flattening it is (null when
   * the features are in wiregrad's order): the layer reorders its weight rows instead of transposing the activation.
   */
  rows(value: OnnxValue): { readonly name: string; readonly image: Hwc | null };
}

/** One block type's export. Returns the node's output value (its name is normally the node's id). */
export type OnnxExport = (ctx: OnnxExportContext) => OnnxValue;

export class OnnxExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxExportError';
  }
}
