/**
 * `wiregrad train` stopped by SIGTERM (kill, timeout, a CI runner) as users run it (dist/cli.js): it stops after the
 * step like Ctrl-C, saves a checkpoint that reads back whole, leaves no temporary file, and exits 143.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWeights } from '../../engine/checkpoint/weights';
import { graphJsonChain } from '../helpers/graphs';

const CLI = path.join(__dirname, '..', '..', 'bin', 'wiregrad.js');

// Far more epochs than the test waits for: only the signal ends this run.
const graph = graphJsonChain(
  'long-run',
  [
    { id: 'input', type: 'input', shape: [32, 32, 3] },
    { id: 'conv', type: 'conv2d', filters: 4, kernel: 3, stride: 2 },
    { id: 'relu', type: 'relu' },
    { id: 'out', type: 'dense', units: 10 },
  ],
  { dataset: 'shapes?train=200&test=50', epochs: 10_000, batchSize: 8, validationSplit: 0 },
);

describe('wiregrad train and SIGTERM', () => {
  it('stops after the current step, saves a whole checkpoint and exits 143', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-sigterm-'));
    fs.writeFileSync(path.join(dir, 'long.nn.json'), JSON.stringify(graph));
    const child = spawn(process.execPath, [CLI, 'train', 'long.nn.json'], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        stdout += d;
        // The first epoch's end: the run is well under way (and one checkpoint already exists).
        if (/epoch 1\/10000/.test(stdout)) resolve();
      }),
    );
    child.kill('SIGTERM');
    const end = await exited;
    expect({ ...end, stderr: stderr.includes('internal error') }).toEqual({ code: 143, signal: null, stderr: false });
    expect(stdout).toMatch(/stopped at update \d+; checkpoint saved to long\.safetensors/);
    const step = Number(/stopped at update (\d+)/.exec(stdout)![1]);
    // The checkpoint is the stopping point's (which may be the end of epoch 1 itself, update 25, on a busy machine).
    expect(readWeights(path.join(dir, 'long.safetensors')).info.globalStep).toBe(step);
    expect(step).toBeGreaterThanOrEqual(25);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
