/**
 * A parameter tensor owned by a node of the graph: what optimizers update, checkpoints save and export writes.
 * The key `${node}.${name}` is the tensor's name in safetensors files. Layouts are those of
 * `ParamTensorSpec` (engine/shape/types.ts): conv kernel HWIO [F_h, F_w, C_in, K], dense [n_in, n_out].
 */
import type { FloatArray } from '../tensor/types';

export interface ParamTensor {
  readonly node: string;
  readonly name: string;
  /** `${node}.${name}`: unique in a model, stable across runs (the checkpoint tensor name). */
  readonly key: string;
  readonly shape: readonly number[];
  readonly value: FloatArray;
  /** Gradient of the loss, same shape as `value`; `null` for non-trainable state (batchnorm running statistics). */
  readonly grad: FloatArray | null;
  readonly trainable: boolean;
  /** Whether L2 weight decay applies (weights yes; biases and batchnorm γ/β no, as in common practice). */
  readonly decay: boolean;
}

/** How many values the model's parameters hold in all (what a weights file of it can hold at most). */
export function parameterCount(model: { readonly params: readonly { readonly value: { readonly length: number } }[] }): number {
  return model.params.reduce((sum, p) => sum + p.value.length, 0);
}
