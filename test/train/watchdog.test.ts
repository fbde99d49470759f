/**
 * A training run can never hang its caller: the worker acknowledges a start (or says why not) at once, sends a
 * heartbeat while the run is live, and a cancel that is not obeyed within a grace period ends with the worker
 * terminated. Stand-in workers (a few lines of plain JavaScript) misbehave on purpose; the session must end each run
 * with one terminal message saying what happened, within a bounded time.
 */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StartRequest } from '../../engine/train/protocol';
import { TrainingSession } from '../../engine/train/session';
import { writeGraphFile, x2GraphJson } from '../helpers/graphs';

let dir = '';
let realWorker = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-watchdog-'));
  realWorker = path.join(dir, 'worker.js');
  await esbuild.build({
    entryPoints: [path.resolve(__dirname, '../../engine/train/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    outfile: realWorker,
    logLevel: 'error',
  });
}, 60_000);

/** A worker made of `body` (plain JavaScript with `port` = parentPort). */
function fakeWorker(name: string, body: string): string {
  const file = path.join(dir, `${name}.js`);
  fs.writeFileSync(file, `const port = require('node:worker_threads').parentPort;\n${body}\n`);
  return file;
}

const request: StartRequest = { graphFile: '/nonexistent.nn.json', overrides: {}, resume: false };

describe('a training worker that misbehaves', () => {
  it('refuses an invalid start with a failed message naming the field, instead of dropping it', async () => {
    const graphFile = writeGraphFile(x2GraphJson({ dataset: 'x2?train=40&test=10', epochs: 1 }));
    const session = new TrainingSession({ workerScript: realWorker, request: { graphFile, overrides: {}, resume: false, memoryBudgetBytes: Infinity } });
    const end = await session.done;
    expect(end).toMatchObject({ type: 'failed', message: expect.stringMatching(/memoryBudgetBytes/) });
  });

  it('ends a run whose worker never acknowledges the start', async () => {
    const t0 = Date.now();
    const session = new TrainingSession({ workerScript: fakeWorker('silent', 'setInterval(() => {}, 1000);'), request, ackTimeoutMs: 300 });
    const end = await session.done;
    expect(end).toMatchObject({ type: 'failed', message: expect.stringMatching(/did not acknowledge the start within 0\.3 s; it was terminated/) });
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('ends a run whose worker goes silent (no heartbeat) after the start', async () => {
    const body = `port.on('message', (m) => { if (m.type === 'start') { port.postMessage({ type: 'accepted' }); setTimeout(() => { for (;;) {} }, 50); } });`;
    const session = new TrainingSession({ workerScript: fakeWorker('stuck', body), request, silenceLimitMs: 400 });
    const end = await session.done;
    expect(end).toMatchObject({ type: 'failed', message: expect.stringMatching(/sent nothing for 0\.4 s \(no heartbeat, no layer finished\); it was terminated/) });
  });

  it('terminates a worker that ignores a cancel after the grace period and says so', async () => {
    const body =
      `port.on('message', (m) => { if (m.type === 'start') { port.postMessage({ type: 'accepted' }); setInterval(() => port.postMessage({ type: 'heartbeat' }), 50); } });`;
    const session = new TrainingSession({ workerScript: fakeWorker('deaf', body), request, stopGraceMs: 300 });
    await new Promise((r) => setTimeout(r, 200));
    session.cancel();
    const end = await session.done;
    expect(end).toMatchObject({ type: 'cancelled', weightsFile: null, forced: true });
  });

  it('a real run acknowledges and heartbeats: a short silence limit does not end a healthy run', async () => {
    const graphFile = writeGraphFile(x2GraphJson({ dataset: 'x2?train=400&test=100', batchSize: 16, epochs: 2 }));
    const session = new TrainingSession({ workerScript: realWorker, request: { graphFile, overrides: {}, resume: false, progressIntervalMs: 0 }, silenceLimitMs: 3000 });
    expect((await session.done).type).toBe('finished');
  });

  it('a worker whose counter moves is kept through a long silent stretch; once it stops moving, it is terminated', async () => {
    // 1.5 s busy without a message but bumping the counter (a long step), then a message, then a loop that bumps nothing.
    const body = `
const counter = new Int32Array(require('node:worker_threads').workerData.liveness);
port.on('message', (m) => {
  if (m.type !== 'start') return;
  port.postMessage({ type: 'accepted' });
  setTimeout(() => {
    const end = Date.now() + 1500;
    while (Date.now() < end) { const t = Date.now() + 10; while (Date.now() < t); Atomics.add(counter, 0, 1); }
    port.postMessage({ type: 'resumed' });
    setTimeout(() => { for (;;) {} }, 0);
  }, 0);
});`;
    const seen: string[] = [];
    const session = new TrainingSession({ workerScript: fakeWorker('long-step-then-hang', body), request, silenceLimitMs: 300, onMessage: (m) => seen.push(m.type) });
    const end = await session.done;
    expect(seen[0]).toBe('resumed');
    expect(end).toMatchObject({ type: 'failed', message: expect.stringMatching(/sent nothing for 0\.3 s \(no heartbeat, no layer finished\); it was terminated/) });
  });
});
