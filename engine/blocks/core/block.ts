/**
 * The spec every block type declares (engine/blocks/<family>/<type>.spec.ts): the pure half of a block, what the
 * shape engine, the schema and the webview read, so none of them switches on node types. A block declares its
 * attributes and input count, infers its output from its inputs, and says how its card is labelled. Nothing
 * numeric beyond integer arithmetic lives here: the layer (<type>.layer.ts) computes the numbers.
 */
import type { GraphNode } from '../../graph/types';
import type { Diagnostic } from '../../shape/diagnostics';
import type { Explanation, ParamTensorSpec, Shape } from '../../shape/types';
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

/**
 * A node's resolved attributes as the analysis keeps them (NodeAnalysis.attrs: the kernel form, e.g. padding
 * resolved to [top, bottom, left, right]); what a card label reads, so it checks every value it uses.
 */
export type ResolvedAttrs = Readonly<Record<string, unknown>>;

export interface BlockDefinition<S extends AttrSpecs = AttrSpecs, T extends string = string> {
  readonly type: T;
  readonly family: BlockFamily;
  /** Palette name, e.g. "Conv 2D". */
  readonly title: string;
  /** One sentence for the palette and the schema. */
  readonly doc: string;
  /** How many inputs the block takes (max may be Infinity). */
  readonly inputs: { readonly min: number; readonly max: number };
  readonly attributes: S;
  infer(ctx: InferContext<AttrsOf<S>>): BlockResult;
  /**
   * The key attributes on the node's card in the lecture's shorthand ("5×5 /1 pad 2 ×10"), from the resolved
   * attributes; '' when there is nothing to say (relu).
   */
  cardLabel(attrs: ResolvedAttrs): string;
  /**
   * A ReLU-family nonlinearity: the weights feeding it (and its own, for maxout) get He initialisation instead of
   * Glorot (engine/blocks/core/init.ts).
   */
  readonly heInit?: boolean;
}

/** A declared block: its type is the literal type name, so the registry can be checked against the spec list. */
export type BlockSpec<T extends string = string> = BlockDefinition<AttrSpecs, T>;

/** Declares a block with its attribute types inferred from its specs (keeps each block file free of casts). */
export function defineBlock<S extends AttrSpecs, T extends string>(def: BlockDefinition<S, T>): BlockSpec<T> {
  return def as unknown as BlockSpec<T>;
}
