/** The Model API the trainer relies on: parameters, initialisation, determinism, modes, losses and errors. */
import { describe, expect, it } from 'vitest';
import type { BlockLayer } from '../../engine/blocks/core/layer';
import { REGISTRY } from '../../engine/blocks/registry';
import { buildModel, ModelBuildError } from '../../engine/model/model';
import { GraphRunner } from '../../engine/model/runner';
import { kernelWorkspaceBytes } from '../../engine/model/workspace';
import { TargetError } from '../../engine/loss/loss';
import { analyzeGraph } from '../../engine/shape/analyze';
import { Rng } from '../../engine/random/rng';
import { analyzedGraph, chainFromShape, graphFromNodes, lenet5Graph } from '../helpers/graphs';

function randomBatch(seed: number, n: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
}

function stats(v: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const mean = s / v.length;
  let q = 0;
  for (let i = 0; i < v.length; i++) q += (v[i] - mean) ** 2;
  return { mean, std: Math.sqrt(q / v.length) };
}

describe('buildModel', () => {
  it('exposes LeNet-5’s shapes and its 61,706 parameters in topological order', () => {
    const g = lenet5Graph();
    const model = buildModel(g, analyzedGraph(g));
    expect(model.dtype).toBe('float32');
    expect(model.inputShape).toEqual([28, 28, 1]);
    expect(model.outputShape).toEqual([10]);
    expect(model.outputId).toBe('f3');
    expect(model.params.map((p) => p.key)).toEqual([
      'c1.weight', 'c1.bias', 'c2.weight', 'c2.bias', 'f1.weight', 'f1.bias', 'f2.weight', 'f2.bias', 'f3.weight', 'f3.bias',
    ]);
    expect(model.params.reduce((s, p) => s + p.value.length, 0)).toBe(61_706);
    expect(model.params.find((p) => p.key === 'c2.weight')!.shape).toEqual([5, 5, 6, 16]);
    expect(model.params.every((p) => p.value instanceof Float32Array && p.grad instanceof Float32Array)).toBe(true);
    expect(model.params.filter((p) => p.decay).map((p) => p.name)).toEqual(Array(5).fill('weight'));
  });

  it('initialises He before relu-family activations, Glorot otherwise, biases 0 and batchnorm γ=1, β=0, stats 0/1', () => {
    const g = chainFromShape([400], [
      { id: 'he', type: 'dense', units: 300 },
      { type: 'relu' },
      { id: 'glorot', type: 'dense', units: 200 },
      { id: 'bn', type: 'batchnorm' },
    ]);
    const model = buildModel(g, analyzedGraph(g), { seed: 5 });
    const get = (key: string) => model.params.find((p) => p.key === key)!.value;
    const he = stats(get('he.weight'));
    expect(he.mean).toBeCloseTo(0, 2);
    expect(he.std).toBeCloseTo(Math.sqrt(2 / 400), 3); // 0.0707
    const glorot = get('glorot.weight');
    const limit = Math.sqrt(6 / (300 + 200));
    expect(Math.max(...glorot)).toBeLessThanOrEqual(limit);
    expect(stats(glorot).std).toBeCloseTo(limit / Math.sqrt(3), 3); // uniform(−l, l) has std l/√3
    expect([...get('he.bias'), ...get('glorot.bias')].every((v) => v === 0)).toBe(true);
    expect([...get('bn.gamma')].every((v) => v === 1)).toBe(true);
    expect([...get('bn.beta'), ...get('bn.running_mean')].every((v) => v === 0)).toBe(true);
    expect([...get('bn.running_var')].every((v) => v === 1)).toBe(true);
    const bn = model.params.filter((p) => p.node === 'bn');
    expect(bn.map((p) => [p.name, p.trainable, p.grad !== null])).toEqual([
      ['gamma', true, true], ['beta', true, true], ['running_mean', false, false], ['running_var', false, false],
    ]);
  });

  it('uses He for a conv feeding a maxout and for the maxout’s own weights', () => {
    const g = chainFromShape([4, 4, 50], [{ id: 'c', type: 'conv2d', filters: 60, kernel: 3, padding: 1 }, { id: 'm', type: 'maxout', units: 40, pieces: 2 }]);
    const model = buildModel(g, analyzedGraph(g), { seed: 1 });
    const std = (key: string) => stats(model.params.find((p) => p.key === key)!.value).std;
    expect(std('c.weight') / Math.sqrt(2 / 450)).toBeCloseTo(1, 1); // fan_in 3·3·50
    expect(std('m.weight') / Math.sqrt(2 / 960)).toBeCloseTo(1, 1); // fan_in 4·4·60
  });

  it('the same seed gives the same weights and the same loss curve; another seed does not', () => {
    const curve = (seed: number) => {
      const g = lenet5Graph();
      const model = buildModel(g, analyzedGraph(g), { seed });
      const x = randomBatch(1, 8 * 784);
      const t = Int32Array.from({ length: 8 }, (_, i) => i % 10);
      const losses: number[] = [];
      for (let step = 0; step < 3; step++) {
        losses.push(model.trainStep(x, 8, t, 'cross-entropy').loss);
        for (const p of model.params) if (p.grad) for (let i = 0; i < p.value.length; i++) p.value[i] -= 0.005 * p.grad[i];
      }
      return { losses, first: model.params[0].value.slice(0, 5) };
    };
    const a = curve(7);
    const b = curve(7);
    expect(b.losses).toEqual(a.losses);
    expect(b.first).toEqual(a.first);
    expect(a.losses[2]).toBeLessThan(a.losses[0]);
    expect(curve(8).first).not.toEqual(a.first);
  });

  it('adding a node leaves the other nodes’ initial weights unchanged', () => {
    const without = chainFromShape([6], [{ id: 'a', type: 'dense', units: 5 }, { id: 'b', type: 'dense', units: 3 }]);
    const withDropout = chainFromShape([6], [{ id: 'a', type: 'dense', units: 5 }, { id: 'd', type: 'dropout', rate: 0.5 }, { id: 'b', type: 'dense', units: 3 }]);
    const m1 = buildModel(without, analyzedGraph(without), { seed: 3 });
    const m2 = buildModel(withDropout, analyzedGraph(withDropout), { seed: 3 });
    expect(m2.params.map((p) => Array.from(p.value))).toEqual(m1.params.map((p) => Array.from(p.value)));
    // …so dropout in evaluation is exactly the identity.
    const x = randomBatch(2, 4 * 6);
    expect(m2.forward(x, 4, 'eval')).toEqual(m1.forward(x, 4, 'eval'));
  });

  it('builds in float64 for gradient checks', () => {
    const g = lenet5Graph();
    const model = buildModel(g, analyzedGraph(g), { dtype: 'float64' });
    expect(model.params[0].value).toBeInstanceOf(Float64Array);
    expect(model.forward(new Float64Array(784), 1, 'eval')).toBeInstanceOf(Float64Array);
  });
});

describe('build errors name the node', () => {
  it('refuses a graph whose analysis has errors', () => {
    const g = chainFromShape([4, 4, 1], [{ id: 'bad', type: 'conv2d', filters: 2, kernel: 7 }]);
    expect(() => buildModel(g, analyzeGraph(g))).toThrow(ModelBuildError);
    expect(() => buildModel(g, analyzeGraph(g))).toThrow(/node 'bad'/);
  });

  it('refuses a graph with two outputs', () => {
    const g = graphFromNodes(
      [{ id: 'in', type: 'input', shape: [3] }, { id: 'a', type: 'dense', units: 2 }, { id: 'b', type: 'dense', units: 2 }],
      ['in>a', 'in>b'],
    );
    expect(() => buildModel(g, analyzeGraph(g))).toThrow(/exactly one output.*a, b/);
  });
});

describe('forward, trainStep, evaluate', () => {
  const g = chainFromShape([4], [{ id: 'h', type: 'dense', units: 8 }, { type: 'relu' }, { id: 'out', type: 'dense', units: 3 }, { id: 'sm', type: 'softmax' }]);

  it('the fused softmax + cross-entropy equals −log of the softmax output, and its gradient matches logits + CE', () => {
    const fused = buildModel(g, analyzedGraph(g), { seed: 2, dtype: 'float64' });
    const logitsOnly = chainFromShape([4], [{ id: 'h', type: 'dense', units: 8 }, { type: 'relu' }, { id: 'out', type: 'dense', units: 3 }]);
    const plain = buildModel(logitsOnly, analyzedGraph(logitsOnly), { seed: 2, dtype: 'float64' });
    const x = Float64Array.from(randomBatch(3, 5 * 4));
    const t = Int32Array.of(0, 1, 2, 1, 0);
    const a = fused.trainStep(x, 5, t, 'cross-entropy');
    const b = plain.trainStep(x, 5, t, 'cross-entropy');
    let expected = 0;
    for (let i = 0; i < 5; i++) expected -= Math.log(a.output[i * 3 + t[i]]);
    expect(a.loss).toBeCloseTo(expected / 5, 12);
    expect(a.loss).toBeCloseTo(b.loss, 12);
    expect(a.correct).toBe(b.correct);
    fused.params.forEach((p, i) => expect(Array.from(p.grad!)).toEqual(Array.from(plain.params[i].grad!).map((v) => expect.closeTo(v, 12))));
  });

  it('the fused sigmoid + binary cross-entropy equals the BCE of the sigmoid output, with the gradient of logits + BCE', () => {
    const withSigmoid = chainFromShape([4], [{ id: 'h', type: 'dense', units: 6 }, { type: 'tanh' }, { id: 'out', type: 'dense', units: 3 }, { type: 'sigmoid' }]);
    const logitsOnly = chainFromShape([4], [{ id: 'h', type: 'dense', units: 6 }, { type: 'tanh' }, { id: 'out', type: 'dense', units: 3 }]);
    const fused = buildModel(withSigmoid, analyzedGraph(withSigmoid), { seed: 4, dtype: 'float64' });
    const plain = buildModel(logitsOnly, analyzedGraph(logitsOnly), { seed: 4, dtype: 'float64' });
    const x = Float64Array.from(randomBatch(3, 4 * 4));
    const t = Float64Array.of(1, 0, 0.25, 0, 0, 1, 1, 1, 0, 0.5, 0, 1);
    const a = fused.trainStep(x, 4, t, 'binary-cross-entropy');
    const b = plain.trainStep(x, 4, t, 'binary-cross-entropy');
    let expected = 0;
    let right = 0;
    for (let i = 0; i < 12; i++) {
      const p = a.output[i];
      expected -= t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p);
      if (p > 0.5 === t[i] >= 0.5) right++;
    }
    expect(a.loss).toBeCloseTo(expected / 12, 12);
    expect(a.loss).toBeCloseTo(b.loss, 12);
    expect(a.correct).toBeCloseTo(right / 3, 12); // samples' worth of right values: correct / batch = value accuracy
    fused.params.forEach((p, i) => expect(Array.from(p.grad!)).toEqual(Array.from(plain.params[i].grad!).map((v) => expect.closeTo(v, 12))));
    expect(() => fused.trainStep(x, 4, Float64Array.of(1, 0, 2, 0, 0, 1, 1, 1, 0, 0, 0, 1), 'binary-cross-entropy')).toThrow(
      'binary-cross-entropy: target 2 (value 2 of sample 0) is not a probability in [0, 1]',
    );
  });

  it('evaluate leaves the gradients alone; trainStep overwrites them', () => {
    const model = buildModel(g, analyzedGraph(g), { seed: 2 });
    const x = randomBatch(4, 6 * 4);
    const t = Int32Array.of(0, 1, 2, 0, 1, 2);
    model.trainStep(x, 6, t, 'cross-entropy');
    const before = model.params.map((p) => Array.from(p.grad!));
    const r = model.evaluate(randomBatch(5, 6 * 4), 6, t, 'cross-entropy');
    expect(r.correct).toBeGreaterThanOrEqual(0);
    expect(model.params.map((p) => Array.from(p.grad!))).toEqual(before);
    model.trainStep(x, 6, t, 'cross-entropy');
    expect(model.params.map((p) => Array.from(p.grad!))).toEqual(before); // overwritten, not accumulated
  });

  it('handles a smaller last batch and returns exactly batch × output values', () => {
    const model = buildModel(g, analyzedGraph(g), { seed: 2 });
    model.trainStep(randomBatch(6, 8 * 4), 8, new Int32Array(8), 'cross-entropy');
    const r = model.trainStep(randomBatch(7, 3 * 4), 3, Int32Array.of(1, 1, 1), 'cross-entropy');
    expect(r.output.length).toBe(9);
    expect(model.forward(randomBatch(7, 3 * 4), 3, 'eval').length).toBe(9);
    expect(model.activation('h')!.length).toBe(3 * 8);
    expect(model.activation('nope')).toBeNull();
  });

  it('counts correct predictions (argmax hits)', () => {
    const model = buildModel(g, analyzedGraph(g), { seed: 2 });
    const x = randomBatch(8, 10 * 4);
    const out = model.forward(x, 10, 'eval');
    const argmax = Array.from({ length: 10 }, (_, i) => [0, 1, 2].reduce((best, c) => (out[i * 3 + c] > out[i * 3 + best] ? c : best), 0));
    const r = model.evaluate(x, 10, Int32Array.from(argmax), 'cross-entropy');
    expect(r.correct).toBe(10);
    const wrong = Int32Array.from(argmax, (c) => (c + 1) % 3);
    expect(model.evaluate(x, 10, wrong, 'cross-entropy').correct).toBe(0);
  });

  it('mse is the mean of squared errors over all outputs, correct = 0', () => {
    const r1 = chainFromShape([2], [{ id: 'lin', type: 'dense', units: 2 }]);
    const model = buildModel(r1, analyzedGraph(r1), { dtype: 'float64' });
    const [w, b] = model.params;
    w.value.set([1, 0, 0, 1]);
    b.value.set([0, 0]);
    const r = model.trainStep(Float64Array.of(1, 2, 3, 4), 2, Float64Array.of(0, 0, 3, 6), 'mse');
    expect(r.loss).toBeCloseTo((1 + 4 + 0 + 4) / 4, 12);
    expect(r.correct).toBe(0);
    // ∂L/∂y = 2(y − t)/4 → ∂L/∂b = Σ_rows = [(2·1 + 0)/4, (2·2 − 2·2)/4] = [0.5, 0].
    expect(Array.from(b.grad!)).toEqual([0.5, 0]);
  });

  it('rejects targets that do not fit', () => {
    const model = buildModel(g, analyzedGraph(g));
    const x = randomBatch(9, 2 * 4);
    expect(() => model.trainStep(x, 2, Int32Array.of(0, 3), 'cross-entropy')).toThrow(TargetError);
    expect(() => model.trainStep(x, 2, Int32Array.of(0), 'cross-entropy')).toThrow(/1 targets for a batch of 2/);
    expect(() => model.trainStep(x, 2, new Float32Array(2), 'cross-entropy')).toThrow(/class indices/);
    expect(() => model.forward(new Float32Array(7), 2, 'eval')).toThrow(/needs 8/);
  });
});

describe('modes', () => {
  it('dropout: eval is the identity; train zeroes about `rate` of the values and scales the rest by 1/(1 − rate)', () => {
    const g = chainFromShape([1000], [{ id: 'd', type: 'dropout', rate: 0.25 }]);
    const model = buildModel(g, analyzedGraph(g), { seed: 1 });
    const x = new Float32Array(1000).fill(1);
    expect(Array.from(model.forward(x, 1, 'eval'))).toEqual(Array.from(x));
    const y = model.forward(x, 1, 'train');
    const zeros = y.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(200);
    expect(zeros).toBeLessThan(300);
    expect(y.every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6)).toBe(true);
    expect(Array.from(model.forward(x, 1, 'train'))).not.toEqual(Array.from(y)); // a new mask every step
  });

  it('batchnorm: batch statistics in training (updating the running ones), running statistics in eval', () => {
    const g = chainFromShape([2], [{ id: 'bn', type: 'batchnorm', momentum: 0.5, epsilon: 1e-3 }]);
    const model = buildModel(g, analyzedGraph(g), { dtype: 'float64' });
    const x = Float64Array.of(1, 10, 3, 30);
    const y = model.forward(x, 2, 'train');
    const s0 = Math.sqrt(1 + 1e-3);
    const s1 = Math.sqrt(100 + 1e-3);
    [-1 / s0, -10 / s1, 1 / s0, 10 / s1].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 12));
    const [, , mean, variance] = model.params;
    expect(Array.from(mean.value)).toEqual([1, 10]); // 0.5·0 + 0.5·(2, 20)
    expect(Array.from(variance.value)).toEqual([1.5, 100.5]); // 0.5·1 + 0.5·(2, 200) (unbiased)
    const e = model.forward(Float64Array.of(1, 10), 1, 'eval');
    expect(e[0]).toBeCloseTo(0, 12);
    expect(e[1]).toBeCloseTo(0, 12);
  });
});

describe('firstNonFinite', () => {
  it('names the first node whose output went non-finite', () => {
    const g = chainFromShape([3], [{ id: 'a', type: 'dense', units: 3 }, { id: 'r', type: 'relu' }, { id: 'b', type: 'dense', units: 2 }]);
    const model = buildModel(g, analyzedGraph(g));
    const r = model.trainStep(Float32Array.of(1, 2, 3), 1, Int32Array.of(0), 'cross-entropy');
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(model.firstNonFinite()).toBeNull();
    model.params.find((p) => p.key === 'b.weight')!.value[0] = Infinity;
    const bad = model.trainStep(Float32Array.of(1, 2, 3), 1, Int32Array.of(0), 'cross-entropy');
    expect(Number.isFinite(bad.loss)).toBe(false);
    // relu may zero the input that meets the infinite weight (0·∞ = NaN either way), so b is the first non-finite output.
    expect(model.firstNonFinite()).toEqual({ node: 'b', where: 'output' });
  });

  it('names the node whose input gradient went non-finite when the forward was finite', () => {
    // a outputs zeros, so b's output is finite (0·1.7e308 = 0), but dL/da = dlogits·Wᵀ = 0.75·1.7e308 + 3·0.25·1.7e308 overflows.
    const g = chainFromShape([2], [{ id: 'a', type: 'dense', units: 2 }, { id: 'b', type: 'dense', units: 4 }]);
    const model = new GraphRunner(g, analyzedGraph(g), { dtype: 'float64' });
    const big = 1.7e308;
    model.params.find((p) => p.key === 'b.weight')!.value.set([-big, big, big, big, -big, big, big, big]);
    model.params.find((p) => p.key === 'a.weight')!.value.fill(0);
    model.trainStep(Float64Array.of(1, 1), 1, Int32Array.of(0), 'cross-entropy');
    expect(model.firstNonFinite()).toEqual({ node: 'b', where: 'gradient' });
  });
});

describe('WIREGRAD_DEBUG=1', () => {
  it('asserts that every gradient has its variable’s shape', () => {
    const entry = REGISTRY.relu as { layer: BlockLayer }; // the registry is read-only for the engine, not for this test
    const relu = entry.layer;
    const g = chainFromShape([4], [{ id: 'a', type: 'dense', units: 3 }, { id: 'r', type: 'relu' }, { id: 'b', type: 'dense', units: 2 }]);
    // A relu whose backward forgets the batch: one sample's gradient for the whole batch.
    entry.layer = {
      ...relu,
      create: (ctx) => {
        const inner = relu.create(ctx);
        return { ...inner, forward: inner.forward.bind(inner), backward: (dy) => [inner.backward(dy)[0]!.subarray(0, 3)] };
      },
    };
    const saved = process.env.WIREGRAD_DEBUG;
    try {
      process.env.WIREGRAD_DEBUG = '1';
      const checked = buildModel(g, analyzedGraph(g));
      expect(() => checked.trainStep(randomBatch(1, 8), 2, Int32Array.of(0, 1), 'cross-entropy')).toThrow(/'r' has 3 values, expected 6/);
      delete process.env.WIREGRAD_DEBUG;
      const unchecked = buildModel(g, analyzedGraph(g));
      expect(() => unchecked.trainStep(randomBatch(1, 8), 2, Int32Array.of(0, 1), 'cross-entropy')).not.toThrow(/expected 6/);
    } finally {
      entry.layer = relu;
      if (saved === undefined) delete process.env.WIREGRAD_DEBUG;
      else process.env.WIREGRAD_DEBUG = saved;
    }
  });
});

describe('float32 training runs the same code as the float64 check', () => {
  it('LeNet-5 gradients in float32 agree with float64 to 1e-4 relative', () => {
    const g = lenet5Graph();
    const m32 = buildModel(g, analyzedGraph(g), { seed: 4 });
    const m64 = buildModel(g, analyzedGraph(g), { seed: 4, dtype: 'float64' });
    m64.params.forEach((p, i) => p.value.set(m32.params[i].value)); // identical (float32-representable) weights
    const x = randomBatch(11, 16 * 784);
    const t = Int32Array.from({ length: 16 }, (_, i) => (i * 7) % 10);
    const a = m32.trainStep(x, 16, t, 'cross-entropy');
    const b = m64.trainStep(Float64Array.from(x), 16, t, 'cross-entropy');
    expect(a.loss).toBeCloseTo(b.loss, 4);
    m32.params.forEach((p, i) => {
      const ref = m64.params[i].grad!;
      let diff = 0;
      let scale = 0;
      for (let j = 0; j < ref.length; j++) {
        diff = Math.max(diff, Math.abs(p.grad![j] - ref[j]));
        scale = Math.max(scale, Math.abs(ref[j]));
      }
      expect(diff / scale, p.key).toBeLessThan(1e-4);
    });
  });
});

describe('conv layers bound their im2col memory by processing the batch in chunks', () => {
  it('gives the same loss and gradients with one sample per chunk as with the whole batch at once', () => {
    const g = chainFromShape([9, 9, 2], [
      { id: 'c1', type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
      { type: 'relu' },
      { id: 'c2', type: 'conv2d', filters: 4, kernel: 3, stride: 2 },
      { id: 'out', type: 'dense', units: 3 },
    ]);
    const whole = new GraphRunner(g, analyzedGraph(g), { dtype: 'float64', seed: 6, inputGradient: true });
    // c1's im2col is 81·18 values per sample: a limit of 2,000 allows 1 sample per chunk.
    const chunked = new GraphRunner(g, analyzedGraph(g), { dtype: 'float64', seed: 6, inputGradient: true, colLimit: 2000 });
    const x = Float64Array.from(randomBatch(13, 5 * 162));
    const t = Int32Array.of(0, 1, 2, 0, 1);
    const a = whole.trainStep(x, 5, t, 'cross-entropy');
    const b = chunked.trainStep(x, 5, t, 'cross-entropy');
    expect(b.loss).toBeCloseTo(a.loss, 12);
    chunked.params.forEach((p, i) => expect(Array.from(p.grad!)).toEqual(Array.from(whole.params[i].grad!).map((v) => expect.closeTo(v, 12))));
    expect(Array.from(chunked.inputGradient()!)).toEqual(Array.from(whole.inputGradient()!).map((v) => expect.closeTo(v, 12)));
  });
});

describe('kernelWorkspaceBytes', () => {
  it('counts each conv’s im2col matrix and its gradient, chunk-bounded', () => {
    const g = lenet5Graph();
    // c1: 28·28·25 = 19,600 values per sample; c2: 10·10·150 = 15,000; batch 64 fits one chunk for both.
    expect(kernelWorkspaceBytes(analyzedGraph(g), 64)).toBe(2 * 64 * (19_600 + 15_000) * 4);
    const big = chainFromShape([224, 224, 64], [{ type: 'conv2d', filters: 64, kernel: 3, padding: 1 }]);
    // 224·224·576 = 28,901,376 values per sample: more than the 4 Mi limit, so one sample per chunk.
    expect(kernelWorkspaceBytes(analyzedGraph(big), 32, 'float64')).toBe(2 * 28_901_376 * 8);
  });
});

describe('cross-entropy on an image-shaped output', () => {
  it('is refused with a message naming the output node', () => {
    const g = chainFromShape([4, 4, 1], [{ id: 'c', type: 'conv2d', filters: 2, kernel: 3 }]);
    const model = buildModel(g, analyzedGraph(g));
    expect(() => model.trainStep(new Float32Array(16), 1, Int32Array.of(0), 'cross-entropy')).toThrow(/output 'c'; it is \[2, 2, 2\]/);
  });
});

describe('a graph that is only its input', () => {
  it('is refused with a message naming the input, not "0 outputs ()"', () => {
    const g = graphFromNodes([{ id: 'in', type: 'input', shape: [3] }], []);
    expect(() => buildModel(g, analyzeGraph(g))).toThrow("the graph is only its input 'in': connect at least one layer after it to train or check");
  });
});
