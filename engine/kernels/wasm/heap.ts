/**
 * The WASM backend's memory: one shared `WebAssembly.Memory` (SharedArrayBuffer-backed, so every worker thread sees
 * the same tensors) and a bump allocator over it. Tensors, workspaces and optimizer slots are allocated here while
 * the backend is active (engine/tensor/types.ts `withTensorMemory`), so a kernel call passes byte offsets and copies
 * nothing. Memory is never returned: a model's buffers live as long as the backend (one training job), and the
 * steady-state step allocates nothing.
 *
 * Growing a shared memory keeps every existing view valid (the old SharedArrayBuffer object still covers its
 * length); new views use the grown buffer. `owns` recognises every buffer object this heap handed out, so a kernel
 * argument from anywhere else (a plain Float32Array) is copied through `Staging` instead — correct, just slower.
 */
import type { TensorMemory } from '../../tensor/types';
import type { WasmMemory } from './wasmApi';

const PAGE = 65536;
/** Every block starts on a cache line (and so on a 16-byte SIMD boundary). */
const ALIGN = 64;

export class WasmHeap implements TensorMemory {
  private top: number;
  private readonly known = new WeakSet<ArrayBufferLike>();
  private peak = 0;

  constructor(readonly memory: WasmMemory, base: number) {
    this.top = align(base);
    this.known.add(memory.buffer);
  }

  /** Bytes handed out so far (the high-water mark of the heap). */
  get bytesUsed(): number {
    return Math.max(this.peak, this.top);
  }

  /** A fresh block of `bytes` (zeroed: wasm memory starts zeroed and blocks are never reused). */
  alloc(bytes: number): number {
    const at = this.top;
    const end = align(at + Math.max(bytes, 1));
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      this.memory.grow(Math.ceil((end - have) / PAGE));
      this.known.add(this.memory.buffer);
    }
    this.top = end;
    return at;
  }

  float32(length: number): Float32Array {
    const at = this.alloc(length * 4); // first: it may grow the memory, and buffer() must see the grown one
    return new Float32Array(this.buffer(), at, length);
  }

  int32(length: number): Int32Array {
    const at = this.alloc(length * 4);
    return new Int32Array(this.buffer(), at, length);
  }

  /** Whether `view` lies in this heap's memory (its byteOffset is then a wasm address). */
  owns(view: ArrayBufferView): boolean {
    return this.known.has(view.buffer);
  }

  /** The memory's current buffer (registered as ours). */
  buffer(): ArrayBufferLike {
    const b = this.memory.buffer;
    this.known.add(b);
    return b;
  }
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

/**
 * Copies kernel arguments that do not live in the heap into a scratch region, and results back out, for one call
 * at a time (the backend is synchronous and not re-entrant). A call that needs more than the region gets one-off
 * blocks and the region is reallocated bigger for the next call (the old one is abandoned: this only happens while
 * the sizes a caller uses are still growing).
 */
export class Staging {
  private base = 0;
  private size = 0;
  private cursor = 0;
  private wanted = 0;
  private readonly pending: { view: Float32Array | Int32Array; at: number; length: number }[] = [];

  constructor(private readonly heap: WasmHeap) {}

  begin(): void {
    if (this.wanted > this.size) {
      this.size = Math.max(this.wanted, 2 * this.size, 1 << 20);
      this.base = this.heap.alloc(this.size);
    }
    this.cursor = 0;
    this.pending.length = 0;
  }

  /** The wasm address of `length` values of `view`, copying them in if `view` is not in the heap. */
  input(view: Float32Array | Int32Array, length: number): number {
    if (this.heap.owns(view)) return view.byteOffset;
    const at = this.reserve(length * 4);
    this.viewAt(view, at, length).set(view.length === length ? view : view.subarray(0, length));
    return at;
  }

  /** Like `input`, and the values are copied back by `end` (read first only when `read`, e.g. an accumulation). */
  output(view: Float32Array | Int32Array, length: number, read: boolean): number {
    if (this.heap.owns(view)) return view.byteOffset;
    const at = this.reserve(length * 4);
    if (read) this.viewAt(view, at, length).set(view.length === length ? view : view.subarray(0, length));
    this.pending.push({ view, at, length });
    return at;
  }

  /** Copies staged outputs back into the caller's arrays. */
  end(): void {
    for (const { view, at, length } of this.pending) view.set(this.viewAt(view, at, length));
    this.pending.length = 0;
  }

  private viewAt(like: Float32Array | Int32Array, at: number, length: number): Float32Array | Int32Array {
    const buffer = this.heap.buffer();
    return like instanceof Int32Array ? new Int32Array(buffer, at, length) : new Float32Array(buffer, at, length);
  }

  private reserve(bytes: number): number {
    const rounded = Math.ceil(bytes / ALIGN) * ALIGN;
    if (this.cursor + rounded > this.size) {
      // This call needs more than the region holds: a one-off block now (addresses already handed out stay put),
      // and a region big enough for the whole call from the next call on.
      this.wanted = Math.max(this.wanted, this.cursor + rounded);
      return this.heap.alloc(rounded);
    }
    const at = this.base + this.cursor;
    this.cursor += rounded;
    return at;
  }
}
