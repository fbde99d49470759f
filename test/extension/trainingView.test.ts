import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrainingJob } from '../../engine/train/job';
import type { WorkerMessage } from '../../engine/train/protocol';
import { TrainingControl } from '../../engine/train/control';
import { IDLE, MAX_POINTS, reduceTraining } from '../../extension/training/trainingView';
import type { TrainingView } from '../../extension/protocol';

/** The Maxout x² example with a short run, in a scratch folder (the job writes checkpoints beside the graph). */
function scratchGraph(epochs: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-view-'));
  const graph = JSON.parse(fs.readFileSync('examples/maxout-x2.nn.json', 'utf8'));
  graph.training.epochs = epochs;
  const file = path.join(dir, 'x2.nn.json');
  fs.writeFileSync(file, JSON.stringify(graph));
  return file;
}

function fold(messages: readonly WorkerMessage[]): TrainingView[] {
  const views: TrainingView[] = [];
  let v = IDLE;
  for (const m of messages) views.push((v = reduceTraining(v, m)));
  return views;
}

describe('training panel state from the real engine', () => {
  it('a finished regression run: per-step losses, one point per epoch, test loss and the weights file', async () => {
    const messages: WorkerMessage[] = [];
    await runTrainingJob({ graphFile: scratchGraph(3), overrides: {}, resume: false, progressIntervalMs: 0 }, (m) => messages.push(m));
    const views = fold(messages);
    const last = views.at(-1)!;
    expect(messages.at(-1)!.type).toBe('finished');
    expect(last.status).toBe('finished');
    expect(last.backend).toBe(messages[0].type === 'started' ? messages[0].info.backend : 'no started message');
    expect(last.backend).toMatch(/^(wasm-relaxed-simd|wasm-simd|cpu)\b/);
    expect(last.line).toMatch(/^finished 3 epochs in \d+:\d\d · test loss \d+\.\d{5}$/);
    expect(last.epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(last.steps.length).toBeGreaterThanOrEqual(3);
    // Steps are increasing and every loss is a finite number.
    expect(last.steps.every((s, i) => i === 0 || s.step > last.steps[i - 1].step)).toBe(true);
    expect(last.steps.every((s) => Number.isFinite(s.loss) && s.accuracy === null)).toBe(true);
    expect(last.testAccuracy).toBeNull();
    expect(last.testLoss).toBe((messages.at(-1) as Extract<WorkerMessage, { type: 'finished' }>).test.loss);
    expect(fs.existsSync(last.weightsFile!)).toBe(true);
    const running = views.find((v) => v.line.startsWith('epoch 1/3 · step'));
    expect(running?.status).toBe('running');
    expect(running?.line).toMatch(/samples\/s · ETA \d+:\d\d$/);
  });

  it('a cancelled run says so and points at the checkpoint', async () => {
    const messages: WorkerMessage[] = [];
    const control = new TrainingControl();
    await runTrainingJob({ graphFile: scratchGraph(50), overrides: {}, resume: false, progressIntervalMs: 0 }, (m) => {
      messages.push(m);
      if (m.type === 'epoch-end' && m.metrics.epoch === 1) control.cancel();
    }, control);
    const last = fold(messages).at(-1)!;
    expect(last.status).toBe('cancelled');
    expect(last.line).toMatch(/^cancelled at epoch \d+, step \d+/);
  });

  it('a failure keeps the curves so far and shows the reason', () => {
    const started = reduceTraining(IDLE, { type: 'progress', progress: { epoch: 0, epochs: 2, step: 5, stepsPerEpoch: 10, globalStep: 5, totalSteps: 20, loss: 2.5, accuracy: 0.25, learningRate: 0.1, samplesPerSecond: 1000, etaSeconds: 65 } });
    expect(started.line).toBe('epoch 1/2 · step 5/10 · loss 2.5000 · accuracy 25.0% · 1,000 samples/s · ETA 1:05');
    const failed = reduceTraining(started, { type: 'failed', message: 'the loss became NaN', nonFinite: { step: 6, node: 'fc', where: 'output' } });
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe("the loss became NaN (non-finite output at step 6, node 'fc')");
    expect(failed.steps).toHaveLength(1);
  });
});

describe('a design that does not fit its data set', () => {
  /** The `failed` message of a run of LeNet-5 with `edit` applied to its file first. */
  async function refusal(edit: (graph: { nodes: { id: string; units?: number }[]; training: Record<string, unknown> }) => void) {
    const file = scratchGraph(1);
    const graph = JSON.parse(fs.readFileSync('examples/lenet5.nn.json', 'utf8'));
    edit(graph);
    fs.writeFileSync(file, JSON.stringify(graph));
    const messages: WorkerMessage[] = [];
    await runTrainingJob({ graphFile: file, overrides: {}, resume: false }, (m) => messages.push(m));
    return messages[messages.length - 1];
  }

  it('fails carrying the fix as an edit: the last dense layer to the class count', async () => {
    const end = await refusal((g) => {
      g.nodes.find((n) => n.id === 'output')!.units = 7;
      g.training = { ...g.training, dataset: 'mnist' };
    });
    expect(end).toMatchObject({ type: 'failed', message: expect.stringMatching(/MNIST .* has 10 classes: end the graph with a dense layer of 10 units/) });
    expect(end.type === 'failed' && end.fixes).toEqual([
      { title: "set 'output'.units to 10", edits: [{ kind: 'set-attribute', node: 'output', attribute: 'units', value: 10 }] },
    ]);
  });

  it('fails carrying the fix as an edit: the input to the data set’s shape', async () => {
    const end = await refusal((g) => {
      g.training = { ...g.training, dataset: 'x2', loss: 'mse' };
    });
    expect(end).toMatchObject({ type: 'failed', message: expect.stringMatching(/use an input of shape \[1\]/) });
    expect(end.type === 'failed' && end.fixes).toEqual([
      { title: 'set the input shape to [1]', edits: [{ kind: 'set-attribute', node: 'input', attribute: 'shape', value: [1] }] },
    ]);
  });

  it('fails without fixes when nothing in the design would help', async () => {
    const end = await refusal((g) => {
      g.training = { ...g.training, dataset: 'no-such-set' };
    });
    expect(end.type).toBe('failed');
    expect(end.type === 'failed' && end.fixes).toBeUndefined();
  });
});

describe('training panel state on a run of thousands of short epochs', () => {
  it('every series stays within its cap, keeps its first and last point, and the posted view stays small', () => {
    let v = IDLE;
    const epochs = 5000;
    const nodes = ['input', 'fc', 'softmax'].map((node) => ({ node, params: node === 'fc' ? 7850 : 0, paramGradNorm: 0.1, outputGradNorm: 0.2, updateRatio: 0.001 }));
    for (let e = 0; e < epochs; e++) {
      const progress = { epoch: e, epochs: 100_000, step: 85, stepsPerEpoch: 85, globalStep: (e + 1) * 85, totalSteps: 8_500_000, loss: 1 / (e + 1), accuracy: 0.9, learningRate: 0.01, samplesPerSecond: 70_000, etaSeconds: 1000 };
      v = reduceTraining(v, { type: 'progress', progress } as WorkerMessage);
      v = reduceTraining(v, { type: 'gradient-flow', flow: { epoch: e, samples: 32, every: 1, nodes }, flags: [] } as unknown as WorkerMessage);
      const split = { count: 2700, loss: 1 / (e + 1), accuracy: 0.9 };
      v = reduceTraining(v, { type: 'epoch-end', metrics: { epoch: e, train: split, validation: { ...split, count: 300 }, learningRate: 0.01, seconds: 0.03, samplesPerSecond: 70_000 } } as WorkerMessage);
    }
    expect(v.steps.length).toBeLessThanOrEqual(MAX_POINTS.steps);
    expect(v.epochs.length).toBeLessThanOrEqual(MAX_POINTS.epochs);
    expect(v.gradientFlow.length).toBeLessThanOrEqual(MAX_POINTS.gradientFlow);
    // Thinned, not truncated: the chart still spans the whole run.
    expect(v.epochs[0].epoch).toBe(0);
    expect(v.epochs.at(-1)!.epoch).toBe(epochs - 1);
    expect(v.gradientFlow[0].epoch).toBe(0);
    expect(v.gradientFlow.at(-1)!.epoch).toBe(epochs - 1);
    expect(v.steps.at(-1)!.step).toBe(epochs * 85);
    // Increasing epochs after thinning (every other one dropped, never reordered).
    expect(v.epochs.every((p, i) => i === 0 || p.epoch > v.epochs[i - 1].epoch)).toBe(true);
    // Before the caps (steps at 1,500, epochs and gradient flow unbounded) this view was 2.3 MB after 5,000 epochs; now 153 kB.
    expect(JSON.stringify(v).length).toBeLessThan(200_000);
  });
});
