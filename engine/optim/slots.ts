/**
 * Per-tensor slot buffers shared by the optimizers: allocated lazily on a tensor's first update (same dtype and
 * length as the tensor, zero-filled, which matches PyTorch's first momentum step when dampening is 0), copied out for
 * checkpoints and checked against the parameters on restore.
 */
import type { ParamTensor } from '../model/params';
import { allocate, withTensorMemory, type FloatArray, type TensorMemory } from '../tensor/types';

export class SlotStore {
  private readonly byKey = new Map<string, Record<string, FloatArray>>();

  /** `memory`: where the buffers live (the backend's heap, so its update kernels read them in place). */
  constructor(readonly slotNames: readonly string[], private readonly memory?: TensorMemory) {}

  /** The slots of `param`, created on first use. */
  get(param: ParamTensor): Record<string, FloatArray> {
    let slots = this.byKey.get(param.key);
    if (!slots) {
      slots = {};
      for (const name of this.slotNames) slots[name] = this.emptyLike(param.value);
      this.byKey.set(param.key, slots);
    }
    return slots;
  }

  copy(): Record<string, Record<string, FloatArray>> {
    const out: Record<string, Record<string, FloatArray>> = {};
    for (const [key, slots] of this.byKey) {
      out[key] = {};
      for (const name of this.slotNames) out[key][name] = slots[name].slice();
    }
    return out;
  }

  load(saved: Readonly<Record<string, Readonly<Record<string, FloatArray>>>>, params: readonly ParamTensor[]): void {
    const byKey = new Map(params.map((p) => [p.key, p]));
    const restored = new Map<string, Record<string, FloatArray>>();
    for (const [key, slots] of Object.entries(saved)) {
      const param = byKey.get(key);
      if (!param || !param.trainable) throw new Error(`optimizer state has slots for '${key}', which is not a trainable tensor of the model`);
      const copy: Record<string, FloatArray> = {};
      for (const name of this.slotNames) {
        const values = slots[name];
        if (!values) throw new Error(`optimizer state for '${key}' lacks its '${name}' buffer`);
        if (values.length !== param.value.length) {
          throw new Error(
            `optimizer buffer '${name}' of '${key}' holds ${values.length} values but the tensor has ${param.value.length}`,
          );
        }
        const buffer = this.emptyLike(param.value);
        buffer.set(values);
        copy[name] = buffer;
      }
      restored.set(key, copy);
    }
    this.byKey.clear();
    for (const [key, slots] of restored) this.byKey.set(key, slots);
  }

  private emptyLike(values: FloatArray): FloatArray {
    return withTensorMemory(this.memory, () => allocate(values instanceof Float64Array ? 'float64' : 'float32', values.length));
  }
}
