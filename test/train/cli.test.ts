/**
 * The train, evaluate and predict commands, run in-process against a worker bundle built into a temporary folder
 * (WIREGRAD_WORKER points the CLI at it). Output is captured from process.stdout/stderr.
 */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { evaluate } from '../../cli/commands/evaluate';
import { predict } from '../../cli/commands/predict';
import { train } from '../../cli/commands/train';
import { CliError } from '../../cli/errors';
import { graphJsonChain, writeGraphFile } from '../helpers/graphs';

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-cli-'));
  process.env.WIREGRAD_WORKER = path.join(dir, 'worker.js');
  await esbuild.build({
    entryPoints: [path.resolve(__dirname, '../../engine/train/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    outfile: process.env.WIREGRAD_WORKER,
    logLevel: 'error',
  });
}, 60_000);

afterEach(() => vi.restoreAllMocks());

async function capture(run: () => Promise<number>) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await run();
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

/** A tiny colour classifier for the generated shapes set. */
const shapesGraph = graphJsonChain(
  'shapes-tiny',
  [
    { id: 'input', type: 'input', shape: [32, 32, 3] },
    { id: 'conv', type: 'conv2d', filters: 4, kernel: 3, stride: 2 },
    { id: 'relu', type: 'relu' },
    { id: 'pool', type: 'maxpool2d', kernel: 2 },
    { id: 'out', type: 'dense', units: 10 },
    { id: 'prob', type: 'softmax' },
  ],
  { dataset: 'shapes?train=300&test=100', epochs: 1, learningRate: 0.01 },
);

describe('wiregrad train / evaluate / predict', () => {
  it('trains, evaluates the saved weights the same way, and predicts an image', async () => {
    const file = writeGraphFile(shapesGraph, 'shapes.nn.json');
    const trained = await capture(() => train.run([file, '--epochs', '2', '--seed', '5']));
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/Training shapes-tiny \(.* parameters\) on .*: 270 train \/ 30 validation \/ 100 test samples/);
    expect(trained.stdout).toMatch(/epoch 1\/2 {2}train loss [\d.]+ acc [\d.]+% {2}val loss/);
    expect(trained.stdout).toMatch(/epoch 2\/2/);
    const accuracy = /test: 100 samples, loss ([\d.]+) acc ([\d.]+)%/.exec(trained.stdout);
    expect(accuracy).not.toBeNull();
    expect(trained.stdout).toMatch(/actual ↓ \/ predicted →\s+circle/);
    expect(trained.stdout).toMatch(/weights saved to .*shapes\.safetensors/);
    expect(trained.stderr).toMatch(/epoch 2\/2 \d+\/5 {2}loss/); // plain progress lines (not a TTY)

    // The same seed, data and normalisation: evaluate must reproduce the final test numbers exactly.
    const evaluated = await capture(() => evaluate.run([file]));
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toContain(`test: 100 samples, loss ${accuracy![1]} acc ${accuracy![2]}%`);

    const png = new PNG({ width: 40, height: 40 });
    png.data.fill(255);
    const image = path.join(path.dirname(file), 'white.png');
    fs.writeFileSync(image, PNG.sync.write(png));
    const predicted = await capture(() => predict.run([file, image, '--top', '2', '--json']));
    expect(predicted.code).toBe(0);
    const [result] = JSON.parse(predicted.stdout);
    expect(result.image).toBe(image);
    expect(result.top).toHaveLength(2);
    expect(result.top[0].probability).toBeGreaterThanOrEqual(result.top[1].probability);
    expect(result.top[0].probability).toBeLessThanOrEqual(1);
  });

  it('prints the initial-loss line, and with --log-gradients one JSON line per node and epoch', async () => {
    const file = writeGraphFile(shapesGraph, 'shapes.nn.json');
    const run = await capture(() => train.run([file, '--epochs', '2', '--seed', '5', '--log-gradients']));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^initial loss \d+\.\d{3} on 256 training samples; chance is ln\(10\) = 2\.303: /m);
    const lines = run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const nodes = ['input', 'conv', 'relu', 'pool', 'out', 'prob'];
    expect(lines.map((l) => `${l.epoch}:${l.node}`)).toEqual([1, 2].flatMap((e) => nodes.map((n) => `${e}:${n}`)));
    const conv = lines[1];
    expect(Object.keys(conv)).toEqual(['event', 'epoch', 'node', 'params', 'paramGradNorm', 'outputGradNorm', 'updateRatio', 'samples', 'every', 'flag']);
    // 270 samples / batch 64 = 5 updates per epoch; every 5th by global step: one sample per epoch.
    expect(conv).toMatchObject({ event: 'gradient-flow', epoch: 1, params: 3 * 3 * 3 * 4 + 4, every: 5, samples: 1, flag: null });
    expect(conv.paramGradNorm).toBeGreaterThan(0);
    expect(conv.updateRatio).toBeGreaterThan(0);
    // The fused softmax's ∂L/∂p is never formed; the input needs no gradient; relu has no parameters.
    expect(lines[5]).toMatchObject({ node: 'prob', outputGradNorm: null, paramGradNorm: null });
    expect(lines[0]).toMatchObject({ node: 'input', outputGradNorm: null });
    expect(lines[2]).toMatchObject({ node: 'relu', params: 0, paramGradNorm: null, updateRatio: null });
    // The JSON lines come before the epoch's own line.
    expect(run.stdout.indexOf('"epoch":1,"node":"prob"')).toBeLessThan(run.stdout.indexOf('epoch 1/2  train loss'));
  });

  it('names the flag or the field that is wrong', async () => {
    const file = writeGraphFile(shapesGraph, 'shapes.nn.json');
    await expect(train.run([file, '--batch-size', '0'])).rejects.toThrow(/--batch-size must be a whole number from 1/);
    await expect(train.run([file, '--optimizer', 'lbfgs'])).rejects.toThrow(/--optimizer must be one of "sgd"/);
    await expect(train.run([file, '--epoch', '3'])).rejects.toThrow(CliError);
    await expect(evaluate.run([file])).rejects.toThrow(/shapes\.safetensors: no saved weights/);
    const bad = writeGraphFile({ ...shapesGraph, training: { dataset: 'shapes', learningrate: 0.1 } }, 'bad.nn.json');
    const run = await capture(() => train.run([bad]));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/training\.learningrate is not a training setting \(did you mean "learningRate"\?\)/);
  });
});
