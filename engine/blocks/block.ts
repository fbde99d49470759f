/**
 * The one interface every block type implements for the shape engine, so the graph analysis never switches on
 * node types: a block declares its attributes and input count, and infers its output from its inputs.
 */
import type { GraphNode } from '../graph/types';
import type { Diagnostic } from '../shape/diagnostics';
import type { Explanation, ParamTensorSpec, Shape } from '../shape/types';
import type { AttrSpecs, AttrsOf } from './attributes';

/** Colour group on the canvas and section in the palette. */
export type BlockFamily = 'input' | 'conv' | 'pool' | 'dense' | 'activation' | 'regularization' | 'normalization' | 'merge' | 'reshape';

/** What a block sees of one of its inputs. */
export interface BlockInput {
  readonly id: string;
  readonly shape: Shape;
  /** Receptive field and jump of the input (null for vectors). */
  readonly receptiveField: readonly [number, number] | null;
  readonly jump: readonly [number, number] | null;
}

export interface InferContext<A> {
  readonly node: GraphNode;
  readonly attrs: A;
  readonly inputs: readonly BlockInput[];
}

/** What a block computes; omitted counts are 0, omitted receptive field passes the (single) input's through. */
export interface BlockResult {
  readonly outputShape: Shape | null;
  readonly params?: number;
  readonly nonTrainableParams?: number;
  readonly macs?: number;
  readonly receptiveField?: readonly [number, number] | null;
  readonly jump?: readonly [number, number] | null;
  readonly paramTensors?: readonly ParamTensorSpec[];
  readonly explanations?: readonly Explanation[];
  readonly diagnostics?: readonly Diagnostic[];
  /** Attributes in the form kernels use (padding resolved to [top, bottom, left, right]); defaults to `attrs`. */
  readonly kernelAttrs?: Readonly<Record<string, unknown>>;
}

export interface BlockDefinition<S extends AttrSpecs = AttrSpecs> {
  readonly type: string;
  readonly family: BlockFamily;
  /** Palette name, e.g. "Conv 2D". */
  readonly title: string;
  /** One sentence for the palette and the schema. */
  readonly doc: string;
  /** How many inputs the block takes (max may be Infinity). */
  readonly inputs: { readonly min: number; readonly max: number };
  readonly attributes: S;
  infer(ctx: InferContext<AttrsOf<S>>): BlockResult;
}

/** Declares a block with its attribute types inferred from its specs (keeps each block file free of casts). */
export function defineBlock<S extends AttrSpecs>(def: BlockDefinition<S>): BlockDefinition {
  return def as unknown as BlockDefinition;
}
