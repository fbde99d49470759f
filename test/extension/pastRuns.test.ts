/**
 * The run history overlaid in the training panel is read without trusting the folder: a repository may ship a
 * runs/ folder whose metrics.jsonl is a named pipe, a link to /dev/zero or hundreds of megabytes. Reading is
 * asynchronous (the extension host never waits on it), refuses non-regular files and stops at a byte and line cap.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_HISTORY_BYTES, pastRuns, runsRoot } from '../../extension/training/runFolder';

function line(step: number, loss: number): string {
  return JSON.stringify({ time: '2026-01-01T00:00:00Z', type: 'progress', progress: { globalStep: step, loss } }) + '\n';
}

describe('past runs', () => {
  it('reads good runs, skips pipes and devices, and caps a huge history', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-runs-'));
    const graphFile = path.join(dir, 'net.nn.json');
    const root = runsRoot(graphFile);
    const make = (name: string) => {
      fs.mkdirSync(path.join(root, name), { recursive: true });
      return path.join(root, name, 'metrics.jsonl');
    };
    fs.writeFileSync(make('2026-01-01_00-00-01'), line(1, 2.5) + line(2, 1.5) + '{"torn');
    execFileSync('mkfifo', [make('2026-01-01_00-00-02')]);
    fs.symlinkSync('/dev/zero', make('2026-01-01_00-00-03'));
    const big = make('2026-01-01_00-00-04');
    const chunk = Array.from({ length: 10_000 }, (_, i) => line(i, 1)).join('');
    const fd = fs.openSync(big, 'w');
    for (let written = 0; written < MAX_HISTORY_BYTES * 3; written += chunk.length) fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const t0 = performance.now();
    const runs = await pastRuns(graphFile);
    const ms = performance.now() - t0;
    expect(runs.map((r) => r.name)).toEqual(['2026-01-01_00-00-04', '2026-01-01_00-00-01']);
    expect(runs[1].steps).toEqual([
      { step: 1, loss: 2.5 },
      { step: 2, loss: 1.5 },
    ]);
    // Only the first MAX_HISTORY_BYTES were read: fewer steps than the file holds.
    const perLine = line(0, 1).length;
    expect(runs[0].steps.length).toBeLessThanOrEqual(Math.ceil(MAX_HISTORY_BYTES / perLine));
    expect(runs[0].steps.length).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(20_000);
  });
});
