/** The gradient check itself: it passes correct gradients, catches wrong ones, skips kinks, and its CLI. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { check } from '../../cli/commands/check';
import { CliError } from '../../cli/errors';
import { FLOAT32_TOLERANCE, gradientCheck } from '../../engine/check/gradcheck';
import type { Backend } from '../../engine/kernels/backend';
import { cpuBackend } from '../../engine/kernels/cpu';
import { analyzedGraph, chainFromShape, exampleGraph } from '../helpers/graphs';

const net = chainFromShape([5, 5, 2], [
  { id: 'c', type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
  { id: 'r', type: 'relu' },
  { id: 'p', type: 'maxpool2d', kernel: 2 },
  { id: 'f', type: 'dense', units: 4 },
]);

describe('gradientCheck', () => {
  it('passes backprop’s gradients in float64, tensor by tensor', () => {
    const report = gradientCheck(net, analyzedGraph(net), { seed: 2 });
    expect(report.tolerance).toBe(1e-5);
    expect(report.tensors.map((t) => [t.name, t.shape])).toEqual([
      ['c.weight', [3, 3, 2, 3]], ['c.bias', [3]], ['f.weight', [12, 4]], ['f.bias', [4]], ['input', [4, 5, 5, 2]],
    ]);
    expect(report.tensors.map((t) => t.checked)).toEqual([24, 3, 24, 4, 24]);
    expect(report.ok).toBe(true);
  });

  it('catches a wrong backward (relu passing the gradient where x < 0)', () => {
    const leaky: Backend = {
      ...cpuBackend,
      activationBackward: (a) => (a.kind === 'relu' ? a.dx.set(a.dy.subarray(0, a.n)) : cpuBackend.activationBackward(a)),
    };
    const report = gradientCheck(net, analyzedGraph(net), { seed: 2, backend: leaky });
    expect(report.ok).toBe(false);
    const byName = new Map(report.tensors.map((t) => [t.name, t]));
    expect(byName.get('c.weight')!.ok).toBe(false);
    expect(byName.get('input')!.ok).toBe(false);
    expect(byName.get('f.weight')!.ok).toBe(true); // above the broken relu
  });

  it('catches a filter gradient off by a factor', () => {
    const scaled: Backend = {
      ...cpuBackend,
      conv2dBackwardFilter: (a, g, accumulate) => {
        cpuBackend.conv2dBackwardFilter(a, g, accumulate);
        for (let i = 0; i < a.dweight.length; i++) a.dweight[i] *= 1.001;
      },
    };
    const report = gradientCheck(net, analyzedGraph(net), { seed: 2, backend: scaled });
    expect(report.tensors.find((t) => t.name === 'c.weight')!.maxRelError).toBeGreaterThan(5e-4);
    expect(report.ok).toBe(false);
  });

  it('skips elements whose step crosses a relu kink instead of failing on them', () => {
    // Piecewise quadratic in every parameter (linear layers, relu, mse): centered differences are exact inside a
    // region whatever the step, so with a huge step every mismatch is a kink crossing, and all of them are skipped.
    const pieces = chainFromShape([6], [{ type: 'dense', units: 8 }, { type: 'relu' }, { type: 'dense', units: 2 }]);
    const report = gradientCheck(pieces, analyzedGraph(pieces), { seed: 2, step: 0.3, loss: 'mse' });
    expect(report.tensors.reduce((s, t) => s + t.skipped, 0)).toBeGreaterThan(0);
    expect(report.ok).toBe(true);
  });

  it('float32 stays within the documented float32 tolerance', () => {
    const report = gradientCheck(net, analyzedGraph(net), { seed: 2, dtype: 'float32' });
    expect(report.tolerance).toBe(FLOAT32_TOLERANCE);
    expect(report.ok).toBe(true);
  });
});

describe('wiregrad check', () => {
  let dir: string;
  let out: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-check-'));
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, nodes: object[], edges: [string, string][]) => {
    const file = path.join(dir, name);
    const doc = { format: 'wiregrad.graph', version: 1, name, nodes, edges: edges.map(([from, to]) => ({ from, to })) };
    fs.writeFileSync(file, JSON.stringify(doc));
    return file;
  };

  it('prints a table and exits 0 when every tensor is within tolerance', async () => {
    const file = write(
      'ok.nn.json',
      [
        { id: 'in', type: 'input', shape: [4, 4, 1] },
        { id: 'c1', type: 'conv2d', filters: 2, kernel: 3, padding: 'same' },
        { id: 'bn', type: 'batchnorm' },
        { id: 'd', type: 'dropout', rate: 0.2 },
        { id: 'out', type: 'dense', units: 3 },
        { id: 'sm', type: 'softmax' },
      ],
      [['in', 'c1'], ['c1', 'bn'], ['bn', 'd'], ['d', 'out'], ['out', 'sm']],
    );
    expect(await check.run([file, '--batch', '3', '--seed', '5'])).toBe(0);
    expect(out).toMatch(/^tensor\s+shape\s+max rel error\s+elements\s+status/);
    expect(out).toMatch(/c1\.weight\s+3×3×1×2\s+\S+\s+18\s+OK/);
    expect(out).toMatch(/input\s+3×4×4×1\s+\S+\s+24\s+OK/);
    expect(out).toContain('loss cross-entropy, float64, tolerance 1e-5: all 7 tensors OK');
  });

  it('exits 2 with the diagnostics when the graph has errors', async () => {
    const file = write(
      'bad.nn.json',
      [{ id: 'in', type: 'input', shape: [4, 4, 1] }, { id: 'big', type: 'conv2d', filters: 2, kernel: 9 }],
      [['in', 'big']],
    );
    const err = await check.run([file]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    expect((err as CliError).message).toMatch(/error in node 'big'/);
  });

  it('exits 2 when the file cannot be read, and on a bad option', async () => {
    await expect(check.run([path.join(dir, 'missing.nn.json')])).rejects.toMatchObject({ exitCode: 2, message: /no such file/ });
    await expect(check.run(['x.nn.json', '--batch', '0'])).rejects.toMatchObject({ exitCode: 2, message: /--batch/ });
    await expect(check.run(['x.nn.json', '--fast'])).rejects.toMatchObject({ exitCode: 2, message: /unknown option --fast/ });
  });
});

describe('the example networks pass the check', () => {
  // The lecture net shares each conv weight across ~1,500 relu units and max-pool windows: the case where steps
  // cross kinks most often.
  it.each(['lenet5.nn.json', 'lecture-32x32x3.nn.json', 'maxout-x2.nn.json'])('%s', (name) => {
    const { graph: g, analysis } = exampleGraph(name);
    const report = gradientCheck(g, analysis, { batch: 2, seed: 0 });
    expect(report.tensors.filter((t) => !t.ok || t.checked === 0)).toEqual([]);
  });
});

describe('gradientCheck progress', () => {
  it('reports each tensor before checking it, in the order of the report, the input last', () => {
    const { graph: g, analysis } = exampleGraph('lenet5.nn.json');
    const seen: string[] = [];
    const report = gradientCheck(g, analysis, { batch: 1, maxElements: 2, onTensor: (i, total, name) => seen.push(`${i + 1}/${total} ${name}`) });
    // LeNet-5: five layers with a weight and a bias each, then the input: 11 tensors.
    expect(seen).toEqual(report.tensors.map((t, i) => `${i + 1}/11 ${t.name}`));
    expect(seen[0]).toBe('1/11 c1.weight');
    expect(seen[10]).toBe('11/11 input');
  });
});
