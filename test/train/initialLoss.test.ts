/**
 * The initial-loss check (engine/train/initialLoss.ts): LeNet-5 starts far above chance, ln 10; the fix it offers
 * (training.outputInitScale) brings a real run's initial loss to the value the check computed, ≈ ln 10.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTrainingConfig } from '../../engine/train/config';
import type { InitialLossCheck } from '../../engine/train/initialLoss';
import { runTrainingJob } from '../../engine/train/job';
import { parseWorkerMessage, type WorkerMessage } from '../../engine/train/protocol';
import { EXAMPLES_DIR } from '../helpers/examples';

const DATA = 'mnist?train=600&test=100';

/** Starts a one-epoch run of the example (a copy, with `training` changes) and returns its initial-loss check. */
async function initialCheck(example: string, training: Record<string, unknown> = {}): Promise<InitialLossCheck | null> {
  const graph = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, example), 'utf8'));
  graph.training = { ...graph.training, ...training, dataset: DATA, epochs: 1 };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wg-init-')), example);
  fs.writeFileSync(file, JSON.stringify(graph));
  const messages: WorkerMessage[] = [];
  await runTrainingJob({ graphFile: file, overrides: {}, resume: false }, (m) => messages.push(m));
  expect(messages.at(-1)!.type, JSON.stringify(messages.at(-1))).toBe('finished');
  const checks = messages.flatMap((m) => (m.type === 'initial-loss' ? [m] : []));
  expect(checks.length).toBeLessThanOrEqual(1);
  if (checks[0]) expect(parseWorkerMessage(JSON.parse(JSON.stringify(checks[0])))).not.toBeNull();
  // It comes right after 'started', before any update.
  if (checks[0]) expect(messages.findIndex((m) => m.type === 'initial-loss')).toBe(messages.findIndex((m) => m.type === 'started') + 1);
  return checks[0]?.check ?? null;
}

describe('the loss at initialisation against chance', () => {
  it('finds LeNet-5 far above ln 10, says why, and its fix gives ≈ ln 10 in a real run', async () => {
    const before = (await initialCheck('lenet5.nn.json'))!;
    expect(before).toMatchObject({ samples: 256, classes: 10, verdict: 'high', logitsNode: 'output' });
    expect(before.chance).toBeCloseTo(Math.log(10), 12);
    expect(before.loss).toBeGreaterThan(5.5);
    expect(before.loss).toBeLessThan(7.5);
    expect(before.logitRms).toBeGreaterThan(3);
    expect(before.explanation).toMatch(/^initial loss \d\.\d{3} on 256 training samples; chance is ln\(10\) = 2\.303: the logits start with rms/);
    expect(before.explanation).toMatch(/He init keeps it at every ReLU layer, max pooling raises it/);
    // The fix aims the logits at rms 0.1: one significant digit of 0.1 / rms, rounded down.
    expect(before.fix!.outputInitScale).toBe(Number((Math.floor((0.1 / before.logitRms) * 100) / 100).toPrecision(1)));
    expect(before.fix!.loss).toBeGreaterThan(Math.log(10));
    expect(before.fix!.loss).toBeLessThan(Math.log(10) + 0.01);
    console.log(`LeNet-5 initial loss ${before.loss.toFixed(4)} (logit rms ${before.logitRms.toFixed(3)}); with outputInitScale ${before.fix!.outputInitScale}: ${before.fix!.loss.toFixed(4)}`);

    const after = (await initialCheck('lenet5.nn.json', { outputInitScale: before.fix!.outputInitScale }))!;
    expect(after.verdict).toBe('chance');
    expect(after.fix).toBeNull();
    // The same samples, the same weights but the output layer's scaled: the loss the check predicted (float32 logits).
    expect(after.loss).toBeCloseTo(before.fix!.loss, 4);
    expect(after.logitRms).toBeCloseTo(before.logitRms * before.fix!.outputInitScale, 4);
    expect(after.explanation).toMatch(/: as expected$/);
  }, 120_000);

  it('finds the deep sigmoid MLP at chance already (its sigmoids keep the activations near 0.5)', async () => {
    const check = (await initialCheck('deep-sigmoid-mlp.nn.json'))!;
    expect(check.verdict).toBe('chance');
    expect(Math.abs(check.loss - Math.log(10))).toBeLessThan(0.1 * Math.log(10));
  }, 120_000);

  it('validates outputInitScale as a training setting', () => {
    expect(resolveTrainingConfig({ outputInitScale: 0.02 }).config.outputInitScale).toBe(0.02);
    expect(resolveTrainingConfig({}).config.outputInitScale).toBe(1);
    for (const bad of [0, -1, 2, 'small']) {
      expect(resolveTrainingConfig({ outputInitScale: bad }).problems).toEqual([
        { field: 'training.outputInitScale', message: expect.stringMatching(/^must be a number above 0 and at most 1 \(e\.g\. 0\.02\), got /) },
      ]);
    }
  });
});
