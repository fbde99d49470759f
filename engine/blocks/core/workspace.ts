import type { DType, FloatArray } from '../../tensor/types';
import { allocate, allocateInt32 } from '../../tensor/types';

/**
 * Buffers reused from one batch to the next: `get` returns a view of exactly `length` elements over storage that
 * only grows, so a smaller last batch neither reallocates nor changes any gradient's shape.
 */
export class Workspace {
  private readonly floats = new Map<string, { store: FloatArray; view: FloatArray }>();
  private readonly ints = new Map<string, { store: Int32Array; view: Int32Array }>();

  constructor(private readonly dtype: DType) {}

  get(key: string, length: number): FloatArray {
    let slot = this.floats.get(key);
    if (!slot || slot.store.length < length) {
      const store = allocate(this.dtype, length);
      slot = { store, view: store };
      this.floats.set(key, slot);
    }
    if (slot.view.length !== length) slot.view = slot.store.subarray(0, length);
    return slot.view;
  }

  getInt(key: string, length: number): Int32Array {
    let slot = this.ints.get(key);
    if (!slot || slot.store.length < length) {
      const store = allocateInt32(length);
      slot = { store, view: store };
      this.ints.set(key, slot);
    }
    if (slot.view.length !== length) slot.view = slot.store.subarray(0, length);
    return slot.view;
  }
}
