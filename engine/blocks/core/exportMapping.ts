/**
 * How a block maps to the export formats: the slots the ONNX and PyTorch exports fill in each block's registry entry
 * (engine/blocks/<family>/<type>.onnx.ts, …). The ONNX slot is the block's export function: it emits the block's
 * ops through the context and says how its output is laid out (engine/export/onnx/mapping.ts); the PyTorch slot
 * (<type>.pytorch.ts) gives the module and forward expression of model.py (engine/export/pytorch/modelPy.ts).
 */
import type { OnnxExport } from '../../export/onnx/mapping';
import type { NodeAnalysis } from '../../shape/types';

/** The block's ONNX op(s), e.g. Conv; engine/export/onnx/exportOnnx.ts calls it once per node. */
export type OnnxMapping = OnnxExport;

/** How an image becomes a vector in an exported model: channels-first (the weights that read it reordered) or channels-last (transposed first). */
export type FlattenOrder = 'channels-first' | 'channels-last';

/**
 * How a block appears in an exported PyTorch model (engine/export/pytorch/): the module its node builds in `__init__`
 * and the expression its output is in `forward`, as engine/blocks/<family>/<type>.pytorch.ts.
 */
export interface PytorchNode {
  /** The node with its resolved attributes (padding as [top, bottom, left, right]) and shapes. */
  readonly node: NodeAnalysis;
  /** Its Python name: the module attribute `self.NAME` and the variable holding its output in `forward`. */
  readonly name: string;
  /** Python expressions of its inputs, in edge order. */
  readonly inputs: readonly string[];
  /** For a node that reads an image as a vector: the order it flattens in (engine/export/layout.ts). */
  readonly flatten: FlattenOrder | undefined;
}

export interface PytorchMapping {
  /** The module expression of `self.NAME = …`; omitted when the node is computed inline (the input). */
  module?(n: PytorchNode): string;
  /** The output expression in `forward`; default `self.NAME(input)`. */
  forward?(n: PytorchNode): string;
  /** PyTorch's name of each wiregrad parameter tensor whose name differs (batchnorm's γ is `weight`). */
  readonly tensorNames?: Readonly<Record<string, string>>;
  /** PyTorch buffers the module has beyond wiregrad's tensors, with their value (batchnorm's batch counter). */
  readonly extraBuffers?: readonly string[];
  /** Helper classes (engine/export/pytorch/helpers.ts) the module uses. */
  readonly helpers?: readonly HelperName[];
}

export type HelperName = 'Maxout' | 'Add' | 'Concat';
