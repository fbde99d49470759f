import { describe, expect, it } from 'vitest';
import { Adam } from '../../engine/optim/adam';
import { Sgd } from '../../engine/optim/sgd';
import { DEFAULT_TRAINING } from '../../engine/train/config';
import { TrainingControl } from '../../engine/train/control';
import { epochOrder, train, type ProgressEvent, type TrainingData } from '../../engine/train/trainer';
import { blobs, LinearModel } from './linear-model';

const data = (): TrainingData => ({
  task: 'classification',
  numClasses: 3,
  inputShape: [4],
  train: blobs(300, 3, 4, 1),
  validation: blobs(60, 3, 4, 2),
  test: blobs(90, 3, 4, 3),
});
const config = { ...DEFAULT_TRAINING, loss: 'cross-entropy' as const, batchSize: 32, epochs: 5, learningRate: 0.05 };

describe('the training loop', () => {
  it('lowers the loss epoch after epoch and reports a confusion matrix', async () => {
    const model = new LinearModel(4, 3);
    const progress: ProgressEvent[] = [];
    const outcome = await train({ model, data: data(), config, optimizer: new Adam(), progressIntervalMs: 0, onProgress: (p) => progress.push(p) });
    expect(outcome.status).toBe('finished');
    if (outcome.status !== 'finished') return;
    const losses = outcome.history.map((h) => h.train.loss);
    expect(losses).toHaveLength(5);
    expect(losses[4]).toBeLessThan(losses[0] * 0.5);
    expect(outcome.history[4].validation!.accuracy).toBeGreaterThan(0.9);
    expect(outcome.test.accuracy).toBeGreaterThan(0.9);
    // 90 test samples, 30 per class, every one counted once
    expect(outcome.test.confusion!.map((row) => row.reduce((a, b) => a + b))).toEqual([30, 30, 30]);
    const correct = outcome.test.confusion!.reduce((s, row, i) => s + row[i], 0);
    expect(correct / 90).toBeCloseTo(outcome.test.accuracy!, 12);
    // ⌈300 / 32⌉ = 10 updates per epoch, every one reported with interval 0
    expect(progress).toHaveLength(50);
    expect(progress[49]).toMatchObject({ epoch: 4, step: 10, stepsPerEpoch: 10, globalStep: 50, totalSteps: 50 });
    expect(outcome.position).toEqual({ epoch: 5, stepInEpoch: 0, globalStep: 50 });
  });

  it('uses every sample once per epoch in a seeded order that changes between epochs', () => {
    const a = epochOrder(100, 7, 0);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...epochOrder(100, 7, 0)]).toEqual([...a]);
    expect([...epochOrder(100, 7, 1)]).not.toEqual([...a]);
    expect([...epochOrder(100, 8, 0)]).not.toEqual([...a]);
  });

  it('is reproducible and resumes mid-run to exactly the same weights', async () => {
    const whole = new LinearModel(4, 3);
    await train({ model: whole, data: data(), config, optimizer: new Sgd({ momentum: 0.9 }) });

    const first = new LinearModel(4, 3);
    const control = new TrainingControl();
    const optimizer = new Sgd({ momentum: 0.9 });
    let steps = 0;
    const stopped = await train({
      model: first,
      data: data(),
      config,
      optimizer,
      control,
      progressIntervalMs: 0,
      onProgress: () => {
        if (++steps === 23) control.cancel();
      },
    });
    expect(stopped.status).toBe('cancelled');
    expect(stopped.position).toEqual({ epoch: 2, stepInEpoch: 3, globalStep: 23 });
    const resumedOptimizer = new Sgd({ momentum: 0.9 });
    resumedOptimizer.load(optimizer.state(), first.params);
    const resumed = await train({ model: first, data: data(), config, optimizer: resumedOptimizer, start: stopped.position });
    expect(resumed.status).toBe('finished');
    expect(Array.from(first.params[0].value)).toEqual(Array.from(whole.params[0].value));
  });

  it('stops on a non-finite loss before updating, naming the node and the step', async () => {
    const model = new LinearModel(4, 3);
    model.poisonAtStep = 14;
    let before: number[] = [];
    const outcome = await train({
      model,
      data: data(),
      config,
      optimizer: new Adam(),
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.globalStep === 13) before = Array.from(model.params[0].value);
      },
    });
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.nonFinite).toEqual({ step: 14, node: 'fc', where: 'output' });
    expect(outcome.message).toMatch(/update 14 \(epoch 2, batch 4\).*NaN.*output of node 'fc'/);
    expect(Array.from(model.params[0].value)).toEqual(before);
    expect(outcome.history).toHaveLength(1);
  });

  it('pauses between steps and carries on after resume', async () => {
    const model = new LinearModel(4, 3);
    const control = new TrainingControl();
    const events: string[] = [];
    const run = train({
      model,
      data: data(),
      config: { ...config, epochs: 1 },
      optimizer: new Adam(),
      control,
      progressIntervalMs: 0,
      onProgress: (p) => {
        events.push(`step ${p.step}`);
        if (p.step === 2) control.pause();
      },
      onPaused: (at) => {
        events.push(`paused at ${at.globalStep}`);
        setTimeout(() => control.resume(), 20);
      },
      onResumed: () => events.push('resumed'),
    });
    const outcome = await run;
    expect(outcome.status).toBe('finished');
    expect(events.slice(0, 5)).toEqual(['step 1', 'step 2', 'paused at 2', 'resumed', 'step 3']);
  });

  it('trains a regression with MSE', async () => {
    const model = new LinearModel(1, 1);
    // x evenly spread over [−1, 1), y = 3x − 1
    const make = (n: number, offset: number) => {
      const x = Float32Array.from({ length: n }, (_, i) => ((i * 37 + offset) % n) / n * 2 - 1);
      return { count: n, x, y: Float32Array.from(x, (v) => 3 * v - 1) };
    };
    const outcome = await train({
      model,
      data: { task: 'regression', numClasses: 1, inputShape: [1], train: make(200, 1), validation: null, test: make(50, 2) },
      config: { ...config, loss: 'mse', epochs: 40, learningRate: 0.1, schedule: { type: 'cosine' } },
      optimizer: new Adam(),
    });
    expect(outcome.status).toBe('finished');
    if (outcome.status !== 'finished') return;
    expect(outcome.test.accuracy).toBeNull();
    expect(outcome.test.loss).toBeLessThan(1e-3);
    expect(model.params[0].value[0]).toBeCloseTo(3, 1);
    expect(model.params[1].value[0]).toBeCloseTo(-1, 1);
  });
});
