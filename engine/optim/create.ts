/** Builds the optimizer a training configuration names; with a backend that has optimizer kernels, the updates run there. */
import type { Backend } from '../kernels/backend';
import { Adam } from './adam';
import { Sgd } from './sgd';
import type { Optimizer, OptimizerKind } from './types';

export interface OptimizerSettings {
  readonly optimizer: OptimizerKind;
  /** μ for "momentum" and "nesterov". */
  readonly momentum: number;
  readonly weightDecay: number;
}

export function createOptimizer(settings: OptimizerSettings, backend?: Backend): Optimizer {
  switch (settings.optimizer) {
    case 'sgd':
      return new Sgd({ weightDecay: settings.weightDecay, backend });
    case 'momentum':
      return new Sgd({ momentum: settings.momentum, weightDecay: settings.weightDecay, backend });
    case 'nesterov':
      return new Sgd({ momentum: settings.momentum, nesterov: true, weightDecay: settings.weightDecay, backend });
    case 'adam':
      return new Adam({ weightDecay: settings.weightDecay, backend });
  }
}

/** Buffers kept per trainable value (for the memory estimate). */
export function slotsPerParameter(kind: OptimizerKind): number {
  return kind === 'adam' ? 2 : kind === 'sgd' ? 0 : 1;
}
