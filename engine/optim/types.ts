/**
 * The optimizer contract: an optimizer updates the trainable ParamTensors of a model in place from their gradients,
 * and keeps per-tensor "slots" (momentum buffers, Adam moments) that a checkpoint can save and restore.
 */
import type { OptimizerKernels } from '../kernels/backend';
import type { ParamTensor } from '../model/params';
import type { FloatArray } from '../tensor/types';

export type OptimizerKind = 'sgd' | 'momentum' | 'nesterov' | 'adam';

export const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['sgd', 'momentum', 'nesterov', 'adam'];

/** Everything an optimizer needs to continue exactly where it stopped: its update count and its slot buffers. */
export interface OptimizerState {
  readonly kind: OptimizerKind;
  /** Number of updates applied so far (Adam's bias correction depends on it). */
  readonly step: number;
  /** Slot buffers by parameter key (`${node}.${name}`), then by slot name ("momentum", "m", "v"). */
  readonly slots: Readonly<Record<string, Readonly<Record<string, FloatArray>>>>;
}

export interface Optimizer {
  readonly kind: OptimizerKind;
  /** The names of the buffers kept per trainable tensor, e.g. ["m", "v"] for Adam; [] for plain SGD. */
  readonly slotNames: readonly string[];
  /** Updates applied so far. */
  readonly stepCount: number;
  /** The backend's update kernels this optimizer runs (also used for the gradient norm), when it has any. */
  readonly kernels?: OptimizerKernels;
  /**
   * Applies one update with learning rate `lr` to every trainable tensor (those with a gradient).
   * L2 weight decay is added to the gradient of tensors with `decay: true`, as PyTorch's `weight_decay` does.
   */
  step(params: readonly ParamTensor[], lr: number): void;
  /** A copy of the state, safe to serialise while training continues. */
  state(): OptimizerState;
  /** Restores a saved state; throws an Error naming the tensor when a slot does not fit the parameters. */
  load(state: OptimizerState, params: readonly ParamTensor[]): void;
}
