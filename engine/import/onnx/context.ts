/**
 * What an op's import sees: its ONNX node, its inputs as wiregrad values or constants, its attributes, the shapes of
 * what has been built so far, and how to add wiregrad nodes. Values carry how the ONNX tensor relates to the wiregrad
 * node's output (engine/export/onnx/mapping.ts explains the same layouts from the export's side).
 */
import type { JsonValue } from '../../graph/types';
import type { Hwc } from '../../export/layout';
import type { onnx } from '../../export/onnx/proto';
import type { Shape } from '../../shape/types';
import type { Constant } from './constants';

/**
 *   image     the ONNX tensor is [N, C, H, W], wiregrad node `id` outputs the same image as [H, W, C]
 *   vector    [N, n], the same features in the same order as wiregrad node `id`
 *   nhwc      [N, H, W, C]: `id`'s image transposed to channels-last (only a flatten may follow)
 *   chw-flat  [N, H·W·C], the channels-first flattening of the image `source`; wiregrad node `id` holds the same values
 *             in channels-last order (an explicit flatten node), or is `source` itself when the only reader is a dense
 *             layer, which flattens implicitly. `pure`: nothing was computed since the flatten (the values are still
 *             the image's)
 */
export type ImportLayout =
  | { readonly kind: 'image' }
  | { readonly kind: 'vector' }
  | { readonly kind: 'nhwc' }
  | { readonly kind: 'chw-flat'; readonly image: Hwc; readonly source: string; readonly pure: boolean };

export interface ImportValue {
  readonly id: string;
  readonly layout: ImportLayout;
}

export interface ImportedParam {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface ImportContext {
  readonly node: onnx.INodeProto;
  /** The default-domain opset the model declares. */
  readonly opset: number;
  /** Runtime input i as a wiregrad value; Unsupported when it is absent or a constant. */
  value(i: number): ImportValue;
  /** Input i when it is a constant (initializer or Constant node), else null. */
  constant(i: number): Constant | null;
  /** A constant by its value name (another node's input), else null. */
  constantNamed(name: string | null | undefined): Constant | null;
  /** Whether input i is given (ONNX leaves optional inputs empty). */
  hasInput(i: number): boolean;
  attrInt(name: string, fallback: number): number;
  attrInts(name: string, fallback: readonly number[]): number[];
  attrFloat(name: string, fallback: number): number;
  attrString(name: string, fallback: string): string;
  /** The wiregrad shape of a node built so far. */
  shapeOf(id: string): Shape;
  /**
   * Adds a wiregrad node reading `inputs` in order, with its parameters (wiregrad layouts, by name); its id comes from
   * `idHint` (a weight's name) or the ONNX node's name, made unique. Returns the id.
   */
  add(type: string, attrs: Readonly<Record<string, JsonValue>>, inputs: readonly string[], params?: Readonly<Record<string, ImportedParam>>, idHint?: string): string;
  /** Sets what ONNX output i (default 0) of this node is. */
  output(value: ImportValue, i?: number): void;
  /** Sets a constant as ONNX output 0 of this node (constant folding). */
  outputConstant(value: Constant): void;
  /** The one node that reads `valueName` (default: this node's output 0), or null when several, none, or a graph output does. */
  soleConsumer(valueName?: string): onnx.INodeProto | null;
  /** Handles a later node as part of this one (a fused pattern), giving its output 0. */
  absorb(node: onnx.INodeProto, value: ImportValue): void;
  /** An explicit flatten node already made from the image of `source`, so a later flatten of the same image reuses it. */
  flattenOf(source: string): string | undefined;
  rememberFlatten(source: string, flattenId: string): void;
}

export type OpImport = (ctx: ImportContext) => void;
