import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWeights, saveWeights } from '../../engine/checkpoint/weights';
import { parseGraphText } from '../../engine/graph/parse';
import { buildModel } from '../../engine/model/model';
import { analyzeGraph } from '../../engine/shape/analyze';
import { runTrainingJob } from '../../engine/train/job';
import { firstConvFilters, learnedFunction, loadTrained, misclassified, predict } from '../../extension/training/insights';
import { RunFolder, pastRuns } from '../../extension/training/runFolder';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-insights-'));

describe('what the network learned', () => {
  it("the Maxout unit's learned function is max_j(w_j·x̂ + b_j) of the saved weights, on normalised x", async () => {
    const dir = tmp();
    const file = path.join(dir, 'x2.nn.json');
    const graph = JSON.parse(fs.readFileSync('examples/maxout-x2.nn.json', 'utf8'));
    graph.training.epochs = 5;
    const text = JSON.stringify(graph);
    fs.writeFileSync(file, text);
    await runTrainingJob({ graphFile: file, overrides: {}, resume: false }, () => undefined);
    const weights = path.join(dir, 'x2.safetensors');
    const net = loadTrained(text, weights);
    const f = learnedFunction(net)!;
    const saved = readWeights(weights);
    const w = saved.tensors.get('h.weight')!.data;
    const b = saved.tensors.get('h.bias')!.data;
    const { mean, std } = saved.info.normalization ?? { mean: [0], std: [1] };
    for (const i of [0, 30, 60, 90, 120]) {
      const xn = (f.x[i] - mean[0]) / std[0];
      const expected = Math.max(w[0] * xn + b[0], w[1] * xn + b[1], w[2] * xn + b[2]);
      expect(f.y[i]).toBeCloseTo(expected, 4);
    }
    expect(f.x[0]).toBeCloseTo(-1.2, 10);
    expect(f.x[120]).toBeCloseTo(1.2, 10);
    expect(f.reference![60]).toBeCloseTo(0, 10);
    expect(f.reference![0]).toBeCloseTo(1.44, 10);
    expect(firstConvFilters(net)).toBeNull();
  }, 60_000);

  it('LeNet: conv filters as 0–255 images, probabilities summing to 1, activation maps per conv', () => {
    const dir = tmp();
    const text = fs.readFileSync('examples/lenet5.nn.json', 'utf8');
    const graph = parseGraphText(text).graph!;
    const model = buildModel(graph, analyzeGraph(graph), { seed: 3 });
    const weights = path.join(dir, 'lenet5.safetensors');
    saveWeights(weights, model.params, { graph: 'LeNet-5', globalStep: 0, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
    const net = loadTrained(text, weights);

    const filters = firstConvFilters(net)!;
    expect(filters).toMatchObject({ node: 'c1', width: 5, height: 5, channels: 1 });
    expect(filters.images).toHaveLength(6);
    // Filter 2's pixel (row 1, column 3) is weight[1][3][0][2] in HWIO, index (1·5 + 3)·6 + 2.
    const w = net.model.params.find((p) => p.key === 'c1.weight')!.value;
    const own = Array.from({ length: 25 }, (_, i) => w[i * 6 + 2]);
    const lo = Math.min(...own);
    const hi = Math.max(...own);
    expect(filters.images[2][8]).toBe(Math.round(((w[8 * 6 + 2] - lo) / (hi - lo)) * 255));
    expect(Math.min(...filters.images[2])).toBe(0);
    expect(Math.max(...filters.images[2])).toBe(255);

    const digit = Array.from({ length: 784 }, (_, i) => (i % 28 > 10 && i % 28 < 16 ? 1 : 0));
    const p = predict(net, digit);
    expect(p.probabilities).toHaveLength(10);
    expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p.classNames[3]).toBe('3');
    expect(p.activations.map((a) => [a.node, a.width, a.height, a.maps.length])).toEqual([
      ['c1', 28, 28, 6],
      ['c3', 10, 10, 16],
    ]);
    expect(() => predict(net, [1, 2, 3])).toThrow(/3 values; the network takes 784/);
  });

  it('misclassified test images: as many as the run\'s test accuracy says, each one really wrong', async () => {
    const dir = tmp();
    const file = path.join(dir, 'tiny.nn.json');
    const graph = {
      format: 'wiregrad.graph',
      version: 1,
      name: 'tiny',
      nodes: [
        { id: 'input', type: 'input', shape: [28, 28, 1] },
        { id: 'fc', type: 'dense', units: 10 },
      ],
      edges: [{ from: 'input', to: 'fc' }],
      training: { dataset: 'mnist?train=400&test=150', epochs: 1, batchSize: 32, seed: 2, learningRate: 0.01 },
    };
    const text = JSON.stringify(graph);
    fs.writeFileSync(file, text);
    let accuracy = -1;
    await runTrainingJob({ graphFile: file, overrides: {}, resume: false }, (m) => {
      if (m.type === 'finished') accuracy = m.test.accuracy!;
      if (m.type === 'failed') throw new Error(m.message);
    });
    const net = loadTrained(text, path.join(dir, 'tiny.safetensors'));
    const wrong = (await misclassified(net, file, 5))!;
    expect(wrong.checked).toBe(150);
    expect(wrong.wrong).toBe(Math.round((1 - accuracy) * 150));
    expect(wrong.examples.length).toBe(Math.min(5, wrong.wrong));
    for (const e of wrong.examples) {
      expect(e.predicted).not.toBe(e.actual);
      expect(e.pixels).toHaveLength(784);
      expect(e.confidence).toBeGreaterThan(0.1);
    }
  }, 60_000);

  it('a run folder records the messages as JSON lines; past runs give back their loss curves', async () => {
    const dir = tmp();
    const graphFile = path.join(dir, 'net.nn.json');
    const a = new RunFolder(graphFile, new Date(2026, 10, 27, 9, 5, 7));
    expect(path.relative(dir, a.dir)).toBe(path.join('runs', 'net', '2026-11-27_09-05-07'));
    const progress = (globalStep: number, loss: number) =>
      ({ type: 'progress', progress: { epoch: 0, epochs: 1, step: globalStep, stepsPerEpoch: 9, globalStep, totalSteps: 9, loss, accuracy: null, learningRate: 0.1, samplesPerSecond: 1, etaSeconds: 1 } }) as const;
    a.record(progress(1, 0.5));
    a.record(progress(2, 0.25));
    await a.flushed();
    fs.appendFileSync(path.join(a.dir, 'metrics.jsonl'), '{"type":"progr');
    const b = new RunFolder(graphFile, new Date(2026, 10, 27, 9, 5, 7));
    expect(b.dir.endsWith('2026-11-27_09-05-07_2')).toBe(true);
    b.record(progress(1, 0.75));
    await b.flushed();
    expect(await pastRuns(graphFile)).toEqual([
      { name: '2026-11-27_09-05-07_2', steps: [{ step: 1, loss: 0.75 }] },
      { name: '2026-11-27_09-05-07', steps: [{ step: 1, loss: 0.5 }, { step: 2, loss: 0.25 }] },
    ]);
    expect((await pastRuns(graphFile, b.dir)).map((r) => r.name)).toEqual(['2026-11-27_09-05-07']);
  });
});
