/**
 * train.py under torchrun: LeNet-5 exported with the bundled MNIST, one epoch with two processes
 * (DistributedDataParallel, gloo, DistributedSampler). The loss must fall, the JSON lines must be wiregrad's trainer
 * messages (parseWorkerMessage accepts every one), and the weights written back beside the graph must give
 * `wiregrad evaluate` the test accuracy PyTorch reported (±0.5%).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkerMessage, type WorkerMessage } from '../../engine/train/protocol';
import { torchPython, torchStatus } from './torch';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'wiregrad.js');
let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-pytorch-train-'));
  fs.copyFileSync(path.join(ROOT, 'examples', 'lenet5.nn.json'), path.join(dir, 'lenet5.nn.json'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!torchPython)(`train.py under torchrun ${torchStatus}`, () => {
  it('one epoch of LeNet-5 on MNIST with 2 processes lowers the loss; wiregrad evaluate agrees with its accuracy', () => {
    const exported = spawnSync(process.execPath, [CLI, 'export', 'lenet5.nn.json', '--to', 'pytorch'], { cwd: dir, encoding: 'utf8' });
    expect(exported.status, exported.stderr).toBe(0);
    const t0 = performance.now();
    const run = spawnSync(
      torchPython!,
      ['-m', 'torch.distributed.run', '--standalone', '--nproc-per-node=2', 'train.py', '--epochs', '1'],
      { cwd: path.join(dir, 'lenet5.pytorch'), encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' }, timeout: 900_000 },
    );
    const seconds = (performance.now() - t0) / 1000;
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => l.startsWith('{'));
    const messages = lines.map((l) => parseWorkerMessage(JSON.parse(l)));
    expect(messages.every((m) => m !== null)).toBe(true);
    const of = <T extends WorkerMessage['type']>(type: T) => messages.filter((m): m is Extract<WorkerMessage, { type: T }> => m!.type === type);
    const started = lines.map((l) => JSON.parse(l)).find((m) => m.type === 'started');
    expect(started.info).toMatchObject({ processes: 2, batchPerProcess: 16, trainCount: 7600, validationCount: 400, testCount: 2000 });
    const progress = of('progress');
    const [epoch] = of('epoch-end');
    const [finished] = of('finished');
    const firstLoss = progress[0].progress.loss;
    process.stdout.write(
      `torchrun 2 procs, 1 epoch: first reported loss ${firstLoss.toFixed(4)}, epoch train loss ${epoch.metrics.train.loss.toFixed(4)}, ` +
        `validation loss ${epoch.metrics.validation!.loss.toFixed(4)}, test loss ${finished.test.loss.toFixed(4)} acc ${(finished.test.accuracy! * 100).toFixed(2)}% (${seconds.toFixed(1)} s)\n`,
    );
    expect(progress[0].progress).toMatchObject({ epoch: 0, epochs: 1, stepsPerEpoch: 238, totalSteps: 238 });
    expect(epoch.metrics.validation!.loss).toBeLessThan(firstLoss / 4);
    expect(finished.test.loss).toBeLessThan(firstLoss / 4);
    expect(finished.test.accuracy).toBeGreaterThan(0.85);
    expect(finished.weightsFile).toBe(path.join(dir, 'lenet5.pytorch', '..', 'lenet5.safetensors'));

    const evaluated = spawnSync(process.execPath, [CLI, 'evaluate', 'lenet5.nn.json'], { cwd: dir, encoding: 'utf8' });
    expect(evaluated.status, evaluated.stderr).toBe(0);
    const match = /test: 2000 samples, loss ([\d.]+) acc ([\d.]+)%/.exec(evaluated.stdout);
    expect(match, evaluated.stdout).not.toBeNull();
    const accuracy = Number(match![2]) / 100;
    process.stdout.write(`wiregrad evaluate: loss ${match![1]} acc ${match![2]}% (PyTorch reported ${(finished.test.accuracy! * 100).toFixed(2)}%)\n`);
    expect(Math.abs(accuracy - finished.test.accuracy!)).toBeLessThanOrEqual(0.005);
    expect(Number(match![1])).toBeCloseTo(finished.test.loss, 3);
  }, 900_000);
});
