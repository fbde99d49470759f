/**
 * The plumbing of `npm run bench` (bench/workloads): one quick run of W1 and a tiny GEMM against tfjs-wasm, each
 * cell in its own process. Asserts what can be wrong without timing anything: every cell reports, the peer is the
 * backend it claims, both trained the same fixed batch from the same loss, and the table has the rows it says.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');

beforeAll(() => {
  execFileSync(process.execPath, ['esbuild.mjs', '--only=bench/workloads,bench/tfjsPeer'], { cwd: ROOT });
});

describe('npm run bench', () => {
  it('measures W1 and a 64³ GEMM with wiregrad and tfjs-wasm and prints ratios and targets', () => {
    const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-bench-')), 'out.json');
    const r = spawnSync(process.execPath, ['dist/bench/workloads.js', '--quick', '--workloads', 'w1', '--peers', 'tfjs-wasm', '--threads', '1', '--gemm-sizes', '64', '--no-residual', '--json', json], {
      cwd: ROOT, encoding: 'utf8', timeout: 240_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(fs.readFileSync(json, 'utf8'));
    const wg = j.cells['w1|wg'][0];
    const peer = j.cells['w1|tfjs-wasm'][0];
    expect(wg.error).toBeUndefined();
    expect(peer.error).toBeUndefined();
    expect(['wasm-relaxed-simd', 'wasm-simd', 'cpu']).toContain(wg.info.backend);
    expect(wg.info.threads).toBe(1);
    expect(peer.info).toMatchObject({ backend: 'wasm', threads: 1, simd: true, tfjs: '4.22.0' });
    for (const cell of [wg, peer]) {
      for (const mode of ['train', 'infer']) expect(cell.modes[mode].samplesPerSec).toBeGreaterThan(0);
      // Same fixed batch, ten classes, Glorot/He-scale weights: the first loss is near ln 10 for both and falls.
      expect(cell.modes.train.firstLoss).toBeGreaterThan(1.5);
      expect(cell.modes.train.firstLoss).toBeLessThan(4);
      expect(cell.modes.train.lastLoss).toBeLessThan(cell.modes.train.firstLoss);
    }
    expect(j.summary['w1.train'].ratioBestPeer).toBeCloseTo(wg.modes.train.samplesPerSec / peer.modes.train.samplesPerSec, 9);
    expect(j.cells['gemm|wg'][0].gemm[0]).toMatchObject({ shape: { m: 64, k: 64, n: 64 } });
    expect(j.cells['gemm|tfjs-wasm'][0].gemm[0].gflops).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/^\| W1 mlp 784-128-10, batch 64 .*\| [\d.]+× vs ≥ 3× → (PASS|MISS) \|$/m);
    expect(r.stdout).toMatch(/^\| 64³ \(M 64, K 64, N 64\) \| [\d.,]+ \| [\d.,]+ \| [\d.]+× \|$/m);
    expect(r.stdout).toContain('has no Conv2DBackpropFilter kernel');
  }, 250_000);

  it('checks the Conv2DBackpropFilter it registers for tfjs-wasm against tfjs-cpu before measuring conv nets', () => {
    const r = spawnSync(process.execPath, ['dist/bench/workloads.js', '--quick', '--workloads', 'w2', '--peers', 'tfjs-wasm', '--threads', '1', '--no-gemm', '--no-residual'], {
      cwd: ROOT, encoding: 'utf8', timeout: 240_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const m = /checked against tfjs-cpu's kernel on W2\/W3 conv shapes: max relative error ([\d.e+-]+)\)/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(Number(m![1])).toBeLessThan(1e-4);
    expect(r.stdout).toMatch(/^\| W2 LeNet 28×28×1, batch 64 .*\| [\d.,]+ \| [\d.,]+ \| [\d.]+× \| [\d.]+× vs ≥ 3× → (PASS|MISS) \|$/m);
  }, 250_000);

  it('trains R1, the residual net with batchnorm, on the WASM and the TypeScript kernels, and says when PyTorch is missing', () => {
    const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-bench-')), 'out.json');
    const r = spawnSync(process.execPath, ['dist/bench/workloads.js', '--quick', '--workloads', 'w1', '--peers', 'pytorch', '--threads', '1', '--no-gemm', '--json', json], {
      cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, WIREGRAD_TORCH_PYTHON: path.join(os.tmpdir(), 'no-such-python') },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('PyTorch: not installed (scripts/torch/install.sh)');
    const j = JSON.parse(fs.readFileSync(json, 'utf8'));
    const wasm = j.cells['r1|wg'][0], ts = j.cells['r1|ts'][0];
    expect(wasm.info.backend).toMatch(/^wasm-/);
    expect(ts.info.backend).toBe('cpu');
    // The same seed and batch: both backends start from the same loss (batchnorm makes it about ln 10).
    expect(Math.abs(wasm.modes.train.firstLoss - ts.modes.train.firstLoss)).toBeLessThan(1e-4 * ts.modes.train.firstLoss);
    expect(wasm.modes.train.firstLoss).toBeGreaterThan(1.5);
    expect(r.stdout).toMatch(/^\| training samples\/s \(loss [\d.]+→[\d.]+ after \d+ updates\) \| [\d.,]+ \| [\d.,]+ \| [\d.]+× \|$/m);
    expect(r.stdout).toMatch(/Peak RSS of the wiregrad 1-thread cell processes .*R1 \d+ MiB/);
  }, 250_000);
});
