/** `wiregrad grad` as users run it (dist/cli.js): the --json contract, --step, and exit codes 0 / 1 / 2. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'wiregrad.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmpFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-grad-'));
  const file = path.join(dir, 'e.nn.json');
  fs.writeFileSync(file, text);
  return file;
}

const expression = (nodes: object[], edges: object[], extra: object = {}) =>
  JSON.stringify({ format: 'wiregrad.graph', version: 1, kind: 'expression', name: 't', ...extra, nodes, edges });

describe('wiregrad grad', () => {
  it('--json on the issue\'s (x + y)·z prints exactly the contract shape and exits 0', () => {
    const r = run('grad', 'examples/backprop-xyz.nn.json', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.output).toBe('f');
    expect(j.value).toBe(-12);
    expect(j.nodes.map((n: { id: string }) => n.id)).toEqual(['x', 'y', 'z', 'q', 'f']);
    expect(j.nodes[0]).toEqual({ id: 'x', type: 'var', shape: [], value: -2, grad: -4 });
    expect(j.nodes[3]).toEqual({ id: 'q', type: 'add', shape: [], value: 3, grad: -4, inputs: ['x', 'y'], upstream: -4, local: [1, 1], downstream: [-4, -4] });
    expect(j.nodes[4]).toMatchObject({ id: 'f', value: -12, grad: 1, upstream: 1, local: [-4, 3], downstream: [-4, 3] });
    expect(j.nodes[2].grad).toBe(3);
    expect(j.diagnostics).toEqual([]);
  });

  it('--json shapes values and gradients like their nodes (vectors as arrays, matrices as rows)', () => {
    const j = JSON.parse(run('grad', 'examples/backprop-matvec-l2.nn.json', '--json').out);
    const byId = Object.fromEntries(j.nodes.map((n: { id: string }) => [n.id, n]));
    expect(byId.W.shape).toEqual([2, 2]);
    expect(byId.W.value).toEqual([[0.1, 0.5], [-0.3, 0.8]]);
    expect(byId.W.grad).toHaveLength(2);
    byId.W.grad.flat().forEach((v: number, i: number) => expect(v).toBeCloseTo([0.088, 0.176, 0.104, 0.208][i], 15));
    byId.x.grad.forEach((v: number, i: number) => expect(v).toBeCloseTo([-0.112, 0.636][i], 15));
    expect(byId.q.local[0]).toEqual([0.2, 0.4]); // matvec: W's local is x
    expect(byId.q.downstream[0]).toHaveLength(2);
    expect(j.value).toBeCloseTo(0.116, 15);
  });

  it('prints the table and, with --step, the backward pass one gate at a time', () => {
    const r = run('grad', 'examples/backprop-xyz.nn.json', '--step');
    expect(r.code).toBe(0);
    expect(r.out).toContain('q     add   scalar  3      -4');
    expect(r.out).toContain('step 1  f = mul(q, z)   upstream ∂f/∂f = 1');
    expect(r.out).toContain('        → q: local -4; 1 × -4 = -4');
    expect(r.out).toContain('step 2  q = add(x, y)   upstream ∂f/∂q = -4');
    expect(r.out.indexOf('step 1')).toBeLessThan(r.out.indexOf('step 2'));
    expect(run('grad', 'examples/backprop-xyz.nn.json').out).not.toContain('step 1');
  });

  it('exits 1 on a graph error, with the diagnostic and its fix (and value null in --json)', () => {
    const file = tmpFile(expression([{ id: 'x', type: 'var', value: -1 }, { id: 'f', type: 'log' }], [{ from: 'x', to: 'f' }]));
    const r = run('grad', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain("error 'f': 'f' (log): log of a negative number (-1) is undefined");
    expect(r.out).toContain("fix: make 'x' positive");
    const j = run('grad', file, '--json');
    expect(j.code).toBe(1);
    const parsed = JSON.parse(j.out);
    expect(parsed.value).toBeNull();
    expect(parsed.nodes[1]).toEqual({ id: 'f', type: 'log', shape: [], value: null, grad: null, inputs: ['x'] });
    expect(parsed.diagnostics[0].code).toBe('log-domain');
  });

  it('exits 2 for an unreadable file, a syntax error, a network file or a bad option — never a stack trace', () => {
    const missing = run('grad', 'nope.nn.json');
    expect([missing.code, missing.err]).toEqual([2, 'wiregrad: cannot read nope.nn.json: no such file.\n']);
    const broken = run('grad', tmpFile('{ "format": '));
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/e\.nn\.json:1:\d+: error: JSON syntax error/);
    const network = run('grad', 'examples/lenet5.nn.json');
    expect(network.code).toBe(2);
    expect(network.err).toContain('is a network, not an expression graph');
    expect(run('grad', 'examples/backprop-xyz.nn.json', '--jsn').code).toBe(2);
    for (const r of [missing, broken, network]) expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('network commands refuse an expression graph with a pointer to grad (exit 2)', () => {
    const r = run('summary', 'examples/backprop-xyz.nn.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('is an expression graph ("kind": "expression"), not a network; run `wiregrad grad examples/backprop-xyz.nn.json`');
    expect(run('format', '--check', 'examples/backprop-xyz.nn.json').code).toBe(0);
  });

  it('a bad "kind" is a file error naming the field', () => {
    const r = run('grad', tmpFile(JSON.stringify({ format: 'wiregrad.graph', version: 1, kind: 'expresion', nodes: [], edges: [] })));
    expect(r.code).toBe(2);
    expect(r.err).toContain('"kind" must be "network" or "expression" (a network when absent), got "expresion".');
  });
});
