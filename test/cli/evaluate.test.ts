/** `wiregrad evaluate` with weights that do not fit the data set it is given: a message, never "internal error". */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = path.join(__dirname, '..', '..', 'bin', 'wiregrad.js');
let dir = '';

function wiregrad(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Two feature columns and a label column; the label cycles through `classes` values. */
function csv(name: string, classes: number): void {
  const rows = Array.from({ length: 60 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % classes}`);
  fs.writeFileSync(path.join(dir, name), ['a,b,label', ...rows].join('\n') + '\n');
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-evaluate-'));
  csv('two.csv', 2);
  csv('three.csv', 3);
  fs.writeFileSync(path.join(dir, 'one.csv'), 'a,b,label\n0.5,0.5,1\n');
  const graph = {
    format: 'wiregrad.graph',
    version: 1,
    name: 'tiny',
    nodes: [
      { id: 'input', type: 'input', shape: [2] },
      { id: 'out', type: 'dense', units: 2 },
    ],
    edges: [{ from: 'input', to: 'out' }],
    training: { dataset: 'csv:two.csv', epochs: 1, batchSize: 8 },
  };
  fs.writeFileSync(path.join(dir, 'tiny.nn.json'), JSON.stringify(graph));
  const trained = wiregrad('train', 'tiny.nn.json');
  if (trained.code !== 0) throw new Error(`training the fixture failed: ${trained.err}`);
});

describe('wiregrad evaluate', () => {
  it('on a data set with more classes than the output names the output and the class count', () => {
    const r = wiregrad('evaluate', 'tiny.nn.json', '--data', 'csv:three.csv');
    expect(r.code).toBe(1);
    expect(r.err).toContain("the graph's output 'out' has shape [2] but Table three.csv has 3 classes");
    expect(r.err).not.toContain('internal error');
  });

  it('with a weights file whose bytes were damaged into a NaN refuses it, naming the tensor', () => {
    const file = path.join(dir, 'tiny.safetensors');
    const good = fs.readFileSync(file);
    const bad = Buffer.from(good);
    bad.writeUInt32LE(0x7fc00000, bad.length - 4);
    fs.writeFileSync(file, bad);
    try {
      const r = wiregrad('evaluate', 'tiny.nn.json');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/tiny\.safetensors: tensor 'out\.\w+' holds NaN at element \d+; the file is damaged/);
      expect(r.out).toBe('');
    } finally {
      fs.writeFileSync(file, good);
    }
    expect(wiregrad('evaluate', 'tiny.nn.json').code).toBe(0);
  });

  it('on a data set too small to hold out a test sample says so, instead of "0 samples, loss NaN" and exit 0', () => {
    const r = wiregrad('evaluate', 'tiny.nn.json', '--data', 'csv:one.csv');
    expect(r.code).toBe(1);
    expect(r.err).toBe('wiregrad: Table one.csv has no test samples to evaluate on (1 in all, too few to hold any out).\n');
    expect(r.out).not.toContain('NaN');
  });
});
