/**
 * "Can it overfit a tiny subset" (engine/train/overfit.ts), through the training job as the worker runs it:
 * LeNet-5 memorises 32 MNIST digits; the same network with a learning rate of 1e-7 (effectively 0) cannot, and the
 * verdict says the loss barely moved. Nothing is written beside the graph.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OVERFIT_LOSS, type OverfitResult } from '../../engine/train/overfit';
import { runTrainingJob } from '../../engine/train/job';
import { parseCallerMessage, parseWorkerMessage, type WorkerMessage } from '../../engine/train/protocol';
import { EXAMPLES_DIR } from '../helpers/examples';

async function overfit(training: Record<string, unknown>): Promise<{ result: OverfitResult; messages: WorkerMessage[]; dir: string }> {
  const graph = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, 'lenet5.nn.json'), 'utf8'));
  graph.training = { ...graph.training, ...training, dataset: 'mnist?train=600&test=100' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-overfit-'));
  const file = path.join(dir, 'lenet5.nn.json');
  fs.writeFileSync(file, JSON.stringify(graph));
  const messages: WorkerMessage[] = [];
  await runTrainingJob({ graphFile: file, overrides: {}, resume: false, overfit: { samples: 32, steps: 300 } }, (m) => messages.push(m));
  const last = messages.at(-1)!;
  expect(last.type, JSON.stringify(last)).toBe('overfit-result');
  expect(parseWorkerMessage(JSON.parse(JSON.stringify(last)))).not.toBeNull();
  return { result: (last as Extract<WorkerMessage, { type: 'overfit-result' }>).result, messages, dir };
}

describe('the overfit check', () => {
  it('passes for LeNet-5 on 32 digits: loss ≤ 0.05 with all 32 right, the curve sent as progress', async () => {
    const { result, messages, dir } = await overfit({});
    console.log(`LeNet-5 overfit: ${result.explanation}`);
    expect(result).toMatchObject({ samples: 32, maxSteps: 300, threshold: OVERFIT_LOSS, passed: true, accuracy: 1, optimizer: 'adam', learningRate: 0.003 });
    expect(result.finalLoss).toBeLessThanOrEqual(0.05);
    expect(result.initialLoss).toBeGreaterThan(2);
    expect(result.steps).toBeLessThan(300);
    expect(result.losses).toHaveLength(result.steps);
    const progress = messages.flatMap((m) => (m.type === 'progress' ? [m.progress] : []));
    expect(progress.map((p) => p.loss)).toEqual(result.losses);
    expect(result.explanation).toMatch(/^passed: it memorises 32 samples \(loss \d+\.\d{4} → 0\.0\d{3} in \d+ updates, 32\/32 right; threshold 0\.05\)$/);
    // Nothing saved beside the graph: the user's weights are not touched by a check.
    expect(fs.readdirSync(dir)).toEqual(['lenet5.nn.json']);
  }, 120_000);

  it('fails for a learning rate of 1e-7 and says the loss barely moved', async () => {
    const { result } = await overfit({ learningRate: 1e-7 });
    expect(result).toMatchObject({ passed: false, steps: 300 });
    expect(result.finalLoss).toBeGreaterThan(0.9 * result.initialLoss);
    expect(result.explanation).toMatch(/^FAILED: it cannot memorise 32 samples .*: the loss barely moved — the learning rate \(adam, 1e-7\) may be far too small/);
  }, 120_000);

  it('validates the request', () => {
    const start = (overfit: unknown, resume = false) => parseCallerMessage({ type: 'start', request: { graphFile: '/a.nn.json', overrides: {}, resume, overfit } });
    expect(start({ samples: 32, steps: 300 })).not.toBeNull();
    for (const bad of [{ samples: 0, steps: 300 }, { samples: 32, steps: 1.5 }, { samples: 300, steps: 10 }, 'yes']) expect(start(bad)).toBeNull();
    expect(start({ samples: 32, steps: 300 }, true)).toBeNull();
  });
});
