/**
 * Memory the kernels need beyond the activations and their gradients, summed over the nodes from each block's own
 * workspace function (engine/blocks/<family>/<type>.layer.ts; today only conv2d's im2col matrices need any, and none
 * with a backend whose kernels gather the receptive fields themselves). For the training memory estimate.
 */
import { entryFor } from '../blocks/registry';
import type { Backend } from '../kernels/backend';
import type { GraphAnalysis } from '../shape/types';
import type { DType } from '../tensor/types';

export function kernelWorkspaceBytes(
  analysis: Pick<GraphAnalysis, 'nodes'>, batch: number, dtype: DType = 'float32', backend?: Pick<Backend, 'convGathersFields'>,
): number {
  const bytes = dtype === 'float64' ? 8 : 4;
  const kernels = { convGathersFields: backend?.convGathersFields, dtype };
  let values = 0;
  for (const node of analysis.nodes) values += entryFor(node.type)?.layer.workspaceValues(node, batch, kernels) ?? 0;
  return values * bytes;
}
