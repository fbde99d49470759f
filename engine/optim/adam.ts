/**
 * Adam (Kingma & Ba 2015) with bias correction, as torch.optim.Adam computes it (L2 decay added to the gradient,
 * not decoupled as in AdamW):
 *   g ← ∇ + λ·θ
 *   m ← β₁·m + (1 − β₁)·g          v ← β₂·v + (1 − β₂)·g²
 *   θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 */
import type { Backend, OptimizerKernels } from '../kernels/backend';
import type { ParamTensor } from '../model/params';
import { SlotStore } from './slots';
import type { Optimizer, OptimizerState } from './types';

export interface AdamOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  readonly weightDecay?: number;
  /** Runs the updates with this backend's kernels (and keeps m and v in its memory), when it has them. */
  readonly backend?: Backend;
}

export class Adam implements Optimizer {
  readonly kind = 'adam' as const;
  readonly slotNames = ['m', 'v'] as const;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  private readonly slots: SlotStore;
  readonly kernels?: OptimizerKernels;
  private steps = 0;

  constructor(options: AdamOptions = {}) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.slots = new SlotStore(this.slotNames, options.backend?.memory);
    this.kernels = options.backend?.optimizer;
  }

  get stepCount(): number {
    return this.steps;
  }

  step(params: readonly ParamTensor[], lr: number): void {
    const t = this.steps + 1;
    const { beta1, beta2, epsilon } = this;
    const stepSize = lr / (1 - beta1 ** t);
    const sqrtCorrection2 = Math.sqrt(1 - beta2 ** t);
    for (const p of params) {
      if (!p.trainable || !p.grad) continue;
      const theta = p.value;
      const grad = p.grad;
      const decay = p.decay ? this.weightDecay : 0;
      const { m, v } = this.slots.get(p);
      if (this.kernels) {
        this.kernels.adam(theta, grad, m, v, theta.length, stepSize, sqrtCorrection2, beta1, beta2, epsilon, decay);
        continue;
      }
      for (let i = 0; i < theta.length; i++) {
        const g = grad[i] + decay * theta[i];
        const mi = beta1 * m[i] + (1 - beta1) * g;
        const vi = beta2 * v[i] + (1 - beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        theta[i] -= (stepSize * mi) / (Math.sqrt(vi) / sqrtCorrection2 + epsilon);
      }
    }
    this.steps = t;
  }

  state(): OptimizerState {
    return { kind: this.kind, step: this.steps, slots: this.slots.copy() };
  }

  load(state: OptimizerState, params: readonly ParamTensor[]): void {
    if (state.kind !== this.kind) throw new Error(`optimizer state is for '${state.kind}', not 'adam'`);
    this.slots.load(state.slots, params);
    this.steps = state.step;
  }
}
