/**
 * What the shape engine computes for every node. Shapes are `[H, W, C]` for images (the lecture's "32×32×3")
 * and `[N]` for vectors; a batch dimension is never part of a shape here.
 */
import type { Graph } from '../graph/types';
import type { Expansion } from '../modules/expand';
import type { Diagnostic } from './diagnostics';

export type Shape = readonly number[];

/** An image shape: height, width, channels. */
export type ImageShape = readonly [number, number, number];

export function isImageShape(shape: Shape): shape is ImageShape {
  return shape.length === 3;
}

/** One number the engine computed, with the rule behind it and the rule with the numbers substituted. */
export interface Explanation {
  /** What the number is: "output height", "params", "MACs", "receptive field"… */
  readonly quantity: string;
  /** The rule in symbols, e.g. "(W − F + 2P)/S + 1". */
  readonly formula: string;
  /** The rule with this node's numbers, e.g. "(32 + 2·2 − 5)/1 + 1 = 32". */
  readonly substituted: string;
}

/**
 * A parameter tensor of a node, with its layout spelled out, so training, checkpoints and export agree on it.
 * Layouts: conv kernel [F_h, F_w, C_in, K] (HWIO), dense weight [n_in, n_out], vectors [n].
 */
export interface ParamTensorSpec {
  /** Name within the node: "weight", "bias", "gamma", "beta", "running_mean", "running_var". */
  readonly name: string;
  readonly shape: readonly number[];
  readonly trainable: boolean;
}

/** The result of shape inference for one node. */
export interface NodeAnalysis {
  readonly id: string;
  readonly type: string;
  readonly inputShapes: readonly Shape[];
  /**
   * The node's attributes after validation, with defaults applied and forms normalised, ready for kernels:
   * `kernel`, `stride`, `dilation` → [h, w]; `padding` → [top, bottom, left, right] (after resolving "same"/"valid");
   * numbers and booleans as themselves. Empty when the attributes have errors.
   */
  readonly attrs: Readonly<Record<string, unknown>>;
  /** `null` when the shape cannot be computed (an error upstream or on this node). */
  readonly outputShape: Shape | null;
  readonly params: number;
  readonly nonTrainableParams: number;
  /** Multiply-accumulates per sample (conv and dense families only, as in torchvision's tables). */
  readonly macs: number;
  /** Bytes of this node's output activation per sample (float32). */
  readonly activationBytes: number;
  /** Receptive field [r_h, r_w] in input pixels, for image-shaped outputs; `null` for vectors. */
  readonly receptiveField: readonly [number, number] | null;
  /** Effective stride [j_h, j_w] (input pixels between neighbouring outputs), for image-shaped outputs. */
  readonly jump: readonly [number, number] | null;
  readonly paramTensors: readonly ParamTensorSpec[];
  readonly explanations: readonly Explanation[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface GraphTotals {
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  readonly totalParams: number;
  readonly totalMacs: number;
  readonly activationBytes: number;
}

export interface GraphAnalysis {
  /** In topological order (inputs first); nodes on a cycle or unknown to the order come last, in file order. */
  readonly nodes: readonly NodeAnalysis[];
  readonly byId: ReadonlyMap<string, NodeAnalysis>;
  /** Every diagnostic: the graph's own (cycles, inputs…) and every node's. */
  readonly diagnostics: readonly Diagnostic[];
  readonly totals: GraphTotals;
  /** Node ids in topological order (only nodes reachable in a DAG). */
  readonly order: readonly string[];
  /** The graph's input node id, when there is exactly one. */
  readonly inputId: string | null;
  /** Nodes no other node reads from (the graph's outputs). */
  readonly outputIds: readonly string[];
  readonly hasErrors: boolean;
  /** Present when the graph uses modules: the flat graph analysed, and where each of its nodes came from. */
  readonly expansion?: Expansion;
}

/** The flat graph an analysis describes (the file's graph, expanded when it uses modules): what models, checks and exports are built from. */
export function analyzedGraph(graph: Graph, analysis: GraphAnalysis): Graph {
  return analysis.expansion?.graph ?? graph;
}
