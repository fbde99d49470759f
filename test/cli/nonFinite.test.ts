/**
 * NaN is never a result: weights that overflow (finite float32 values whose products are not) make predict and
 * evaluate exit 1 with a message, instead of printing "NaN%" or "loss NaN" with exit 0.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { saveWeights } from '../../engine/checkpoint/weights';

const CLI = path.join(__dirname, '..', '..', 'bin', 'wiregrad.js');

function png(file: string, value: number): void {
  const image = new PNG({ width: 2, height: 2 });
  image.data.fill(value);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, PNG.sync.write(image));
}

describe('non-finite results', () => {
  it('predict and evaluate exit 1 naming the non-finite value', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-nan-'));
    const graph = {
      format: 'wiregrad.graph',
      version: 1,
      name: 'huge',
      nodes: [
        { id: 'input', type: 'input', shape: [2, 2, 1] },
        { id: 'out', type: 'dense', units: 2 },
      ],
      edges: [{ from: 'input', to: 'out' }],
    };
    fs.writeFileSync(path.join(dir, 'huge.nn.json'), JSON.stringify(graph));
    // Each weight is a finite float32; four of them summed overflow to Infinity, and softmax of Infinity is NaN.
    const params = [
      { key: 'out.weight', shape: [4, 2], value: new Float32Array(8).fill(3e38) },
      { key: 'out.bias', shape: [2], value: new Float32Array(2) },
    ];
    saveWeights(path.join(dir, 'huge.safetensors'), params as never, { graph: 'huge', task: 'classification', classNames: ['a', 'b'], globalStep: 1 });
    png(path.join(dir, 'x.png'), 255);
    for (let i = 0; i < 10; i++) {
      png(path.join(dir, 'data', 'a', `${i}.png`), 255);
      png(path.join(dir, 'data', 'b', `${i}.png`), 200);
    }
    const predict = spawnSync(process.execPath, [CLI, 'predict', 'huge.nn.json', 'x.png'], { cwd: dir, encoding: 'utf8' });
    expect(predict.stdout).not.toMatch(/NaN/);
    expect(predict.stderr).toMatch(/x\.png: the network's output is not finite \((NaN|Infinity)/);
    expect(predict.status).toBe(1);
    const evaluate = spawnSync(process.execPath, [CLI, 'evaluate', 'huge.nn.json', '--data', 'folder:data'], { cwd: dir, encoding: 'utf8' });
    expect(evaluate.stdout).not.toMatch(/NaN/);
    expect(evaluate.stderr).toMatch(/the test loss is not finite \(NaN\)/);
    expect(evaluate.status).toBe(1);
  });
});
