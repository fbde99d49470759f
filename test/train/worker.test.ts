/**
 * The worker thread end to end: the real bundle (built here with esbuild into a temporary folder), driven through
 * TrainingSession: a normal run, cancel, pause/resume, a non-finite loss, and workers that throw, exit or run out of
 * memory (each must end as one `failed` message while the test process carries on).
 */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../engine/train/protocol';
import { TrainingSession } from '../../engine/train/session';
import { writeGraphFile, x2GraphJson } from '../helpers/graphs';

let workerScript = '';
/** The production worker wrapped by test/train/crashingWorker.ts, which fails as WIREGRAD_TEST_CRASH says once started. */
let crashingScript = '';

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-worker-'));
  workerScript = path.join(dir, 'worker.js');
  crashingScript = path.join(dir, 'crashing-worker.js');
  const bundle = (entry: string, outfile: string) =>
    esbuild.build({
      entryPoints: [path.resolve(__dirname, entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'], // as esbuild.mjs: jsonc-parser's UMD build hides its requires from esbuild
      outfile,
      logLevel: 'error',
    });
  await Promise.all([bundle('../../engine/train/worker.ts', workerScript), bundle('./crashingWorker.ts', crashingScript)]);
}, 60_000);

/** A run whose worker fails `how` right after it starts (the variable is read when the worker thread is created). */
function startCrashing(how: 'throw' | 'exit' | 'oom', options: { maxHeapMb?: number } = {}) {
  process.env.WIREGRAD_TEST_CRASH = how;
  try {
    return start({ epochs: 1000 }, { ...options, script: crashingScript });
  } finally {
    delete process.env.WIREGRAD_TEST_CRASH;
  }
}

function start(training: Record<string, unknown>, options: { maxHeapMb?: number; script?: string; onMessage?: (m: WorkerMessage, s: TrainingSession) => void } = {}) {
  const messages: WorkerMessage[] = [];
  const graphFile = writeGraphFile(x2GraphJson({ dataset: 'x2?train=400&test=100', batchSize: 16, learningRate: 0.01, ...training }));
  const session: TrainingSession = new TrainingSession({
    workerScript: options.script ?? workerScript,
    request: { graphFile, overrides: {}, resume: false, progressIntervalMs: 0 },
    maxHeapMb: options.maxHeapMb,
    onMessage: (m) => {
      messages.push(m);
      options.onMessage?.(m, session);
    },
  });
  return { session, messages, graphFile };
}

describe('the training worker', () => {
  it('runs a small regression to the end and saves the weights beside the graph', async () => {
    const { session, messages, graphFile } = start({ epochs: 3 });
    const end = await session.done;
    expect(end.type, JSON.stringify(end)).toBe('finished');
    if (end.type !== 'finished') return;
    expect(messages[0]).toMatchObject({ type: 'started', info: { graph: 'x2', task: 'regression', trainCount: 360, validationCount: 40 } });
    expect(messages.filter((m) => m.type === 'epoch-end')).toHaveLength(3);
    expect(messages.filter((m) => m.type === 'progress').length).toBeGreaterThanOrEqual(3);
    expect(end.weightsFile).toBe(graphFile.replace(/\.nn\.json$/, '.safetensors'));
    expect(fs.existsSync(end.weightsFile)).toBe(true);
    expect(end.test.accuracy).toBeNull();
    expect(end.history[2].train.loss).toBeLessThan(end.history[0].train.loss);
  });

  it('cancels within one step and saves where it stopped', async () => {
    const { session, messages } = start({ epochs: 1000 }, {
      onMessage: (m, s) => {
        if (m.type === 'progress' && m.progress.globalStep === 5) s.cancel();
      },
    });
    const end = await session.done;
    expect(end.type).toBe('cancelled');
    if (end.type !== 'cancelled') return;
    // The worker stops at the first step boundary after the cancel arrives. How many steps run while the message
    // travels depends on the kernels (a WASM step of this tiny net takes microseconds) and on the machine's load,
    // so the bound is loose; a run that ignored the cancel would go on for 1,000 epochs (23,000 steps).
    expect(end.position.globalStep).toBeGreaterThanOrEqual(5);
    expect(end.position.globalStep).toBeLessThan(400);
    expect(end.weightsFile).not.toBeNull();
    expect(messages.filter((m) => m.type === 'progress').length).toBeLessThan(400);
  });

  it('pauses and resumes', async () => {
    let paused = false;
    const { session, messages } = start({ epochs: 2 }, {
      onMessage: (m, s) => {
        if (m.type === 'progress' && m.progress.globalStep === 3 && !paused) s.pause();
        if (m.type === 'paused') {
          paused = true;
          setTimeout(() => s.resume(), 50);
        }
      },
    });
    const end = await session.done;
    expect(end.type).toBe('finished');
    const kinds = messages.map((m) => m.type);
    const p = kinds.indexOf('paused');
    expect(p).toBeGreaterThan(0);
    expect(kinds[p + 1]).toBe('resumed');
  });

  it('reports a non-finite loss as failed, naming the node', async () => {
    const { session } = start({ optimizer: 'sgd', learningRate: 9.9, epochs: 100 });
    const end = await session.done;
    expect(end).toMatchObject({ type: 'failed', message: expect.stringMatching(/training stopped at update \d+.*node '(out|act|hidden)'/) });
  });

  it('survives a worker that throws', async () => {
    const { session } = startCrashing('throw');
    expect(await session.done).toMatchObject({ type: 'failed', message: expect.stringMatching(/crashed: crash requested by the test/) });
  });

  it('survives a worker that exits', async () => {
    const { session } = startCrashing('exit');
    expect(await session.done).toEqual({ type: 'failed', message: 'the training worker exited unexpectedly (exit code 3)' });
  });

  it('survives a worker that runs out of memory', async () => {
    const { session } = startCrashing('oom', { maxHeapMb: 64 });
    expect(await session.done).toMatchObject({ type: 'failed', message: expect.stringMatching(/ran out of memory \(heap limit 64 MB\)/) });
  });

  it('ends as cancelled when terminated', async () => {
    const { session } = start({ epochs: 1000 }, { onMessage: (m, s) => m.type === 'progress' && s.terminate() });
    expect(await session.done).toMatchObject({ type: 'cancelled', weightsFile: null });
  });
});
