/**
 * A weights file's metadata is checked as strictly as its tensors: a normalisation that divides by zero, a mean that
 * is not a number, class names that are not strings or are absurdly many would turn every prediction into NaN or
 * flood the terminal. Each is refused naming the file and the field.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSafetensors } from '../../engine/checkpoint/safetensors';
import { readWeights } from '../../engine/checkpoint/weights';

function weightsWith(metadata: Record<string, string>): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wg-meta-')), 'm.safetensors');
  fs.writeFileSync(file, encodeSafetensors([{ name: 'out.bias', shape: [2], data: new Float32Array(2) }], { format: 'wiregrad.weights/1', graph: 'g', globalStep: '1', ...metadata }));
  return file;
}

describe('weights metadata', () => {
  it('accepts what training writes', () => {
    const file = weightsWith({ normalization: JSON.stringify({ mean: [0.1307], std: [0.3081] }), classNames: JSON.stringify(['0', '1']), task: 'classification', seed: '7' });
    expect(readWeights(file).info).toMatchObject({ normalization: { mean: [0.1307], std: [0.3081] }, classNames: ['0', '1'], task: 'classification', seed: 7, globalStep: 1 });
  });

  it.each([
    [{ normalization: '{"mean":[0],"std":[0]}' }, /__metadata__\.normalization\.std\[0\] must be a finite number > 0, got 0/],
    [{ normalization: '{"mean":[0],"std":[-1]}' }, /normalization\.std\[0\] must be a finite number > 0, got -1/],
    [{ normalization: '{"mean":[null],"std":[1]}' }, /normalization\.mean\[0\] must be a finite number, got null/],
    [{ normalization: '{"mean":[1e999],"std":[1]}' }, /normalization\.mean\[0\] must be a finite number, got Infinity/],
    [{ normalization: '{"mean":[0,0],"std":[1]}' }, /normalization has 2 means but 1 standard deviation/],
    [{ normalization: '{"mean":[],"std":[]}' }, /normalization\.mean must be a list of 1 to 65536 numbers/],
    [{ normalization: '[1]' }, /normalization must be an object \{ mean, std \}/],
    [{ classNames: '[1, 2]' }, /__metadata__\.classNames\[0\] must be a string/],
    [{ classNames: JSON.stringify(['x'.repeat(1001)]) }, /classNames\[0\] is longer than 1000 characters/],
    [{ classNames: JSON.stringify(Array.from({ length: 100_001 }, (_, i) => String(i))) }, /classNames has 100001 names, more than 100000/],
    [{ classNames: '"cat"' }, /classNames must be a list of strings/],
    [{ task: 'poetry' }, /__metadata__\.task must be "classification" or "regression", got "poetry"/],
    [{ globalStep: '-3' }, /__metadata__\.globalStep must be a whole number ≥ 0, got "-3"/],
    [{ seed: '1.5' }, /__metadata__\.seed must be a whole number, got "1\.5"/],
  ])('refuses %j naming the field', (metadata, message) => {
    const file = weightsWith(metadata as Record<string, string>);
    expect(() => readWeights(file)).toThrow(message);
    expect(() => readWeights(file)).toThrow(file);
  });
});
