/**
 * The conv2d layer on a backend that gathers receptive fields itself (the WASM tiled kernels: no im2col matrix, the
 * whole batch in one call, the filter gradient from x) against the TypeScript backend, which runs the same batch in
 * chunks under COL_LIMIT: one train step gives the same loss and gradients (1e-4 of each tensor's scale) and three
 * SGD updates the same weights; the WASM side allocates no im2col matrix, and the memory estimate says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COL_LIMIT } from '../../engine/blocks/conv/conv2d.layer';
import { cpuBackend } from '../../engine/kernels/cpu';
import { createBackend, type SelectedBackend } from '../../engine/kernels/select';
import { GraphRunner } from '../../engine/model/runner';
import { kernelWorkspaceBytes } from '../../engine/model/workspace';
import { Sgd } from '../../engine/optim/sgd';
import { Rng } from '../../engine/random/rng';
import { analyzeGraph } from '../../engine/shape/analyze';
import { withTensorMemory } from '../../engine/tensor/types';
import { chainOfSpecs } from '../helpers/graphs';

const selected: SelectedBackend[] = [];
/** The WASM kernels through the layer's im2col matrix (the path the tiled one replaced), for the memory comparison. */
let matrixPath: SelectedBackend;
beforeAll(async () => {
  selected.push(await createBackend({ threads: 1 }), await createBackend({ threads: 2 }));
  matrixPath = await createBackend({ threads: 1, split: { conv: 'batch' } });
});
afterAll(async () => {
  for (const s of [...selected, matrixPath]) await s.dispose();
});

// c1: 24·24 outputs × 3·3·16 = 82,944 im2col values a sample, 50 samples a chunk under COL_LIMIT; c2: 41,472, 101 a
// chunk. A batch of 110 runs c1 in 3 chunks and c2 (whose input gradient is needed) in 2 on the TypeScript kernels.
const net = chainOfSpecs(
  { id: 'in', type: 'input', shape: [24, 24, 16] },
  { id: 'c1', type: 'conv2d', filters: 8, kernel: 3, padding: 1 }, { id: 'r1', type: 'relu' },
  { id: 'c2', type: 'conv2d', filters: 8, kernel: 3, padding: 1 }, { id: 'r2', type: 'relu' },
  { id: 'c3', type: 'conv2d', filters: 6, kernel: 3, stride: 2, dilation: 2, padding: 2 },
  { id: 'gap', type: 'globalavgpool' }, { id: 'fc', type: 'dense', units: 5 }, { id: 'sm', type: 'softmax' },
);
const BATCH = 110;

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tolerance = 1e-4): void {
  expect(actual.length, what).toBe(expected.length);
  let scale = 1e-6, worst = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst / scale, what).toBeLessThanOrEqual(tolerance);
}

describe('conv2d layer without an im2col matrix (WASM) vs in chunks (TypeScript)', () => {
  it('the batch needs chunks on the TypeScript kernels and none on the WASM ones', () => {
    expect(Math.floor(COL_LIMIT / (24 * 24 * 144))).toBe(50);
    expect(Math.floor(COL_LIMIT / (24 * 24 * 72))).toBe(101);
    const analysis = analyzeGraph(net);
    expect(cpuBackend.convGathersFields).toBeUndefined();
    // TypeScript: col + dcol of a chunk for each conv (c3: 12·12 outputs × 3·3·8, the whole batch in one chunk).
    expect(kernelWorkspaceBytes(analysis, BATCH)).toBe(2 * (50 * 82_944 + 101 * 41_472 + BATCH * 144 * 72) * 4);
    expect(kernelWorkspaceBytes(analysis, BATCH, 'float32', cpuBackend)).toBe(kernelWorkspaceBytes(analysis, BATCH));
    for (const s of selected) {
      expect(s.backend.convGathersFields).toBe(true);
      expect(kernelWorkspaceBytes(analysis, BATCH, 'float32', s.backend)).toBe(0);
      // float64 models run the TypeScript kernels, im2col matrix included.
      expect(kernelWorkspaceBytes(analysis, BATCH, 'float64', s.backend)).toBe(2 * kernelWorkspaceBytes(analysis, BATCH));
    }
  });

  it('allocates no im2col matrix: a first step grows the heap by the matrices less than the im2col path does', () => {
    const analysis = analyzeGraph(net);
    const rng = new Rng(4);
    const values = Float32Array.from({ length: BATCH * 24 * 24 * 16 }, () => rng.normal());
    const t = Int32Array.from({ length: BATCH }, () => rng.int(5));
    const growth = [selected[0], matrixPath].map((s) => {
      const heap = s.backend.memory as unknown as { bytesUsed: number };
      const model = new GraphRunner(net, analysis, { seed: 3, backend: s.backend });
      // x in the heap, as the trainer's batches are (an ordinary array would be staged in).
      const x = withTensorMemory(s.backend.memory, () => s.backend.memory!.float32(values.length));
      x.set(values);
      const before = heap.bytesUsed;
      model.trainStep(x, BATCH, t, 'cross-entropy');
      return heap.bytesUsed - before;
    });
    // The im2col path's matrices: c1 col (50 samples; its input gradient is not needed), c2 col + dcol (101 samples),
    // c3 col + dcol (the whole batch): 59.2 MB. The tiled path has instead a tile scratch per thread (160 KiB).
    const matrices = (50 * 82_944 + 2 * 101 * 41_472 + 2 * BATCH * 144 * 72) * 4;
    expect(growth[1] - growth[0]).toBeGreaterThanOrEqual(matrices - 200 * 1024);
    expect(growth[1] - growth[0]).toBeLessThanOrEqual(matrices);
  });

  for (const threads of [1, 2]) {
    it(`trains identically: a step, then 3 SGD updates (${threads} thread${threads > 1 ? 's' : ''})`, () => {
      const s = selected[threads - 1];
      const analysis = analyzeGraph(net);
      const ref = new GraphRunner(net, analysis, { seed: 3 });
      const fast = new GraphRunner(net, analysis, { seed: 3, backend: s.backend });
      const rng = new Rng(17);
      const x = Float32Array.from({ length: BATCH * 24 * 24 * 16 }, () => rng.normal());
      const t = Int32Array.from({ length: BATCH }, () => rng.int(5));
      const a = ref.trainStep(x, BATCH, t, 'cross-entropy');
      const b = fast.trainStep(x, BATCH, t, 'cross-entropy');
      expect(Math.abs(b.loss - a.loss)).toBeLessThanOrEqual(1e-4 * Math.abs(a.loss));
      expect(b.correct).toBe(a.correct);
      ref.params.forEach((p, i) => expectClose(fast.params[i].grad!, p.grad!, `∂L/∂${p.key}`));
      const sgdRef = new Sgd({}), sgdFast = new Sgd({ backend: s.backend });
      for (let step = 0; step < 3; step++) {
        if (step > 0) {
          ref.trainStep(x, BATCH, t, 'cross-entropy');
          fast.trainStep(x, BATCH, t, 'cross-entropy');
        }
        sgdRef.step(ref.params, 0.05);
        sgdFast.step(fast.params, 0.05);
      }
      ref.params.forEach((p, i) => expectClose(fast.params[i].value, p.value, `${p.key} after 3 updates`, 2e-4));
    });
  }
});
