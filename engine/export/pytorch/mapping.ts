/**
 * How one block type appears in an exported PyTorch model: the module its node builds in `__init__` and the
 * expression its output is in `forward`. One small mapping per block type (engine/export/pytorch/blocks/), looked
 * up by type, so the generator never switches on block types.
 */
import type { NodeAnalysis } from '../../shape/types';
import type { FlattenOrder } from './tensorLayout';

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
