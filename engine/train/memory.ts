/**
 * Memory a training run will need, estimated from the shape analysis before anything is allocated, so an oversized
 * design is refused with a breakdown instead of crashing the worker:
 *   weights      all parameters × 4 bytes
 *   gradients    trainable parameters × 4 bytes
 *   optimizer    trainable parameters × 4 bytes × slots (Adam 2, momentum 1, SGD 0)
 *   activations  activation bytes per sample × batch × 2 (the forward values and their gradients)
 *   workspace    the kernels' scratch (each conv's im2col matrix and its gradient, bounded by batch chunking; none
 *                when the backend's conv kernels gather receptive fields themselves)
 *   data         the data set's float32 samples, when known
 */
import os from 'node:os';
import type { Backend } from '../kernels/backend';
import { slotsPerParameter } from '../optim/create';
import type { OptimizerKind } from '../optim/types';
import { kernelWorkspaceBytes } from '../model/workspace';
import { formatBytes } from '../shape/format';
import type { GraphAnalysis } from '../shape/types';

export interface MemoryEstimate {
  readonly weights: number;
  readonly gradients: number;
  readonly optimizer: number;
  readonly activations: number;
  readonly workspace: number;
  readonly data: number;
  readonly total: number;
}

export function estimateTrainingMemory(
  analysis: Pick<GraphAnalysis, 'totals' | 'nodes'>,
  config: { readonly batchSize: number; readonly optimizer: OptimizerKind },
  dataBytes = 0,
  backend?: Pick<Backend, 'convGathersFields'>,
): MemoryEstimate {
  const { trainableParams, totalParams, activationBytes } = analysis.totals;
  const weights = totalParams * 4;
  const gradients = trainableParams * 4;
  const optimizer = trainableParams * 4 * slotsPerParameter(config.optimizer);
  const activations = activationBytes * config.batchSize * 2;
  const workspace = kernelWorkspaceBytes(analysis, config.batchSize, 'float32', backend);
  const total = weights + gradients + optimizer + activations + workspace + dataBytes;
  return { weights, gradients, optimizer, activations, workspace, data: dataBytes, total };
}

/** Half the memory the system has free now: the rest is for Node itself, the editor and everything else. */
export function defaultMemoryBudget(): number {
  return Math.floor(os.freemem() * 0.5);
}

/** `null` when the estimate fits, otherwise a message with the breakdown and what to change. */
export function memoryBudgetProblem(estimate: MemoryEstimate, budget: number, batchSize: number): string | null {
  if (estimate.total <= budget) return null;
  const parts = [
    `weights ${formatBytes(estimate.weights)}`,
    `gradients ${formatBytes(estimate.gradients)}`,
    `optimizer state ${formatBytes(estimate.optimizer)}`,
    `activations ${formatBytes(estimate.activations)} (batch ${batchSize})`,
  ];
  if (estimate.workspace > 0) parts.push(`kernel workspace ${formatBytes(estimate.workspace)}`);
  if (estimate.data > 0) parts.push(`data ${formatBytes(estimate.data)}`);
  const smaller = estimate.activations > estimate.total / 2 ? ' Lower the batch size, or' : '';
  return (
    `training would need about ${formatBytes(estimate.total)}, over the budget of ${formatBytes(budget)}: ${parts.join(', ')}.` +
    `${smaller} shrink the network (fewer filters or units, more striding or pooling early).`
  );
}
