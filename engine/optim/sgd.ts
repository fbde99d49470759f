/**
 * Stochastic gradient descent, with optional (Nesterov) momentum, in PyTorch's formulation (torch.optim.SGD with
 * dampening 0):
 *   g ← ∇ + λ·θ                       (L2 weight decay, tensors with decay: true)
 *   b ← μ·b + g                       (momentum buffer; b₀ = 0, so the first step gives b = g)
 *   g ← g + μ·b  (Nesterov)  or  g ← b  (classical momentum)
 *   θ ← θ − η·g
 */
import type { Backend, OptimizerKernels } from '../kernels/backend';
import type { ParamTensor } from '../model/params';
import { SlotStore } from './slots';
import type { Optimizer, OptimizerKind, OptimizerState } from './types';

export interface SgdOptions {
  /** μ; 0 gives plain SGD. */
  readonly momentum?: number;
  readonly nesterov?: boolean;
  /** λ, the L2 coefficient. */
  readonly weightDecay?: number;
  /** Runs the updates with this backend's kernels (and keeps the momentum buffers in its memory), when it has them. */
  readonly backend?: Backend;
}

export class Sgd implements Optimizer {
  readonly kind: OptimizerKind;
  readonly slotNames: readonly string[];
  private readonly momentum: number;
  private readonly nesterov: boolean;
  private readonly weightDecay: number;
  private readonly slots: SlotStore;
  readonly kernels?: OptimizerKernels;
  private steps = 0;

  constructor(options: SgdOptions = {}) {
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    if (this.nesterov && this.momentum <= 0) throw new Error('Nesterov momentum needs a momentum above 0');
    this.kind = this.nesterov ? 'nesterov' : this.momentum > 0 ? 'momentum' : 'sgd';
    this.slotNames = this.momentum > 0 ? ['momentum'] : [];
    this.slots = new SlotStore(this.slotNames, options.backend?.memory);
    this.kernels = options.backend?.optimizer;
  }

  get stepCount(): number {
    return this.steps;
  }

  step(params: readonly ParamTensor[], lr: number): void {
    const mu = this.momentum;
    for (const p of params) {
      if (!p.trainable || !p.grad) continue;
      const theta = p.value;
      const grad = p.grad;
      const decay = p.decay ? this.weightDecay : 0;
      const k = this.kernels;
      if (k) {
        if (mu === 0) k.sgd(theta, grad, theta.length, lr, decay);
        else k.sgdMomentum(theta, grad, this.slots.get(p).momentum, theta.length, lr, decay, mu, this.nesterov);
        continue;
      }
      if (mu === 0) {
        for (let i = 0; i < theta.length; i++) theta[i] -= lr * (grad[i] + decay * theta[i]);
        continue;
      }
      const buffer = this.slots.get(p).momentum;
      for (let i = 0; i < theta.length; i++) {
        const g = grad[i] + decay * theta[i];
        const b = mu * buffer[i] + g;
        buffer[i] = b;
        theta[i] -= lr * (this.nesterov ? g + mu * b : b);
      }
    }
    this.steps++;
  }

  state(): OptimizerState {
    return { kind: this.kind, step: this.steps, slots: this.slots.copy() };
  }

  load(state: OptimizerState, params: readonly ParamTensor[]): void {
    if (state.kind !== this.kind) throw new Error(`optimizer state is for '${state.kind}', not '${this.kind}'`);
    this.slots.load(state.slots, params);
    this.steps = state.step;
  }
}
