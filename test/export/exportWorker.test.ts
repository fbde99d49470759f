/**
 * The editor's export worker (dist/exportWorker.js, built here with esbuild): it reports its steps, answers with what
 * to open, reports a graph's error as one `failed` message, and when terminated mid-export (Cancel) leaves whole files
 * only: removeCutShortWrites clears the temporary file of the write that was cut short, and nothing else.
 */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeCutShortWrites } from '../../engine/export/job/cutShortWrites';
import type { ExportJobRequest, ExportWorkerMessage } from '../../engine/export/job/exportJob';
import { tempNameFor } from '../../engine/io/atomicWrite';
import { graphJsonChain } from '../helpers/graphs';

const ROOT = path.join(__dirname, '..', '..');
let dir = '';
let workerScript = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-export-worker-'));
  workerScript = path.join(dir, 'exportWorker.js');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'engine', 'export', 'job', 'exportWorker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    outfile: workerScript,
    logLevel: 'error',
  });
  fs.copyFileSync(path.join(ROOT, 'examples', 'lenet5.nn.json'), path.join(dir, 'lenet5.nn.json'));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs one export; `stopAt` terminates the worker when that step starts. */
function run(request: ExportJobRequest, stopAt?: string): Promise<{ messages: ExportWorkerMessage[]; terminated: boolean }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: request });
    const messages: ExportWorkerMessage[] = [];
    let terminated = false;
    worker.on('message', (m: ExportWorkerMessage) => {
      messages.push(m);
      if (stopAt && m.type === 'step' && m.step === stopAt) {
        terminated = true;
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', () => resolve({ messages, terminated }));
  });
}

const dataDir = path.join(ROOT, 'dist', 'data');

describe('export worker', () => {
  it('PyTorch: reports each step, then the files to open', async () => {
    const graphFile = path.join(dir, 'lenet5.nn.json');
    const { messages } = await run({ target: 'pytorch', graphFile, dataDir });
    const steps = messages.flatMap((m) => (m.type === 'step' ? [m.step] : []));
    expect(steps.slice(0, 4)).toEqual(['weights', 'model.py', 'PyTorch layouts', 'weights.safetensors']);
    expect(steps).toContain('train.py');
    expect(steps).toContain('data/train_x.npy');
    const done = messages.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    const out = path.join(dir, 'lenet5.pytorch');
    expect(done.result.where).toBe(out);
    expect(done.result.open).toEqual([path.join(out, 'model.py'), path.join(out, 'train.py')]);
    expect(done.result.notes.join(' ')).toContain('freshly initialised weights (seed');
    for (const file of done.result.open) expect(fs.statSync(file).size).toBeGreaterThan(1000);
  }, 120_000);

  it('ONNX: writes NAME.onnx beside the graph and says to reveal it', async () => {
    const graphFile = path.join(dir, 'lenet5.nn.json');
    const { messages } = await run({ target: 'onnx', graphFile, dataDir });
    const done = messages.at(-1)!;
    expect(done).toMatchObject({ type: 'done', result: { reveal: path.join(dir, 'lenet5.onnx'), open: [] } });
    // 61,706 float32 parameters, plus the graph.
    expect(fs.statSync(path.join(dir, 'lenet5.onnx')).size).toBeGreaterThan(61_706 * 4);
  }, 120_000);

  it('a graph with an error ends in one failed message naming the node', async () => {
    const graphFile = path.join(dir, 'broken.nn.json');
    fs.writeFileSync(graphFile, JSON.stringify(graphJsonChain('broken', [{ id: 'input', type: 'input', shape: [4, 4, 1] }, { id: 'pool', type: 'maxpool2d', kernel: 8 }])));
    const { messages } = await run({ target: 'onnx', graphFile, dataDir });
    expect(messages).toHaveLength(1);
    expect(messages[0].type).toBe('failed');
    expect(messages[0].type === 'failed' && messages[0].message).toMatch(/node 'pool'/);
  }, 60_000);

  it('terminated while writing the weights: every file left is whole, no temporary file remains', async () => {
    const graphFile = path.join(dir, 'wide.nn.json');
    const graph = graphJsonChain('wide', [{ id: 'input', type: 'input', shape: [64, 64, 3] }, { id: 'hidden', type: 'dense', units: 1000 }, { id: 'out', type: 'dense', units: 10 }]);
    fs.writeFileSync(graphFile, JSON.stringify(graph));
    const { terminated } = await run({ target: 'pytorch', graphFile, dataDir }, 'weights.safetensors');
    expect(terminated).toBe(true);
    removeCutShortWrites(graphFile, 'pytorch');
    const left = fs.readdirSync(path.join(dir, 'wide.pytorch'));
    expect(left.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(left).toContain('model.py'); // written before the cut, whole
  }, 120_000);

  it('removeCutShortWrites removes only this process\'s temporary files of the export\'s own files', () => {
    const graphFile = path.join(dir, 'net.nn.json');
    const out = path.join(dir, 'net.pytorch');
    fs.mkdirSync(path.join(out, 'data'), { recursive: true });
    const ours = [path.join(out, tempNameFor(path.join(out, 'model.py'))), path.join(out, 'data', tempNameFor(path.join(out, 'data', 'train_x.npy')))];
    const onnx = path.join(dir, tempNameFor(path.join(dir, 'net.onnx')));
    const others = [
      path.join(out, tempNameFor(path.join(out, 'model.py'), process.pid + 1)), // another process's write
      path.join(dir, tempNameFor(path.join(dir, 'net.safetensors'))), // a training run's weights write beside the graph
      path.join(out, 'model.py'),
    ];
    for (const f of [...ours, onnx, ...others]) fs.writeFileSync(f, 'x');
    expect(removeCutShortWrites(graphFile, 'pytorch').sort()).toEqual([...ours].sort());
    expect(removeCutShortWrites(graphFile, 'onnx')).toEqual([onnx]);
    for (const f of others) expect(fs.existsSync(f)).toBe(true);
  });
});
