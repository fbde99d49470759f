/** The `wiregrad` CLI as users run it (dist/cli.js): output contract, exit codes, and no stack traces. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleGraphFiles } from '../helpers/examples';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'wiregrad.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmpFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('wiregrad summary', () => {
  it('--json prints the contract shape for LeNet-5 and exits 0', () => {
    const r = run('summary', 'examples/lenet5.nn.json', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.trainableParams).toBe(61_706);
    expect(s.nonTrainableParams).toBe(0);
    expect(s.totalParams).toBe(61_706);
    expect(s.totalMacs).toBe(416_520);
    expect(s.diagnostics).toEqual([]);
    expect(s.nodes.find((n: { id: string }) => n.id === 'c1')).toMatchObject({
      id: 'c1',
      type: 'conv2d',
      outputShape: [28, 28, 6],
      params: 156,
      nonTrainableParams: 0,
      macs: 117_600,
      receptiveField: [5, 5],
    });
    expect(s.nodes.find((n: { id: string }) => n.id === 'c5').receptiveField).toBeNull();
  });

  it('prints the human table with totals', () => {
    const r = run('summary', 'examples/lenet5.nn.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/c1\s+conv2d\s+28×28×6\s+156\s+117,600\s+5×5/);
    expect(r.out).toContain('Total params: 61,706');
  });

  it('exits 1 on a graph with an error, printing the diagnostic and its fix', () => {
    const f = tmpFile(
      'bad.nn.json',
      JSON.stringify({ format: 'wiregrad.graph', version: 1, nodes: [{ id: 'x', type: 'input', shape: [7, 7, 1] }, { id: 'c', type: 'conv2d', filters: 1, kernel: 9 }], edges: [{ from: 'x', to: 'c' }] }),
    );
    const r = run('summary', f);
    expect(r.code).toBe(1);
    expect(r.out).toContain("error 'c' [output-size-not-positive]");
    expect(r.out).toContain('fix: padding 1 → 1×1 output');
  });

  it('exits 0 with a warning (stride does not tile)', () => {
    const f = tmpFile(
      'warn.nn.json',
      JSON.stringify({ format: 'wiregrad.graph', version: 1, nodes: [{ id: 'x', type: 'input', shape: [7, 7, 1] }, { id: 'c', type: 'conv2d', filters: 1, kernel: 3, stride: 3 }], edges: [{ from: 'x', to: 'c' }] }),
    );
    const r = run('summary', f, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).diagnostics[0]).toMatchObject({ node: 'c', severity: 'warning', code: 'stride-does-not-tile' });
  });

  it('exits 2 naming the file, line and column of a syntax error, without a stack trace', () => {
    const f = tmpFile('broken.nn.json', '{\n  "format": "wiregrad.graph",\n  "version": 1\n  "nodes": []\n}\n');
    const r = run('summary', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.nn\.json:4:3: error: JSON syntax error: expected ','/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a missing file and for bad usage', () => {
    const missing = run('summary', 'nope.nn.json');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('wiregrad: cannot read nope.nn.json: no such file.\n');
    expect(run('summary').code).toBe(2);
    expect(run('summary', 'examples/lenet5.nn.json', '--bogus').code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
  });
});

describe('wiregrad format', () => {
  it('--check passes on the examples and rewrites a hand-edited file canonically', () => {
    expect(run('format', '--check', ...exampleGraphFiles().map((f) => `examples/${f}`)).code).toBe(0);
    const f = tmpFile('messy.nn.json', '{"version":1,"format":"wiregrad.graph","edges":[],"nodes":[{"type":"input","id":"x","shape":[2,2,1]}]}');
    expect(run('format', '--check', f).code).toBe(1);
    expect(run('format', f).code).toBe(0);
    expect(fs.readFileSync(f, 'utf8')).toBe(
      '{\n  "format": "wiregrad.graph",\n  "version": 1,\n  "name": "Untitled network",\n  "nodes": [\n    { "id": "x", "type": "input", "shape": [2, 2, 1] }\n  ],\n  "edges": []\n}\n',
    );
  });
});

describe('wiregrad summary on a file that never ends', () => {
  it.runIf(fs.existsSync('/dev/zero'))('refuses /dev/zero up front with exit 2 instead of reading forever', () => {
    const r = run('summary', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.err).toBe('wiregrad: cannot read /dev/zero: a device, not a regular file.\n');
  });
});

describe('wiregrad schema', () => {
  it('refuses arguments it does not take instead of ignoring them', () => {
    const r = run('schema', '--bogus');
    expect(r.code).toBe(2);
    expect(r.err).toBe('wiregrad: schema takes no arguments, got --bogus.\n');
    expect(r.out).toBe('');
  });
});
