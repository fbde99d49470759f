import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWeights } from '../../engine/checkpoint/weights';
import { checkpointPaths } from '../../engine/checkpoint/paths';
import { previousStatePath, savedStateExists } from '../../engine/train/resume';
import { TrainingControl } from '../../engine/train/control';
import { TargetError } from '../../engine/loss/loss';
import { createBackend } from '../../engine/kernels/select';
import { runTrainingJob, userMessage } from '../../engine/train/job';
import type { StartRequest, WorkerMessage } from '../../engine/train/protocol';
import { tinyMnistGraphJson, writeGraphFile, x2GraphJson } from '../helpers/graphs';

async function runJob(request: StartRequest, control?: TrainingControl, onMessage?: (m: WorkerMessage, c?: TrainingControl) => void) {
  const messages: WorkerMessage[] = [];
  await runTrainingJob(request, (m) => {
    messages.push(m);
    onMessage?.(m, control);
  }, control);
  return messages;
}

const small = { dataset: 'mnist?train=600&test=200', epochs: 3, batchSize: 32, learningRate: 0.01, seed: 3, validationSplit: 0.1 };

describe('a training job', () => {
  it('trains a small conv net on 600 digits: the loss falls, accuracy beats chance, weights are saved', async () => {
    const graphFile = writeGraphFile(tinyMnistGraphJson(small));
    const messages = await runJob({ graphFile, overrides: {}, resume: false, progressIntervalMs: 0 });
    const last = messages[messages.length - 1];
    expect(last.type, JSON.stringify(last)).toBe('finished');
    if (last.type !== 'finished') return;
    expect(messages[0]).toMatchObject({ type: 'started', info: { trainCount: 540, validationCount: 60, testCount: 200, task: 'classification' } });
    // The run says which kernels it used: the same selection `wiregrad bench` and every other caller make.
    const selected = await createBackend();
    await selected.dispose();
    expect(messages[0].type === 'started' && messages[0].info.backend).toBe(selected.description);
    const epochs = messages.filter((m) => m.type === 'epoch-end');
    expect(epochs).toHaveLength(3);
    const losses = last.history.map((h) => h.train.loss);
    expect(losses[2]).toBeLessThan(losses[0]);
    expect(last.test.accuracy!).toBeGreaterThan(0.5); // chance is 0.1
    expect(last.test.confusion!.flat().reduce((a, b) => a + b)).toBe(200);
    const weights = readWeights(last.weightsFile);
    expect(weights.info).toMatchObject({ graph: 'tiny', dataset: small.dataset, task: 'classification', globalStep: 3 * 17 });
    expect(weights.info.classNames).toHaveLength(10);
    expect(weights.info.normalization!.mean).toHaveLength(1);
    expect(weights.tensors.get('conv.weight')!.shape).toEqual([3, 3, 1, 4]);
    expect(fs.existsSync(last.stateFile)).toBe(true);
  });

  it('resumes a cancelled run to the same weights as an uninterrupted one', async () => {
    const whole = writeGraphFile(tinyMnistGraphJson({ ...small, epochs: 2 }));
    const straight = await runJob({ graphFile: whole, overrides: {}, resume: false });
    expect(straight.at(-1)!.type).toBe('finished');

    const split = writeGraphFile(tinyMnistGraphJson({ ...small, epochs: 2 }));
    const control = new TrainingControl();
    const first = await runJob({ graphFile: split, overrides: {}, resume: false, progressIntervalMs: 0 }, control, (m, c) => {
      if (m.type === 'progress' && m.progress.globalStep === 20) c!.cancel();
    });
    expect(first.at(-1)).toMatchObject({ type: 'cancelled', position: { epoch: 1, stepInEpoch: 3, globalStep: 20 } });
    const second = await runJob({ graphFile: split, overrides: {}, resume: true });
    expect(second[0]).toMatchObject({ type: 'started', info: { resumedFrom: { globalStep: 20 } } });
    const end = second.at(-1)!;
    expect(end.type).toBe('finished');
    if (end.type !== 'finished') return;
    expect(end.history).toHaveLength(2);
    const a = readWeights(end.weightsFile).tensors.get('conv.weight')!.data;
    const b = readWeights((straight.at(-1) as { weightsFile: string }).weightsFile).tensors.get('conv.weight')!.data;
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('resumes from the previous save when a run stopped between writing the state and the weights', async () => {
    const whole = writeGraphFile(tinyMnistGraphJson({ ...small, epochs: 2 }));
    const straight = await runJob({ graphFile: whole, overrides: {}, resume: false });
    const split = writeGraphFile(tinyMnistGraphJson({ ...small, epochs: 2 }));
    const weightsPath = split.replace(/\.nn\.json$/, '.safetensors');
    const cancelAt = (step: number) => (m: WorkerMessage, c?: TrainingControl) => {
      if (m.type === 'progress' && m.progress.globalStep === step) c!.cancel();
    };
    await runJob({ graphFile: split, overrides: {}, resume: false, progressIntervalMs: 0 }, new TrainingControl(), cancelAt(20));
    const weightsAt20 = fs.readFileSync(weightsPath);
    const later = await runJob({ graphFile: split, overrides: {}, resume: true, progressIntervalMs: 0 }, new TrainingControl(), cancelAt(25));
    expect(later.at(-1)).toMatchObject({ type: 'cancelled', position: { globalStep: 25 } });
    // The save at update 25 wrote its state, then stopped before its weights: the weights on disk are update 20's.
    fs.writeFileSync(weightsPath, weightsAt20);
    const resumed = await runJob({ graphFile: split, overrides: {}, resume: true });
    expect(resumed[0]).toMatchObject({ type: 'started', info: { resumedFrom: { globalStep: 20 } } });
    const end = resumed.at(-1)!;
    expect(end.type).toBe('finished');
    const a = readWeights(weightsPath).tensors.get('conv.weight')!.data;
    const b = readWeights((straight.at(-1) as { weightsFile: string }).weightsFile).tensors.get('conv.weight')!.data;
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('resumes (and is offered a Resume) when a run stopped after setting the current state aside and before writing the new one', async () => {
    const graphFile = writeGraphFile(tinyMnistGraphJson({ ...small, epochs: 2 }));
    const { state } = checkpointPaths(graphFile);
    const cancelAt = (step: number) => (m: WorkerMessage, c?: TrainingControl) => {
      if (m.type === 'progress' && m.progress.globalStep === step) c!.cancel();
    };
    await runJob({ graphFile, overrides: {}, resume: false, progressIntervalMs: 0 }, new TrainingControl(), cancelAt(20));
    // What a window reload left in the real VS Code: the state of update 20 renamed to .prev, no state file yet.
    fs.renameSync(state, previousStatePath(state));
    expect(fs.existsSync(state)).toBe(false);
    expect(savedStateExists(state)).toBe(true);
    const resumed = await runJob({ graphFile, overrides: {}, resume: true });
    expect(resumed[0]).toMatchObject({ type: 'started', info: { resumedFrom: { globalStep: 20 } } });
    expect(resumed.at(-1)!.type).toBe('finished');
    fs.rmSync(state);
    fs.rmSync(previousStatePath(state));
    expect(savedStateExists(state)).toBe(false);
  });

  it('refuses a resume with a changed batch size, and one with nothing saved', async () => {
    const graphFile = writeGraphFile(tinyMnistGraphJson({ ...small, epochs: 1 }));
    expect((await runJob({ graphFile, overrides: {}, resume: true })).at(-1)).toMatchObject({ type: 'failed', message: expect.stringMatching(/tiny\.safetensors: no saved weights/) });
    await runJob({ graphFile, overrides: {}, resume: false });
    const changed = await runJob({ graphFile, overrides: { batchSize: 16, epochs: 2 }, resume: true });
    expect(changed.at(-1)).toMatchObject({ type: 'failed', message: expect.stringMatching(/batchSize was 32 and is now 16/) });
    const done = await runJob({ graphFile, overrides: {}, resume: true });
    expect(done.at(-1)).toMatchObject({ type: 'failed', message: expect.stringMatching(/already finished 1 epochs; raise --epochs/) });
  });

  it('pairs weights and training state by run id: files of two runs at the same update are refused', async () => {
    const a = writeGraphFile(x2GraphJson({ dataset: 'x2?train=64&test=16', epochs: 1, batchSize: 16 }));
    const b = writeGraphFile(x2GraphJson({ dataset: 'x2?train=64&test=16', epochs: 1, batchSize: 16 }));
    await runJob({ graphFile: a, overrides: {}, resume: false });
    await runJob({ graphFile: b, overrides: {}, resume: false });
    const idA = readWeights(a.replace(/\.nn\.json$/, '.safetensors')).info.runId;
    expect(idA).toMatch(/^[0-9a-f-]{36}$/);
    // A crash after writing b's state but before b's weights, at the same update: the step counts agree.
    fs.copyFileSync(b.replace(/\.nn\.json$/, '.ckpt.safetensors'), a.replace(/\.nn\.json$/, '.ckpt.safetensors'));
    fs.rmSync(a.replace(/\.nn\.json$/, '.ckpt.prev.safetensors'), { force: true });
    const resumed = await runJob({ graphFile: a, overrides: { epochs: 2 }, resume: true });
    expect(resumed.at(-1)).toMatchObject({ type: 'failed', message: expect.stringMatching(/cannot resume: .*tiny\.safetensors is from run [0-9a-f]{8} but .*tiny\.ckpt\.safetensors is from run [0-9a-f]{8}/) });
  });

  it('stops on a non-finite loss, naming the node and the update', async () => {
    // Regression with MSE and a learning rate far too high: the weights grow geometrically until the output overflows.
    const graphFile = writeGraphFile(x2GraphJson({ dataset: 'x2?train=200&test=50', optimizer: 'sgd', learningRate: 9.9, epochs: 50 }));
    const messages = await runJob({ graphFile, overrides: {}, resume: false });
    const last = messages.at(-1)!;
    expect(last.type).toBe('failed');
    if (last.type !== 'failed') return;
    expect(last.nonFinite?.step).toBeGreaterThan(1);
    expect(last.message).toMatch(/training stopped at update \d+ \(epoch \d+, batch \d+\).*node '/);
  });

  it('reports bad settings, graph errors and oversized designs as messages naming the field', async () => {
    const bad = writeGraphFile(tinyMnistGraphJson({ dataset: 'mnist', batchSize: 0, optimizer: 'lbfgs' }));
    const problems = await runJob({ graphFile: bad, overrides: {}, resume: false });
    expect(problems).toEqual([{ type: 'failed', message: expect.stringMatching(/tiny\.nn\.json: training\.batchSize must be a whole number.*got 0\n.*training\.optimizer must be one of/) }]);

    const noData = writeGraphFile(tinyMnistGraphJson({}));
    expect((await runJob({ graphFile: noData, overrides: {}, resume: false }))[0]).toMatchObject({ message: expect.stringMatching(/no data set.*--data/) });

    const wrongClasses = writeGraphFile({ ...tinyMnistGraphJson(small), nodes: tinyMnistGraphJson(small).nodes.map((n) => (n.id === 'out' ? { ...n, units: 7 } : n)) });
    expect((await runJob({ graphFile: wrongClasses, overrides: {}, resume: false })).at(-1)).toMatchObject({
      message: expect.stringMatching(/output 'out' has shape \[7\] but .* has 10 classes/),
    });

    const big = writeGraphFile(tinyMnistGraphJson(small));
    expect((await runJob({ graphFile: big, overrides: {}, resume: false, memoryBudgetBytes: 100_000 }))[0]).toMatchObject({
      message: expect.stringMatching(/over the budget of 97\.7 KiB: weights .*activations/),
    });

    expect((await runJob({ graphFile: '/nonexistent/x.nn.json', overrides: {}, resume: false }))[0]).toMatchObject({ message: expect.stringMatching(/cannot read .*x\.nn\.json: no such file/) });
  });
});

describe('userMessage', () => {
  it('shows a TargetError (data set and output disagree) as the user-facing message, not an internal error', () => {
    expect(userMessage(new TargetError('cross-entropy: target 2 of sample 1 is not a class of the 2-way output (0..1)'))).toBe(
      'cross-entropy: target 2 of sample 1 is not a class of the 2-way output (0..1)',
    );
    expect(userMessage(new Error('boom'))).toBe('internal error: boom');
  });
});
