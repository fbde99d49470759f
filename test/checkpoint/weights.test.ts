import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyWeights, readWeights, saveWeights } from '../../engine/checkpoint/weights';
import { checkpointPaths } from '../../engine/checkpoint/paths';
import { readTrainingState, saveTrainingState } from '../../engine/checkpoint/training-state';
import { Adam } from '../../engine/optim/adam';
import type { ParamTensor } from '../../engine/model/params';

function tensor(key: string, shape: number[], fill: (i: number) => number, trainable = true): ParamTensor {
  const [node, name] = key.split('.');
  const n = shape.reduce((a, b) => a * b, 1);
  return {
    node,
    name,
    key,
    shape,
    value: Float32Array.from({ length: n }, (_, i) => fill(i)),
    grad: trainable ? new Float32Array(n) : null,
    trainable,
    decay: name === 'weight',
  };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wg-ckpt-'));

describe('weights files', () => {
  it('sit beside the graph, named after it', () => {
    expect(checkpointPaths('/a/b/lenet5.nn.json')).toEqual({ weights: '/a/b/lenet5.safetensors', state: '/a/b/lenet5.ckpt.safetensors' });
  });

  it('save every parameter and load it back with its metadata', () => {
    const file = path.join(tmp(), 'm.safetensors');
    const params = [tensor('c1.weight', [3, 3, 1, 2], (i) => i * 0.5), tensor('bn.running_var', [2], () => 2, false)];
    saveWeights(file, params, { graph: 'm', classNames: ['zero', 'one'], normalization: { mean: [0.1], std: [0.3] }, globalStep: 12 });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['m.safetensors']); // no temporary file left behind
    const loaded = readWeights(file);
    expect(loaded.info).toMatchObject({ graph: 'm', classNames: ['zero', 'one'], normalization: { mean: [0.1], std: [0.3] }, globalStep: 12 });
    const fresh = [tensor('c1.weight', [3, 3, 1, 2], () => 0), tensor('bn.running_var', [2], () => 0, false)];
    applyWeights(fresh, loaded, file);
    expect(Array.from(fresh[0].value)).toEqual(Array.from(params[0].value));
    expect(Array.from(fresh[1].value)).toEqual([2, 2]);
  });

  it('refuse a tensor whose shape changed, naming it and both shapes', () => {
    const file = path.join(tmp(), 'm.safetensors');
    saveWeights(file, [tensor('c1.weight', [5, 5, 1, 6], () => 1)], { graph: 'm', globalStep: 0 });
    const changed = [tensor('c1.weight', [3, 3, 1, 6], () => 0)];
    expect(() => applyWeights(changed, readWeights(file), file)).toThrow(
      /m\.safetensors: tensor 'c1\.weight' has shape \[5, 5, 1, 6\] in the file but the graph needs \[3, 3, 1, 6\]/,
    );
    expect(changed[0].value[0]).toBe(0); // nothing half-applied
    expect(() => applyWeights([tensor('c2.weight', [1], () => 0)], readWeights(file), file)).toThrow(/'c1\.weight' is not a parameter/);
    expect(() => applyWeights([], readWeights(file), file)).toThrow(/'c1\.weight' is not a parameter/);
  });

  it('say clearly when the file is missing or truncated', () => {
    const dir = tmp();
    expect(() => readWeights(path.join(dir, 'none.safetensors'))).toThrow(/none\.safetensors: no saved weights/);
    const file = path.join(dir, 'cut.safetensors');
    saveWeights(file, [tensor('c1.weight', [100], () => 1)], { graph: 'm', globalStep: 0 });
    fs.truncateSync(file, fs.statSync(file).size - 10);
    expect(() => readWeights(file)).toThrow(/cut\.safetensors: not a valid safetensors file.*truncated/);
  });
});

describe('training-state files', () => {
  it('round-trip the optimizer slots, step and progress', () => {
    const file = path.join(tmp(), 'm.ckpt.safetensors');
    const w = tensor('d.weight', [2, 3], (i) => i);
    const opt = new Adam();
    w.grad!.fill(0.5);
    opt.step([w], 0.01);
    saveTrainingState(file, { optimizer: opt.state(), globalStep: 1, extra: { progress: '{"epoch":0}' } }, new Map([[w.key, w.shape]]));
    const state = readTrainingState(file);
    expect(state.globalStep).toBe(1);
    expect(state.extra).toEqual({ progress: '{"epoch":0}' });
    expect(state.optimizer.kind).toBe('adam');
    expect(state.optimizer.step).toBe(1);
    // m = (1 − β₁)·0.5 = 0.05, v = (1 − β₂)·0.25 = 0.00025
    expect(state.optimizer.slots['d.weight'].m[0]).toBeCloseTo(0.05, 7);
    expect(state.optimizer.slots['d.weight'].v[5]).toBeCloseTo(0.00025, 9);
    const again = new Adam();
    again.load(state.optimizer, [w]);
    expect(again.stepCount).toBe(1);
  });
});

describe('a damaged weights file', () => {
  it('with a bit flipped into a NaN is refused, naming the tensor and the element, and leaves the model untouched', () => {
    const file = path.join(tmp(), 'm.safetensors');
    saveWeights(file, [tensor('d.weight', [2, 2], (i) => i + 1), tensor('d.bias', [2], () => 0.5)], { graph: 'm', globalStep: 1 });
    const bytes = fs.readFileSync(file);
    // The last float32 of the data (d.bias[1], little-endian) becomes 0x7fffffff: a NaN.
    bytes.writeUInt32LE(0x7fffffff, bytes.length - 4);
    fs.writeFileSync(file, bytes);
    const fresh = [tensor('d.weight', [2, 2], () => 0), tensor('d.bias', [2], () => 0)];
    expect(() => applyWeights(fresh, readWeights(file), file)).toThrow(`${file}: tensor 'd.bias' holds NaN at element 1; the file is damaged (train again)`);
    expect(Array.from(fresh[0].value)).toEqual([0, 0, 0, 0]);
  });
});
