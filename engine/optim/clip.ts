/**
 * Gradient clipping by global norm (torch.nn.utils.clip_grad_norm_): when ‖g‖₂ over every trainable tensor exceeds
 * `maxNorm`, every gradient is scaled by maxNorm / (‖g‖₂ + 1e-6).
 */
import type { OptimizerKernels } from '../kernels/backend';
import type { ParamTensor } from '../model/params';

/** ‖g‖₂ over every trainable tensor; NaN or Infinity when a gradient is not finite (the trainer checks this). */
export function globalGradientNorm(params: readonly ParamTensor[], kernels?: OptimizerKernels): number {
  let sum = 0;
  for (const p of params) {
    if (!p.trainable || !p.grad) continue;
    const g = p.grad;
    if (kernels) {
      sum += kernels.sumSquares(g, g.length);
      continue;
    }
    for (let i = 0; i < g.length; i++) sum += g[i] * g[i];
  }
  return Math.sqrt(sum);
}

/** Clips in place; returns the norm before clipping. */
export function clipGradientsByGlobalNorm(
  params: readonly ParamTensor[], maxNorm: number, norm = globalGradientNorm(params), kernels?: OptimizerKernels,
): number {
  if (!(norm > maxNorm)) return norm;
  const scale = maxNorm / (norm + 1e-6);
  for (const p of params) {
    if (!p.trainable || !p.grad) continue;
    const g = p.grad;
    if (kernels) {
      kernels.scale(g, g.length, scale);
      continue;
    }
    for (let i = 0; i < g.length; i++) g[i] *= scale;
  }
  return norm;
}
