/**
 * Memory the kernels need beyond the activations and their gradients: each conv layer's im2col matrix and its
 * gradient (engine/layers/conv.ts), bounded by the batch chunking. For the training memory estimate.
 */
import { COL_LIMIT } from '../layers/conv';
import type { GraphAnalysis } from '../shape/types';
import type { DType } from '../tensor/types';

export function kernelWorkspaceBytes(analysis: Pick<GraphAnalysis, 'nodes'>, batch: number, dtype: DType = 'float32'): number {
  const bytes = dtype === 'float64' ? 8 : 4;
  let values = 0;
  for (const node of analysis.nodes) {
    if (node.type !== 'conv2d' || !node.outputShape || node.inputShapes.length !== 1) continue;
    const [outH, outW] = node.outputShape;
    const weight = node.paramTensors.find((p) => p.name === 'weight');
    if (!weight) continue;
    const [kh, kw, inC] = weight.shape;
    const perSample = outH * outW * kh * kw * inC;
    const samples = Math.min(batch, Math.max(1, Math.floor(COL_LIMIT / perSample)));
    values += 2 * samples * perSample; // col + dcol
  }
  return values * bytes;
}
