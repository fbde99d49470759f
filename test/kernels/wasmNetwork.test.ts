/**
 * Whole networks on the WASM backend against the TypeScript backend: the same seed gives the same initial weights,
 * so one train step must give the same loss and gradients (1e-4 of each tensor's scale), and a few optimizer updates
 * (run by the backend's update kernels) the same weights. Also: tensors live in the wasm heap, the fallback to the
 * TypeScript kernels, and a step that allocates nothing once warm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../engine/graph/types';
import { cpuBackend } from '../../engine/kernels/cpu';
import { createBackend, type SelectedBackend } from '../../engine/kernels/select';
import { GraphRunner } from '../../engine/model/runner';
import { createOptimizer } from '../../engine/optim/create';
import type { OptimizerKind } from '../../engine/optim/types';
import { Rng } from '../../engine/random/rng';
import { analyzeGraph } from '../../engine/shape/analyze';
import { chainOfSpecs, graphFromNodes } from '../helpers/graphs';

let one: SelectedBackend;
let two: SelectedBackend;
beforeAll(async () => {
  one = await createBackend({ threads: 1 });
  two = await createBackend({ threads: 2 });
});
afterAll(async () => {
  await one.dispose();
  await two.dispose();
});

const lenet = chainOfSpecs(
  { id: 'in', type: 'input', shape: [28, 28, 1] },
  { id: 'c1', type: 'conv2d', filters: 6, kernel: 5, padding: 2 }, { id: 'r1', type: 'relu' }, { id: 'p1', type: 'maxpool2d', kernel: 2 },
  { id: 'c2', type: 'conv2d', filters: 16, kernel: 5 }, { id: 'r2', type: 'relu' }, { id: 'p2', type: 'maxpool2d', kernel: 2 },
  { id: 'f1', type: 'dense', units: 120 }, { id: 'r3', type: 'relu' }, { id: 'f2', type: 'dense', units: 10 }, { id: 'sm', type: 'softmax' },
);

/** A residual block with batchnorm (its convs without bias, whose gradient batchnorm makes ~0: rounding noise), a 1×1 projection, a strided conv, global average pooling and a sigmoid. */
const residual: Graph = graphFromNodes(
  [
    { id: 'in', type: 'input', shape: [12, 12, 3] },
    { id: 'stem', type: 'conv2d', filters: 8, kernel: 3, padding: 1, bias: false },
    { id: 'bn0', type: 'batchnorm' }, { id: 'r0', type: 'relu' },
    { id: 'a', type: 'conv2d', filters: 8, kernel: 3, padding: 1, bias: false }, { id: 'bna', type: 'batchnorm' }, { id: 'ra', type: 'relu' },
    { id: 'b', type: 'conv2d', filters: 8, kernel: 3, padding: 1, bias: false }, { id: 'bnb', type: 'batchnorm' },
    { id: 'proj', type: 'conv2d', filters: 8, kernel: 1 },
    { id: 'sum', type: 'add' }, { id: 'rs', type: 'relu' },
    { id: 'down', type: 'conv2d', filters: 12, kernel: 3, stride: 2, padding: 1 }, { id: 'sig', type: 'sigmoid' },
    { id: 'gap', type: 'globalavgpool' }, { id: 'fc', type: 'dense', units: 5 }, { id: 'sm', type: 'softmax' },
  ],
  [
    ['in', 'stem'], ['stem', 'bn0'], ['bn0', 'r0'], ['r0', 'a'], ['a', 'bna'], ['bna', 'ra'], ['ra', 'b'], ['b', 'bnb'],
    ['r0', 'proj'], ['bnb', 'sum'], ['proj', 'sum'], ['sum', 'rs'], ['rs', 'down'], ['down', 'sig'], ['sig', 'gap'],
    ['gap', 'fc'], ['fc', 'sm'],
  ],
);

function scaleOf(values: ArrayLike<number>): number {
  let s = 1e-6;
  for (let i = 0; i < values.length; i++) s = Math.max(s, Math.abs(values[i]));
  return s;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tolerance = 1e-4): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = scaleOf(expected);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst / scale, what).toBeLessThanOrEqual(tolerance);
}

describe.each([
  ['LeNet', lenet, 7, 'sgd'],
  ['a residual net with batchnorm', residual, 7, 'adam'],
  ['LeNet, batch 1', lenet, 1, 'momentum'],
] as const)('%s on the WASM backend', (_name, g, batch, optimizer) => {
  for (const threads of [1, 2]) {
    it(`equals the TypeScript backend: a train step, then 3 ${optimizer} updates (${threads} thread${threads > 1 ? 's' : ''})`, () => {
      const selected = threads === 1 ? one : two;
      const analysis = analyzeGraph(g);
      const ref = new GraphRunner(g, analysis, { seed: 5 });
      const fast = new GraphRunner(g, analysis, { seed: 5, backend: selected.backend });
      for (const p of fast.params) expect(p.value.buffer, `${p.key} lives in the wasm heap`).toBeInstanceOf(SharedArrayBuffer);
      const rng = new Rng(9);
      const size = ref.inputShape.reduce((a, b) => a * b, 1);
      const x = Float32Array.from({ length: batch * size }, () => rng.normal());
      const classes = ref.outputShape[0];
      const t = Int32Array.from({ length: batch }, () => rng.int(classes));

      const a = ref.trainStep(x, batch, t, 'cross-entropy');
      const b = fast.trainStep(x, batch, t, 'cross-entropy');
      expect(Math.abs(b.loss - a.loss)).toBeLessThanOrEqual(1e-4 * Math.abs(a.loss));
      expect(b.correct).toBe(a.correct);
      ref.params.forEach((p, i) => {
        if (p.grad) expectClose(fast.params[i].grad!, p.grad, `∂L/∂${p.key}`);
        else expectClose(fast.params[i].value, p.value, `${p.key} (running statistics)`);
      });

      const settings = { optimizer: optimizer as OptimizerKind, momentum: 0.9, weightDecay: 1e-3 };
      const optRef = createOptimizer(settings);
      const optFast = createOptimizer(settings, selected.backend);
      expect(optFast.kernels).toBeDefined();
      for (let step = 0; step < 3; step++) {
        if (step > 0) {
          ref.trainStep(x, batch, t, 'cross-entropy');
          fast.trainStep(x, batch, t, 'cross-entropy');
        }
        optRef.step(ref.params, 0.01);
        optFast.step(fast.params, 0.01);
      }
      ref.params.forEach((p, i) => expectClose(fast.params[i].value, p.value, `${p.key} after 3 updates`, 2e-4));
    });
  }
});

describe('backend selection', () => {
  it('says which path runs in one line', () => {
    expect(one.name === 'wasm-relaxed-simd' || one.name === 'wasm-simd').toBe(true);
    expect(one.description).toMatch(/^wasm-(relaxed-)?simd, 1 thread/);
    expect(two.description).toMatch(/^wasm-(relaxed-)?simd, 2 threads/);
  });

  it('falls back to the TypeScript kernels on request, and the TypeScript backend keeps ordinary arrays', async () => {
    const cpu = await createBackend({ prefer: 'cpu' });
    expect(cpu.name).toBe('cpu');
    expect(cpu.backend).toBe(cpuBackend);
    expect(cpu.description).toBe('cpu (TypeScript kernels), 1 thread');
    const model = new GraphRunner(lenet, analyzeGraph(lenet), { seed: 1, backend: cpu.backend });
    expect(model.params[0].value.buffer).toBeInstanceOf(ArrayBuffer);
    await cpu.dispose();
  });

  it('falls back to plain SIMD where relaxed SIMD is not wanted', async () => {
    const plain = await createBackend({ threads: 1, plainSimd: true });
    expect(plain.name).toBe('wasm-simd');
    await plain.dispose();
  });

  it('allocates nothing in the wasm heap once a step has run (buffers are reused)', () => {
    const analysis = analyzeGraph(residual);
    const model = new GraphRunner(residual, analysis, { seed: 2, backend: two.backend });
    const optimizer = createOptimizer({ optimizer: 'adam', momentum: 0, weightDecay: 0 }, two.backend);
    const x = Float32Array.from({ length: 4 * 12 * 12 * 3 }, (_, i) => Math.sin(i));
    const t = Int32Array.from([0, 1, 2, 3]);
    const heap = two.backend.memory as unknown as { bytesUsed: number };
    const step = () => {
      model.trainStep(x, 4, t, 'cross-entropy');
      optimizer.step(model.params, 0.01);
    };
    step();
    step();
    const used = heap.bytesUsed;
    for (let i = 0; i < 3; i++) step();
    expect(heap.bytesUsed).toBe(used);
  });
});
