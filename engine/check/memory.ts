/**
 * Memory a gradient check needs, known from the shape analysis before anything is allocated: the training estimate
 * (weights, gradients, activations and their gradients, kernel scratch) for the check's small batch, doubled for
 * float64. A design with a 65,536×65,536 input is refused with this figure instead of failing to allocate.
 */
import type { GraphAnalysis } from '../shape/types';
import type { DType } from '../tensor/types';
import { estimateTrainingMemory } from '../train/memory';

export function gradCheckMemoryBytes(analysis: Pick<GraphAnalysis, 'totals' | 'nodes'>, batch: number, dtype: DType = 'float64'): number {
  const float32 = estimateTrainingMemory(analysis, { batchSize: batch, optimizer: 'sgd' }).total;
  return dtype === 'float64' ? float32 * 2 : float32;
}
