/**
 * What the WASM kernel tests share: the backend variants every kernel runs on (both builds, 1 and 2 threads, and
 * 2 threads with every op split whatever its size) and the comparisons against the TypeScript reference kernels.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Backend } from '../../engine/kernels/backend';
import { createBackend, type SelectedBackend } from '../../engine/kernels/select';
import { Rng } from '../../engine/random/rng';
import { withTensorMemory } from '../../engine/tensor/types';

export interface Variant {
  readonly label: string;
  selected: SelectedBackend | null;
  readonly plainSimd: boolean;
  readonly threads: number;
  /** Every op split between the threads whatever its size (the thresholds at 0), so small odd cases hit the split code. */
  readonly everyOpThreaded?: boolean;
}
export const variants: Variant[] = [
  { label: 'relaxed SIMD, 1 thread', plainSimd: false, threads: 1, selected: null },
  { label: 'relaxed SIMD, 2 threads', plainSimd: false, threads: 2, selected: null },
  { label: 'plain SIMD, 1 thread', plainSimd: true, threads: 1, selected: null },
  { label: 'plain SIMD, 2 threads', plainSimd: true, threads: 2, selected: null },
  { label: 'relaxed SIMD, 2 threads, every op threaded', plainSimd: false, threads: 2, selected: null, everyOpThreaded: true },
];

/** Call once in a test file: creates the variants' backends before its tests and stops them after. */
export function useVariants(): void {
  beforeAll(async () => {
    for (const v of variants) {
      const split = v.everyOpThreaded ? { parallelFlops: 0, parallelElements: 0 } : undefined;
      v.selected = await createBackend({ threads: v.threads, plainSimd: v.plainSimd, split });
    }
  });
  afterAll(async () => {
    for (const v of variants) {
      await v.selected?.dispose();
      v.selected = null;
    }
  });
}

/** The variant's backend (created by useVariants). */
export function backendOf(v: Variant): Backend {
  if (!v.selected) throw new Error('backend not created');
  return v.selected.backend;
}

/** |actual − expected| ≤ 1e-4 · max(|expected|) over the array (the scale of the values compared). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  let scale = 1e-6;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  expect(worst / scale, `${what}: worst at ${at}: ${actual[at]} vs ${expected[at]}`).toBeLessThanOrEqual(1e-4);
}

/** Bit-for-bit equal values (±0 counted equal), reported as the first difference (a diff of 300k values is unusable). */
export function expectSame(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i] + 0, expected[i] + 0)) expect(`${what}[${i}] = ${actual[i]}`).toBe(`${what}[${i}] = ${expected[i]}`);
  }
}

export function random(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** The backend of `v`, and a copy of `src` inside its heap (or an ordinary copy when `inHeap` is false). */
export function place(b: Backend, src: Float32Array, inHeap: boolean): Float32Array {
  const out = inHeap ? withTensorMemory(b.memory, () => b.memory!.float32(src.length)) : new Float32Array(src.length);
  out.set(src);
  return out;
}

