/** `wiregrad export --to onnx`: which weights it writes (and says so), the same bytes each time, clear refusals. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { onnx } from '../../engine/export/onnx/proto';
import { loadTrainedModel } from '../../engine/train/inference';
import { ort } from '../export/onnxReference';

const CLI = path.join(__dirname, '..', '..', 'bin', 'wiregrad.js');
let dir = '';

function wiregrad(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tiny = {
  format: 'wiregrad.graph',
  version: 1,
  name: 'tiny',
  nodes: [
    { id: 'input', type: 'input', shape: [2] },
    { id: 'hidden', type: 'dense', units: 3 },
    { id: 'act', type: 'tanh' },
    { id: 'out', type: 'dense', units: 2 },
  ],
  edges: [
    { from: 'input', to: 'hidden' },
    { from: 'hidden', to: 'act' },
    { from: 'act', to: 'out' },
  ],
  training: { dataset: 'csv:two.csv', epochs: 2, batchSize: 8, seed: 7 },
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-export-'));
  const rows = Array.from({ length: 60 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${i % 2}`);
  fs.writeFileSync(path.join(dir, 'two.csv'), ['a,b,label', ...rows].join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'fresh.nn.json'), JSON.stringify({ ...tiny, name: 'fresh' }));
  fs.writeFileSync(path.join(dir, 'trained.nn.json'), JSON.stringify(tiny));
  const trained = wiregrad('train', 'trained.nn.json');
  if (trained.code !== 0) throw new Error(`training the fixture failed: ${trained.err}`);
});

describe('wiregrad export --to onnx', () => {
  it('without trained weights exports freshly initialised ones from the seed, says so, and writes the same bytes twice', () => {
    const first = wiregrad('export', 'fresh.nn.json', '--to', 'onnx');
    expect(first.code).toBe(0);
    expect(first.err).toContain('freshly initialised weights (seed 7): there is no fresh.safetensors beside the graph');
    expect(first.out).toMatch(/^Wrote fresh\.onnx \([\d,]+ bytes\)\n$/);
    const again = wiregrad('export', 'fresh.nn.json', '--to', 'onnx', '--out', 'again.onnx');
    expect(again.code).toBe(0);
    expect(Buffer.compare(fs.readFileSync(path.join(dir, 'fresh.onnx')), fs.readFileSync(path.join(dir, 'again.onnx')))).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('with trained weights beside the graph computes what the trained model predicts', async () => {
    const r = wiregrad('export', 'trained.nn.json', '--to', 'onnx');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/trained weights from trained\.safetensors \(\d+ updates\)/);
    const bytes = fs.readFileSync(path.join(dir, 'trained.onnx'));
    const proto = onnx.ModelProto.decode(bytes);
    expect(proto.graph!.node!.map((n) => `${n.name}:${n.opType}`)).toEqual(['hidden:Gemm', 'act:Tanh', 'out:Gemm']);
    expect(proto.metadataProps.find((p) => p.key === 'wiregrad.weights')?.value).toBe('trained');

    const { model } = loadTrainedModel(path.join(dir, 'trained.nn.json'));
    const x = Float32Array.from([0.1, 0.9, 0.5, 0.25, 1, 0]);
    const expected = model.forward(x, 3, 'eval');
    const session = await ort.InferenceSession.create(bytes);
    const got = (await session.run({ input: new ort.Tensor('float32', x, [3, 2]) })).out.data;
    for (let i = 0; i < 6; i++) expect(Math.abs(got[i] - expected[i])).toBeLessThan(1e-6);
  });

  it('--weights picks another file, and refuses one that does not fit the graph', () => {
    expect(wiregrad('export', 'fresh.nn.json', '--to', 'onnx', '--weights', 'trained.safetensors').err).toContain('weights from trained.safetensors');
    fs.writeFileSync(path.join(dir, 'wide.nn.json'), JSON.stringify({ ...tiny, nodes: tiny.nodes.map((n) => (n.id === 'hidden' ? { ...n, units: 4 } : n)) }));
    const r = wiregrad('export', 'wide.nn.json', '--to', 'onnx', '--weights', 'trained.safetensors');
    expect(r.code).toBe(1);
    expect(r.err).toContain("tensor 'hidden.weight' has shape [2, 3] in the file but the graph needs [2, 4]");
    expect(fs.existsSync(path.join(dir, 'wide.onnx'))).toBe(false);
  });

  it('refuses a graph with errors, an unknown target and a missing folder, writing nothing', () => {
    fs.writeFileSync(path.join(dir, 'broken.nn.json'), JSON.stringify({ ...tiny, nodes: [...tiny.nodes.slice(0, 3), { id: 'out', type: 'conv2d', filters: 2, kernel: 3 }] }));
    const broken = wiregrad('export', 'broken.nn.json', '--to', 'onnx');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain("the graph has errors (node 'out'");
    expect(fs.existsSync(path.join(dir, 'broken.onnx'))).toBe(false);
    const target = wiregrad('export', 'fresh.nn.json', '--to', 'keras');
    expect([target.code, target.err.trim()]).toEqual([2, "wiregrad: unknown export target 'keras': use onnx, pytorch, svg."]);
    expect(wiregrad('export', 'fresh.nn.json', '--to', 'onnx', '--out', 'no/such/dir/x.onnx').err).toContain('the folder no/such/dir does not exist');
  });
});
