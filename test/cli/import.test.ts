/** `wiregrad import MODEL.onnx`: a graph file and its weights that the rest of wiregrad reads, or nothing and a list. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWeights } from '../../engine/checkpoint/weights';
import { onnx } from '../../engine/export/onnx/proto';

const CLI = path.join(__dirname, '..', '..', 'bin', 'wiregrad.js');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'onnx');
let dir = '';

function wiregrad(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-import-'));
  for (const f of ['tiny-resnet.onnx', 'depthwise-separable.onnx']) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  // Two ops no wiregrad block does (local response normalisation, Shrink), and a Relu that depends on one of them.
  const value = (name: string) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 3 }, { dimValue: 8 }, { dimValue: 8 }] } } } });
  const odd: onnx.IModelProto = {
    irVersion: 8,
    opsetImport: [{ version: 17 }],
    graph: {
      name: 'odd',
      input: [value('x')],
      output: [value('z')],
      node: [
        { name: 'lrn', opType: 'LRN', input: ['x'], output: ['y'], attribute: [{ name: 'size', type: 2, i: 3 }] },
        { name: 'after', opType: 'Relu', input: ['y'], output: ['y2'] },
        { name: 'shrink', opType: 'Shrink', input: ['x'], output: ['z'] },
      ],
    },
  };
  fs.writeFileSync(path.join(dir, 'odd.onnx'), onnx.ModelProto.encode(odd).finish());
});

describe('wiregrad import', () => {
  it('writes NAME.nn.json and NAME.safetensors beside the model, which summary and the weights reader accept', () => {
    const r = wiregrad('import', 'tiny-resnet.onnx');
    expect(r.code).toBe(0);
    expect(r.out).toBe('Wrote tiny-resnet.nn.json (13 nodes, 1,506 trainable + 48 non-trainable parameters)\nWrote tiny-resnet.safetensors\n');
    const summary = wiregrad('summary', 'tiny-resnet.nn.json');
    expect(summary.code).toBe(0);
    expect(summary.out).toContain('Total params: 1,554');
    const weights = readWeights(path.join(dir, 'tiny-resnet.safetensors'));
    expect(weights.tensors.get('stem.weight')!.shape).toEqual([3, 3, 3, 8]);
    expect(weights.tensors.get('bn1.running_var')!.shape).toEqual([8]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'tiny-resnet.nn.json'), 'utf8')).name).toBe('tiny-resnet');
  });

  it('--out names the graph; the weights follow it', () => {
    fs.mkdirSync(path.join(dir, 'models'));
    expect(wiregrad('import', 'tiny-resnet.onnx', '--out', 'models/r.nn.json').code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'models')).sort()).toEqual(['r.nn.json', 'r.safetensors']);
  });

  it('lists the unsupported nodes, exits 1 and writes nothing', () => {
    const r = wiregrad('import', 'odd.onnx');
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'wiregrad: odd.onnx: 2 nodes cannot be imported, so nothing was written:\n  lrn (LRN): no wiregrad block does LRN\n  shrink (Shrink): no wiregrad block does Shrink\n',
    );
    expect(fs.existsSync(path.join(dir, 'odd.nn.json'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'odd.safetensors'))).toBe(false);
  });

  it('a missing file is a usage error (2); a file that is not ONNX says so (1)', () => {
    expect(wiregrad('import', 'nope.onnx')).toMatchObject({ code: 2, err: 'wiregrad: cannot read nope.onnx: no such file\n' });
    fs.writeFileSync(path.join(dir, 'half.onnx'), fs.readFileSync(path.join(FIXTURES, 'tiny-resnet.onnx')).subarray(0, 2000));
    const half = wiregrad('import', 'half.onnx');
    expect(half.code).toBe(1);
    expect(half.err).toMatch(/^wiregrad: half\.onnx: not a valid ONNX model \(the protobuf does not decode: .*\); the file may be truncated or not ONNX\n$/);
  });
});
