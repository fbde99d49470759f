/** `wiregrad check` on files it must refuse: each gets a message naming the file and the field, exit 2, no stack. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'wiregrad.js');

function check(graph: object, ...flags: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-check-'));
  const file = path.join(dir, 'g.nn.json');
  fs.writeFileSync(file, JSON.stringify({ format: 'wiregrad.graph', version: 1, name: 'g', ...graph }));
  const r = spawnSync(process.execPath, [CLI, 'check', file, ...flags], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const mlp = {
  nodes: [
    { id: 'input', type: 'input', shape: [3] },
    { id: 'out', type: 'dense', units: 2 },
  ],
  edges: [{ from: 'input', to: 'out' }],
};

describe('wiregrad check refuses', () => {
  it('a training section with wrong values, naming each field', () => {
    const r = check({ ...mlp, training: { epochs: 0, optimizer: 'rmsprop', batchSize: 1e9 } });
    expect(r.code).toBe(2);
    expect(r.err).toContain('g.nn.json: error in training.epochs: must be a whole number from 1 to 100000, got 0');
    expect(r.err).toContain('error in training.optimizer');
    expect(r.err).toContain('error in training.batchSize');
    expect(r.out).toBe('');
  });

  it('a 65,536×65,536 input with an estimate instead of trying to allocate it', () => {
    const r = check({
      nodes: [
        { id: 'input', type: 'input', shape: [65536, 65536, 3] },
        { id: 'c', type: 'conv2d', filters: 2, kernel: 3 },
      ],
      edges: [{ from: 'input', to: 'c' }],
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/g\.nn\.json: the gradient check \(float64, batch 4\) would need about [\d.]+ TiB, over the budget/);
    expect(r.err).not.toMatch(/typed array|\n\s+at /);
  });

  it('a graph that is only its input node', () => {
    const r = check({ nodes: [{ id: 'input', type: 'input', shape: [3] }], edges: [] });
    expect(r.code).toBe(2);
    expect(r.err).toContain("the graph is only its input 'input': connect at least one layer after it");
  });

  it('a batch of 100,000,000 (it fit the memory budget and ran for hours)', () => {
    const r = check(mlp, '--batch', '100000000');
    expect(r.code).toBe(2);
    expect(r.err).toBe('wiregrad: --batch needs a whole number from 1 to 256; got 100000000.\n');
  });

  it('still checks a sound file (the refusals above are not blanket)', () => {
    const r = check({ ...mlp, training: { epochs: 2 } });
    expect(r.code).toBe(0);
    expect(r.out).toContain('all 3 tensors OK');
  });
});
