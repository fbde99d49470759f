/**
 * Gradient flow (engine/train/gradientFlow.ts): the meter's numbers against the same quantities computed by hand
 * from the model's weights and activations in float64, and the per-epoch messages of a real training job.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../engine/model/model';
import { Sgd } from '../../engine/optim/sgd';
import { GradientFlowMeter, samplingInterval } from '../../engine/train/gradientFlow';
import { runTrainingJob } from '../../engine/train/job';
import { parseWorkerMessage, type WorkerMessage } from '../../engine/train/protocol';
import { Rng } from '../../engine/random/rng';
import { analyzedGraph, chainFromShape, tinyMnistGraphJson, writeGraphFile } from '../helpers/graphs';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

describe('the gradient flow meter', () => {
  it('measures ‖∂L/∂θ‖, ‖∂L/∂output‖ and the applied ‖Δθ‖/‖θ‖ exactly as computed by hand', () => {
    const graph = chainFromShape([3], [
      { id: 'h', type: 'dense', units: 4 },
      { id: 'act', type: 'tanh' },
      { id: 'out', type: 'dense', units: 2 },
      { id: 'p', type: 'softmax' },
    ]);
    const analysis = analyzedGraph(graph);
    const model = buildModel(graph, analysis, { dtype: 'float64', seed: 4 });
    const batch = 5;
    const rng = new Rng(9);
    const x = Float64Array.from({ length: batch * 3 }, () => rng.uniform() * 2 - 1);
    const y = Int32Array.from({ length: batch }, (_, i) => i % 2);
    const lr = 0.1;
    const meter = new GradientFlowMeter(analysis.order, model.params, 1);
    const result = model.trainStep(x, batch, y, 'cross-entropy', meter.outputSquares);
    meter.beforeUpdate();
    const before = new Map(model.params.map((p) => [p.key, Float64Array.from(p.value)]));
    const grads = new Map(model.params.map((p) => [p.key, Float64Array.from(p.grad!)]));
    new Sgd().step(model.params, lr);
    meter.afterUpdate();
    const flow = meter.endEpoch(0)!;
    const at = (node: string) => flow.nodes.find((n) => n.node === node)!;

    // ∂L/∂logits = (p − onehot)/batch for the mean cross-entropy fused with the softmax.
    const probs = result.output;
    const dLogits = Array.from(probs, (v, i) => (v - (y[Math.floor(i / 2)] === i % 2 ? 1 : 0)) / batch);
    expect(at('out').outputGradNorm).toBeCloseTo(norm(dLogits), 12);
    // ∂L/∂act = ∂L/∂logits · Wᵀ (W is [n_in = 4, n_out = 2]); ∂L/∂h = ∂L/∂act ⊙ (1 − tanh²).
    const w = before.get('out.weight')!;
    const a = model.activation('act')!;
    const dAct = Array.from({ length: batch * 4 }, (_, k) => {
      const [n, i] = [Math.floor(k / 4), k % 4];
      return dLogits[n * 2] * w[i * 2] + dLogits[n * 2 + 1] * w[i * 2 + 1];
    });
    expect(at('act').outputGradNorm).toBeCloseTo(norm(dAct), 12);
    expect(at('h').outputGradNorm).toBeCloseTo(norm(dAct.map((d, k) => d * (1 - a[k] * a[k]))), 12);
    // The fused softmax's ∂L/∂p is never formed; the input node needs no gradient.
    expect(at('p').outputGradNorm).toBeNull();
    expect(at('in').outputGradNorm).toBeNull();

    for (const node of ['h', 'out']) {
      const keys = [`${node}.weight`, `${node}.bias`];
      const g = keys.flatMap((k) => Array.from(grads.get(k)!));
      const theta = keys.flatMap((k) => Array.from(before.get(k)!));
      expect(at(node).params).toBe(theta.length);
      expect(at(node).paramGradNorm).toBeCloseTo(norm(g), 12);
      // Plain SGD applies Δθ = −η·g, so the ratio is η‖g‖/‖θ‖ (biases start at 0 and count in ‖Δθ‖ only).
      expect(at(node).updateRatio).toBeCloseTo((lr * norm(g)) / norm(theta), 12);
    }
    expect(at('act')).toMatchObject({ params: 0, paramGradNorm: null, updateRatio: null });
    expect(flow).toMatchObject({ epoch: 0, samples: 1, every: 1 });
    // Sums start again for the next epoch.
    expect(meter.endEpoch(1)).toBeNull();
  });

  it('samples about 20 updates per epoch, never more often than every 5th', () => {
    expect(samplingInterval(17)).toBe(5);
    expect(samplingInterval(238)).toBe(11); // LeNet-5's main job: 7,600 samples / 32
    expect(samplingInterval(1000)).toBe(50);
  });
});

describe('gradient flow in a training job', () => {
  it('sends one gradient-flow message before each epoch-end, valid under the protocol', async () => {
    const graphFile = writeGraphFile(tinyMnistGraphJson({ dataset: 'mnist?train=600&test=200', epochs: 3, batchSize: 32, learningRate: 0.01, seed: 3, validationSplit: 0.1 }));
    const messages: WorkerMessage[] = [];
    await runTrainingJob({ graphFile, overrides: {}, resume: false }, (m) => messages.push(m));
    expect(messages.at(-1)!.type).toBe('finished');
    const kinds = messages.filter((m) => m.type === 'gradient-flow' || m.type === 'epoch-end').map((m) => m.type);
    expect(kinds).toEqual(['gradient-flow', 'epoch-end', 'gradient-flow', 'epoch-end', 'gradient-flow', 'epoch-end']);
    const flows = messages.flatMap((m) => (m.type === 'gradient-flow' ? [m] : []));
    // 540 samples / 32 = 17 updates per epoch, every 5th by global step: 0,5,10,15 | 20,25,30 | 35,40,45,50.
    expect(flows.map((f) => f.flow.samples)).toEqual([4, 3, 4]);
    for (const f of flows) {
      expect(parseWorkerMessage(JSON.parse(JSON.stringify(f)))).not.toBeNull();
      expect(f.flow.nodes.map((n) => n.node)).toEqual(['input', 'conv', 'relu', 'pool', 'out']);
      const conv = f.flow.nodes[1];
      expect(conv.params).toBe(3 * 3 * 1 * 4 + 4);
      expect(conv.paramGradNorm).toBeGreaterThan(0);
      expect(conv.updateRatio).toBeGreaterThan(0);
      expect(f.flags).toEqual([]); // a 2-layer network: nothing to compare against
    }
  }, 60_000);
});

describe('the gradient-flow message', () => {
  const flow = { epoch: 0, samples: 2, every: 5, nodes: [{ node: 'c1', params: 156, paramGradNorm: 1.5, outputGradNorm: 0.1, updateRatio: 0.002 }] };
  it('is accepted when well formed and refused otherwise', () => {
    expect(parseWorkerMessage({ type: 'gradient-flow', flow, flags: [] })).toMatchObject({ type: 'gradient-flow' });
    const flag = { node: 'c1', kind: 'vanishing', ratio: 1e-4, explanation: 'why' };
    expect(parseWorkerMessage({ type: 'gradient-flow', flow, flags: [flag] })).toMatchObject({ flags: [flag] });
    for (const bad of [
      { type: 'gradient-flow', flow },
      { type: 'gradient-flow', flow: { ...flow, nodes: [{ node: 'c1', params: 156, paramGradNorm: '1.5', outputGradNorm: null, updateRatio: null }] }, flags: [] },
      { type: 'gradient-flow', flow: { ...flow, epoch: null }, flags: [] },
      { type: 'gradient-flow', flow, flags: [{ ...flag, kind: 'sideways' }] },
    ]) {
      expect(parseWorkerMessage(bad)).toBeNull();
    }
  });
});
