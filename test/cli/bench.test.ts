/**
 * `wiregrad bench` as users run it (dist/cli.js): the JSON contract and every refusal. Never the times themselves:
 * only that they are positive, finite and consistent with each other (samples/s = batch / median step).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'wiregrad.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'bench', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmpGraph(graph: object | string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-bench-'));
  const file = path.join(dir, 'g.nn.json');
  fs.writeFileSync(file, typeof graph === 'string' ? graph : JSON.stringify({ format: 'wiregrad.graph', version: 1, ...graph }));
  return file;
}

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

describe('wiregrad bench --json', () => {
  it('reports throughput, the backend and every node of LeNet-5 with the training section of the file', () => {
    const r = run('examples/lenet5.nn.json', '--steps', '2', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(['wasm-relaxed-simd', 'wasm-simd', 'cpu']).toContain(j.backend);
    expect(j.backendDescription).toMatch(new RegExp(`^${j.backend}`));
    expect(Number.isInteger(j.threads) && j.threads >= 1).toBe(true);
    // examples/lenet5.nn.json trains with adam, lr 0.003, batch 32 on ten classes.
    expect(j).toMatchObject({ graph: 'LeNet-5', batchSize: 32, optimizer: 'adam', learningRate: 0.003, loss: 'cross-entropy', trainSteps: 2, inferSteps: 2, profiledSteps: 2 });
    for (const k of ['trainSamplesPerSec', 'inferSamplesPerSec', 'trainStepMs', 'inferStepMs', 'profiledStepMs', 'peakRssBytes']) expect(positive(j[k]), k).toBe(true);
    expect(j.trainSamplesPerSec).toBeCloseTo((32 * 1000) / j.trainStepMs, 6);
    expect(j.inferSamplesPerSec).toBeCloseTo((32 * 1000) / j.inferStepMs, 6);
    // Every node but the input, once, sorted by cost; forward + backward = total; shares of one step.
    const ids = j.nodes.map((n: { id: string }) => n.id).sort();
    expect(ids).toEqual(['c1', 'c3', 'c5', 'f6', 'output', 'relu1', 'relu3', 'relu5', 'relu6', 's2', 's4', 'softmax']);
    for (const n of j.nodes) {
      expect(n.forwardMs).toBeGreaterThanOrEqual(0);
      expect(n.backwardMs).toBeGreaterThanOrEqual(0);
      expect(n.totalMs).toBeCloseTo(n.forwardMs + n.backwardMs, 9);
      expect(n.percent).toBeCloseTo((100 * n.totalMs) / j.profiledStepMs, 6);
    }
    for (let i = 1; i < j.nodes.length; i++) expect(j.nodes[i].totalMs).toBeLessThanOrEqual(j.nodes[i - 1].totalMs);
    const shares = j.nodes.reduce((s: number, n: { totalMs: number }) => s + n.totalMs, 0) + j.optimizerMs + j.otherMs;
    expect(shares).toBeCloseTo(j.profiledStepMs, 6);
    expect(j.nodes.find((n: { id: string }) => n.id === 'c1').type).toBe('conv2d');
  });

  it('updates the weights: the loss on the fixed random batch falls over the timed steps', () => {
    const f = tmpGraph({
      nodes: [{ id: 'x', type: 'input', shape: [20] }, { id: 'h', type: 'dense', units: 16 }, { id: 'r', type: 'relu' }, { id: 'o', type: 'dense', units: 4 }],
      edges: [{ from: 'x', to: 'h' }, { from: 'h', to: 'r' }, { from: 'r', to: 'o' }],
      training: { optimizer: 'sgd', learningRate: 0.1, batchSize: 8 },
    });
    const j = JSON.parse(run(f, '--steps', '20', '--json').out);
    expect(j).toMatchObject({ optimizer: 'sgd', learningRate: 0.1, batchSize: 8, loss: 'cross-entropy' });
    expect(j.lastLoss).toBeLessThan(0.9 * j.firstLoss);
  });

  it('uses SGD and the mse loss for a graph without a training section whose output is an image; --backend cpu and --batch-size win', () => {
    const f = tmpGraph({
      nodes: [{ id: 'x', type: 'input', shape: [6, 6, 2] }, { id: 'c', type: 'conv2d', filters: 3, kernel: 3, padding: 1 }],
      edges: [{ from: 'x', to: 'c' }],
    });
    const r = run(f, '--steps', '1', '--json', '--backend', 'cpu', '--batch-size', '5');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ backend: 'cpu', batchSize: 5, optimizer: 'sgd', learningRate: 0.01, loss: 'mse', trainSteps: 1 });
    expect(j.nodes.map((n: { id: string }) => n.id)).toEqual(['c']);
  });

  it('prints a table sorted by cost with the share of the step', () => {
    const r = run('examples/lenet5.nn.json', '--steps', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^training\s+[\d,]+ samples\/s\s+median step/m);
    expect(r.out).toMatch(/^inference\s+[\d,]+ samples\/s/m);
    expect(r.out).toMatch(/^c3\s+conv2d\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+ %$/m);
    expect(r.out).toMatch(/^\(adam update\)\s+[\d.]+\s+[\d.]+ %$/m);
  });
});

describe('wiregrad bench refusals', () => {
  it('exits 2 for a missing or unparsable file, naming it', () => {
    const missing = run('nope.nn.json');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('wiregrad: cannot read nope.nn.json: no such file.\n');
    const broken = run(tmpGraph('{ "format": "wiregrad.graph", "version": 1,'));
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/g\.nn\.json:1:\d+: error: /);
    expect(run().code).toBe(2);
  });

  it('exits 1 for a graph with errors or a bad training section, listing them', () => {
    const bad = run(tmpGraph({ nodes: [{ id: 'x', type: 'input', shape: [7, 7, 1] }, { id: 'c', type: 'conv2d', filters: 1, kernel: 9 }], edges: [{ from: 'x', to: 'c' }] }));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/g\.nn\.json: error in node 'c': /);
    expect(bad.err).toContain('the file has errors');
    const training = run(tmpGraph({ nodes: [{ id: 'x', type: 'input', shape: [4] }, { id: 'd', type: 'dense', units: 3 }], edges: [{ from: 'x', to: 'd' }], training: { batchSize: 0 } }));
    expect(training.code).toBe(1);
    expect(training.err).toMatch(/error in training\.batchSize: must be a whole number from 1 to 65536, got 0/);
    const onlyInput = run(tmpGraph({ nodes: [{ id: 'x', type: 'input', shape: [4] }], edges: [] }));
    expect(onlyInput.code).toBe(1);
    expect(onlyInput.err).toMatch(/the graph is only its input 'x'/);
  });

  it('exits 2 for a batch size, thread count, step count or backend out of bounds', () => {
    for (const [flag, value, msg] of [
      ['--batch-size', '0', '--batch-size needs a whole number from 1 to 65536; got 0.'],
      ['--batch-size', '65537', '--batch-size needs a whole number from 1 to 65536; got 65537.'],
      ['--batch-size', '2.5', '--batch-size needs a whole number from 1 to 65536; got 2.5.'],
      ['--threads', '0', '--threads needs a whole number from 1 to 256; got 0.'],
      ['--steps', 'many', '--steps needs a whole number from 1 to 100000; got many.'],
      ['--backend', 'gpu', '--backend must be wasm or cpu; got gpu.'],
    ]) {
      const r = run('examples/lenet5.nn.json', flag, value);
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.err).toBe(`wiregrad: ${msg}\n`);
    }
    expect(run('examples/lenet5.nn.json', '--bogus').code).toBe(2);
  });

  it('exits 1 with the memory breakdown when the design would not fit the budget', () => {
    const r = run('examples/vgg16.nn.json', '--batch-size', '256', '--memory-budget', '100');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^wiregrad: examples\/vgg16\.nn\.json: training would need about [\d.]+ GiB, over the budget of 100\.0 MiB: weights/);
    expect(r.err).toContain('(batch 256)');
  });
});
